import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Routing candidates")
struct RoutingCandidatesTests {
    static let today = Day(TestClock.now)

    func request(_ departement: String, axes: Set<Axis> = [.solidarite], declinedBy: Set<Int64> = [], preferred: Int64? = nil,
                 in db: Database) throws -> CaseRouting.Request {
        CaseRouting.Request(departementCode: departement, regionCode: try AppDatabase.regionCode(ofDepartement: departement, in: db) ?? "",
                            axes: axes, declinedBy: declinedBy, preferred: preferred)
    }

    func covering(_ departement: String, in db: Database) throws -> Set<Int64> {
        Set(try Int64.fetchAll(db, sql: "SELECT correspondentId FROM correspondentDepartement WHERE departementCode = ?", arguments: [departement]))
    }

    /// The seeded network with an account that can sign in for every correspondent: routing passes
    /// over the others, so without them nobody near would ever be eligible.
    static func seededWithAccounts() throws -> AppDatabase {
        let database = try TestDatabase.seeded()
        try database.writer.write { db in
            try db.execute(sql: """
                INSERT INTO user (email, name, role, employerName, notificationEmail, phone, passwordHash, emailConfirmedAt, correspondentId, demo, createdAt, updatedAt)
                SELECT lower(email), firstName || ' ' || lastName, 'correspondant', '', lower(email), '', 'hash', ?, id, 0, ?, ?
                FROM correspondent
                """, arguments: [TestClock.now, TestClock.now, TestClock.now])
        }
        return database
    }

    @Test("a correspondent no account that can sign in speaks for, or without capacity, is never read: never eligible")
    func signInNeeded() throws {
        let database = try TestDatabase.seeded()
        try database.reader.read { db in
            let active = try Int.fetchOne(db, sql: "SELECT count(*) FROM correspondent WHERE active") ?? 0
            let everyone = try AppDatabase.routingCandidates(where: "1", [], in: db)
            #expect(active > 0 && everyone.isEmpty)
        }
        let withAccounts = try Self.seededWithAccounts()
        try withAccounts.writer.write { db in
            let someone = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM correspondent WHERE active ORDER BY id LIMIT 1"))
            try db.execute(sql: "UPDATE correspondent SET capacity = 0 WHERE id = ?", arguments: [someone])
            let everyone = try AppDatabase.routingCandidates(where: "1", [], in: db)
            #expect(!everyone.isEmpty && everyone.allSatisfy(\.canSignIn) && !everyone.contains { $0.id == someone })
        }
    }

    @Test("when someone covering the département can take the case, only that département's correspondents are read")
    func departementFirst() throws {
        let database = try Self.seededWithAccounts()
        try database.reader.read { db in
            let departement = try #require(try String.fetchOne(db, sql: """
                SELECT cd.departementCode FROM correspondentDepartement cd JOIN correspondent c ON c.id = cd.correspondentId
                WHERE c.active AND c.absentUntil IS NULL AND c.capacity > 0
                  AND c.id IN (SELECT correspondentId FROM correspondentAxis WHERE axis = 'solidarite') ORDER BY cd.departementCode LIMIT 1
                """))
            // MUT
            let candidates = try AppDatabase.routingCandidates(for: request(departement, in: db), today: Self.today, in: db)
            // validate
            #expect(!candidates.isEmpty)
            #expect(Set(candidates.map(\.id)).isSubset(of: try covering(departement, in: db)))
        }
    }

    @Test("when nobody of the département can, the région is read; when nobody of the région can, everyone")
    func widening() throws {
        let database = try Self.seededWithAccounts()
        try database.reader.read { db in
            let departement = try #require(try String.fetchOne(db, sql: "SELECT departementCode FROM correspondentDepartement ORDER BY departementCode LIMIT 1"))
            let local = try covering(departement, in: db)
            let regional = try AppDatabase.routingCandidates(for: request(departement, declinedBy: local, in: db), today: Self.today, in: db)
            #expect(regional.contains { !local.contains($0.id) })
            let region = try #require(try AppDatabase.regionCode(ofDepartement: departement, in: db))
            #expect(regional.allSatisfy { $0.regionCodes.contains(region) })

            let everyoneNear = local.union(regional.map(\.id))
            let national = try AppDatabase.routingCandidates(for: request(departement, declinedBy: everyoneNear, in: db), today: Self.today, in: db)
            #expect(national.count == (try Int.fetchOne(db, sql: "SELECT count(*) FROM correspondent WHERE active AND capacity > 0") ?? -1))
        }
    }

    @Test("for every département, axis and reopening, the choice is the one weighing every correspondent would make")
    func sameChoice() throws {
        let database = try TestDatabase.seeded()
        try database.reader.read { db in
            let everyone = try AppDatabase.routingCandidates(where: "1", [], in: db)
            let departements = try String.fetchAll(db, sql: "SELECT code FROM departement ORDER BY code")
            for departement in departements {
                for axis in Axis.allCases {
                    for preferred in [nil, everyone.last?.id] {
                        let request = try request(departement, axes: [axis], preferred: preferred, in: db)
                        let near = try AppDatabase.routingCandidates(for: request, today: Self.today, in: db)
                        #expect(CaseRouting.choose(for: request, among: near, today: Self.today)
                            == CaseRouting.choose(for: request, among: everyone, today: Self.today), "\(departement) \(axis)")
                    }
                }
            }
        }
    }
}
