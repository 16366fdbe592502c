import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Scale generator")
struct ScaleGeneratorTests {
    static let sizes = ScaleGenerator.Sizes(cases: 3_000, sheets: 120, correspondents: 150, messages: 9_000)

    func generated(seed: UInt64 = 7) throws -> AppDatabase {
        let database = try TestDatabase.seeded()
        _ = try ScaleGenerator(sizes: Self.sizes, seed: seed, now: TestClock.now, passwordHash: "$2b$10$test").run(into: database)
        return database
    }

    @Test("dates are written exactly as GRDB writes them, so comparisons in SQL hold")
    func storedDates() {
        for seconds in [0.0, 1_795_338_000.123, 1_709_164_799.999, 951_782_400.5, 4_102_444_799.0] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(StoredDate.text(date) == String.fromDatabaseValue(date.databaseValue))
        }
    }

    @Test("the totals asked for are reached, seeded rows included")
    func totals() throws {
        let database = try generated()
        let counts = try database.reader.read { db in
            try Row.fetchOne(db, sql: """
                SELECT (SELECT count(*) FROM caseFile) AS cases, (SELECT count(*) FROM factSheet) AS sheets,
                       (SELECT count(*) FROM correspondent) AS correspondents, (SELECT count(*) FROM caseMessage) AS messages
                """)!
        }
        #expect(counts["cases"] as Int == 3_000)
        #expect(counts["sheets"] as Int == 120)
        #expect(counts["correspondents"] as Int == 150)
        #expect(counts["messages"] as Int == 9_000)
    }

    @Test("references are unique, in opening order within a year, and only opened cases have one")
    func references() throws {
        let database = try generated()
        let rows = try database.reader.read { db in
            try Row.fetchAll(db, sql: "SELECT year, sequence, reference, openedAt FROM caseFile ORDER BY openedAt IS NULL, openedAt, id")
        }
        var last: [Int: Int] = [:]
        for row in rows {
            guard let opened: Date = row["openedAt"] else {
                #expect(row["reference"] as String? == nil)
                continue
            }
            let reference = try #require(CaseReference(row["reference"] as String))
            #expect(reference.year == Day(opened).year)
            #expect(reference.sequence == (last[reference.year] ?? 0) + 1)
            last[reference.year] = reference.sequence
        }
    }

    @Test("active cases are held by available correspondents within their capacity")
    func capacity() throws {
        let database = try generated()
        let (overloaded, unavailable, open) = try database.reader.read { db in
            (
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM correspondent c WHERE c.capacity < (SELECT count(*) FROM caseFile f
                        WHERE f.assigneeId = c.id AND f.status IN ('attribuee', 'prise_en_charge', 'en_attente'))
                    """)!,
                try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM caseFile f JOIN correspondent c ON c.id = f.assigneeId
                    WHERE f.status IN ('attribuee', 'prise_en_charge', 'en_attente') AND NOT c.active
                    """)!,
                try Int.fetchOne(db, sql: "SELECT count(*) FROM caseFile WHERE status IN ('attribuee', 'prise_en_charge', 'en_attente')")!
            )
        }
        #expect(overloaded == 0)
        #expect(unavailable == 0)
        #expect(open > 0)
    }

    @Test("every timeline is a path the case lifecycle allows, ending in the case's status")
    func timelines() throws {
        let database = try generated()
        let (cases, events) = try database.reader.read { db in
            (try CaseFile.filter(CaseFile.Columns.openedAt != nil).fetchAll(db),
             try CaseEvent.order(CaseEvent.Columns.at, Column("id")).fetchAll(db))
        }
        let byCase = Dictionary(grouping: events, by: \.caseId)
        for caseFile in cases {
            var status: CaseStatus?
            for event in byCase[caseFile.id!] ?? [] where event.toStatus != nil {
                #expect(event.fromStatus == status || (status == nil && event.kind == .opened), "\(caseFile.reference!) \(event.kind)")
                status = event.toStatus
            }
            #expect(status == caseFile.status, "\(caseFile.reference!)")
            #expect((caseFile.status == .close) == (caseFile.closedAt != nil))
            #expect(caseFile.status == .close || caseFile.anonymisedAt == nil)
        }
    }

    @Test("the deadlines find nothing to do on fresh data: late cases are already flagged, waits already reminded")
    func deadlinesUpToDate() throws {
        let database = try generated()
        let (late, toRemind) = try database.reader.read { db in
            (try AppDatabase.casesToEscalate(before: TestClock.now.addingTimeInterval(-48 * 3600), in: db).count,
             try AppDatabase.casesToRemind(before: TestClock.now.addingTimeInterval(-30 * 86_400), in: db).count)
        }
        #expect(late == 0)
        #expect(toRemind == 0)
    }

    @Test("the same seed gives the same data")
    func deterministic() throws {
        func fingerprint(_ database: AppDatabase) throws -> [String] {
            try database.reader.read { db in
                try String.fetchAll(db, sql: """
                    SELECT coalesce(reference, '') || status || coalesce(assigneeId, '') || lastActivityAt FROM caseFile ORDER BY id DESC LIMIT 50
                    """)
            }
        }
        #expect(try fingerprint(generated(seed: 3)) == fingerprint(generated(seed: 3)))
    }
}
