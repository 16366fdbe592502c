import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// The queries that run on every case opening, every minute or on every back-office page read an
/// index, never every case, event or message: their cost must not grow with years of data. Checked
/// with SQLite's own plan (`EXPLAIN QUERY PLAN`) of every statement they run, on generated data.
@Suite("Query plans", .serialized)
struct QueryPlanTests {
    static let database: Result<AppDatabase, any Error> = Result {
        let database = try TestDatabase.seeded()
        _ = try ScaleGenerator(sizes: .init(cases: 2_000, sheets: 60, correspondents: 120, messages: 4_000), seed: 5, now: TestClock.now,
                               passwordHash: "$2b$10$test").run(into: database)
        return database
    }

    /// Tables that grow with the years: none of them may be read whole.
    static let growing = ["caseFile", "caseEvent", "caseMessage", "caseNote", "caseAxis", "user", "auditEvent", "outboxMessage"]

    /// Every statement `body` runs, with the lines of its plan.
    func plans(_ body: (Database) throws -> Void) throws -> [(sql: String, plan: [String])] {
        let database = try Self.database.get()
        return try database.writer.write { db in
            var statements: [String] = []
            db.trace { event in
                if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
            }
            try body(db)
            db.trace(options: [], nil)
            return try statements.filter { sql in ["SELECT", "WITH", "DELETE", "UPDATE"].contains { sql.uppercased().hasPrefix($0) } }.map { sql in
                (sql, try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String })
            }
        }
    }

    /// The plan lines, for every statement `body` runs, that read a growing table whole.
    func fullScans(_ body: (Database) throws -> Void) throws -> [String] {
        var scans: [String] = []
        for (sql, plan) in try plans(body) {
            let aliases = Self.aliases(in: sql)
            for detail in plan {
                // « SCAN caseFile » or « SCAN f » (an alias): every row. « USING COVERING INDEX » reads an index whole.
                guard detail.hasPrefix("SCAN "), !detail.contains("VIRTUAL TABLE") else { continue }
                let name = String(detail.dropFirst(5).prefix { $0 != " " })
                if Self.growing.contains(aliases[name] ?? name) { scans.append("\(detail) in: \(sql)") }
            }
        }
        return scans
    }

    /// `alias` → table for `FROM table alias` and `JOIN table alias`.
    static func aliases(in sql: String) -> [String: String] {
        var result: [String: String] = [:]
        let words = sql.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "(" || $0 == ")" || $0 == "," }).map(String.init)
        for (index, word) in words.enumerated() where ["FROM", "JOIN"].contains(word.uppercased()) && index + 2 < words.count {
            result[words[index + 2]] = words[index + 1]
        }
        return result
    }

    @Test("the deadlines run every minute read indexes only")
    func deadlines() throws {
        let now = TestClock.now
        let scans = try fullScans { db in
            _ = try AppDatabase.casesToEscalate(before: now.addingTimeInterval(-48 * 3600), in: db)
            _ = try AppDatabase.casesToRemind(before: now.addingTimeInterval(-30 * 86_400), in: db)
            _ = try CaseFile.filter(CaseFile.Columns.openedAt == nil && Column("createdAt") < now.addingTimeInterval(-7 * 86_400)).fetchCount(db)
            _ = try FactSheet.all().published().filter(Column("nextReview") != nil && Column("nextReview") < Day(now).iso).fetchAll(db)
            _ = try OutboxMessage.filter(Column("kind") == "review-reminder" && Column("createdAt") > now.addingTimeInterval(-7 * 86_400)).fetchCount(db)
        }
        #expect(scans.isEmpty, "\(scans)")
    }

    @Test("routing a case reads the load and last assignment of the correspondents near it through indexes")
    func routing() throws {
        let scans = try fullScans { db in
            let request = CaseRouting.Request(departementCode: "33", regionCode: "75", axes: [.solidarite])
            _ = try AppDatabase.routingCandidates(for: request, today: Day(TestClock.now), in: db)
            _ = try AppDatabase.nextCaseReference(year: 2026, in: db)
        }
        #expect(scans.isEmpty, "\(scans)")
    }

    @Test("the staff queue reads the waiting cases from the status index")
    func staffQueue() async throws {
        let database = try Self.database.get()
        let scans = try fullScans { db in
            _ = try AppDatabase.summaries(db, where: """
                f.openedAt IS NOT NULL AND (f.status = 'nouvelle' OR (f.status = 'attribuee' AND f.escalatedAt IS NOT NULL))
                """, [], orderBy: "f.lastActivityAt DESC")
            _ = try AppDatabase.summaries(db, where: "f.assigneeId = ? AND f.openedAt IS NOT NULL", [1])
        }
        #expect(scans.isEmpty, "\(scans)")
        _ = database
    }

    @Test("a page of supervision, filtered or not, reads the cases in order instead of sorting them all")
    func supervision() async throws {
        let database = try Self.database.get()
        for status in [nil, CaseStatus.close, .priseEnCharge] {
            let sql = "SELECT f.id FROM caseFile f WHERE f.openedAt IS NOT NULL AND f.anonymisedAt IS NULL"
                + (status.map { " AND f.status = '\($0.rawValue)'" } ?? "")
                + " ORDER BY " + (status == nil ? AppDatabase.openFirst : "f.lastActivityAt DESC") + " LIMIT 50"
            let plan = try await database.reader.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
            }
            #expect(!plan.contains { $0.contains("TEMP B-TREE FOR ORDER BY") }, "\(status?.rawValue ?? "tous"): \(plan)")
        }
    }

    @Test("the dashboard figures read the cases of the period, not every case")
    func figures() throws {
        let scans = try fullScans { db in
            _ = try AppDatabase.caseFigures(since: TestClock.now.addingTimeInterval(-90 * 86_400), in: db)
        }
        // Counting by status reads the status index whole (a few bytes per case), never the cases.
        #expect(scans.filter { !$0.contains("COVERING INDEX") }.isEmpty, "\(scans)")
        // By région: the cases of the period first, never every case of each département in turn.
        let byRegion = try plans { db in _ = try AppDatabase.caseFigures(since: TestClock.now, in: db) }.first { $0.sql.contains("region r") }
        #expect(byRegion?.plan.first?.contains("caseFile_opened") == true, "\(String(describing: byRegion))")
    }
}
