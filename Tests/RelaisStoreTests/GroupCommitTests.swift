import Foundation
import GRDB
@_spi(UseCases) @testable import RelaisStore
import Testing

@Suite("Group commit")
struct GroupCommitTests {
    /// Counts the transactions a connection commits.
    final class CommitCounter: TransactionObserver, @unchecked Sendable {
        private let lock = NSLock()
        private var commits = 0
        var count: Int { lock.withLock { commits } }
        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool { true }
        func databaseDidChange(with event: DatabaseEvent) {}
        func databaseDidCommit(_ db: Database) { lock.withLock { commits += 1 } }
        func databaseDidRollback(_ db: Database) {}
    }

    static func withFileDatabase(_ body: (AppDatabase, String) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-group-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("relais.sqlite").path
        try await body(try AppDatabase.open(path: path), path)
    }

    static func insertRegion(_ code: String, in db: Database) throws {
        try db.execute(sql: "INSERT INTO region (code, name) VALUES (?, ?)", arguments: [code, "Région \(code)"])
    }

    @Test("writes arriving together share commits, and each is on disk when its caller is answered")
    func sharesCommits() async throws {
        try await Self.withFileDatabase { database, path in
            let counter = CommitCounter()
            try await database.writer.write { db in db.add(transactionObserver: counter, extent: .databaseLifetime) }
            let other = try DatabaseQueue(path: path)  // another connection sees only what is committed
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let code = "R\(index)"
                        let written = try await database.groupCommit.write { db in
                            try Self.insertRegion(code, in: db)
                            return code
                        }
                        #expect(written == code)
                        let stored = try await other.read { db in try Bool.fetchOne(db, sql: "SELECT 1 FROM region WHERE code = ?", arguments: [code]) }
                        #expect(stored == true, "answered only once committed")
                    }
                }
                try await group.waitForAll()
            }
            #expect(try await other.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM region WHERE code LIKE 'R%'") } == 200)
            #expect(counter.count < 200, "\(counter.count) commits for 200 writes")
        }
    }

    @Test("a write that throws undoes only itself; the others of its group are stored")
    func failureIsolated() async throws {
        try await Self.withFileDatabase { database, _ in
            struct Refused: Error {}
            let outcomes = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for index in 0..<50 {
                    group.addTask {
                        do {
                            try await database.groupCommit.write { db in
                                try Self.insertRegion("F\(index)", in: db)
                                if index % 5 == 0 { throw Refused() }  // after a row was written: it must go
                                if index % 7 == 0 { try Self.insertRegion("F\(index)", in: db) }  // the same key again
                            }
                            return (index, true)
                        } catch {
                            return (index, false)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            let stored = Set(try await database.reader.read { db in
                try String.fetchAll(db, sql: "SELECT code FROM region WHERE code LIKE 'F%'")
            })
            for index in 0..<50 {
                let shouldFail = index % 5 == 0 || index % 7 == 0
                #expect(outcomes[index] == !shouldFail, "write \(index)")
                if shouldFail { #expect(!stored.contains("F\(index)"), "write \(index) left a row") }
                if !shouldFail { #expect(stored.contains("F\(index)")) }
            }
        }
    }
}
