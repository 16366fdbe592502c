import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
@testable import RelaisWeb
import RelaisTestSupport
import Testing

@Suite("Search from memory")
struct MemorySearchTests {
    @Test("one index per content generation, built once however many searches arrive, and rebuilt after a change")
    func oneBuildPerGeneration() async throws {
        let database = try TestDatabase.seeded()
        let search = MemorySearch(database: database, generation: try ContentGeneration(database: database, recheck: .hours(1)))
        let indexes = try await withThrowingTaskGroup(of: SearchIndex.self) { group in
            for _ in 0..<16 {
                group.addTask { try await search.index() }
            }
            return try await group.reduce(into: [SearchIndex]()) { $0.append($1) }
        }
        #expect(indexes.count == 16)
        #expect(indexes.allSatisfy { $0 === indexes[0] }, "one build served every search")
        #expect(try await search.index() === indexes[0], "kept while nothing changes")
        #expect(try await search.search(SearchQuery("gironde sur mer")).first?.ref != "33")

        try await database.writer.write { db in
            try db.execute(sql: "UPDATE departement SET name = 'Gironde-sur-Mer' WHERE code = '33'")
        }
        #expect(try await search.search(SearchQuery("gironde sur mer")).first?.ref == "33", "this process's change is seen at once")
        #expect(try await search.index() !== indexes[0])
    }

    @Test("a change written by another process is found within the recheck interval")
    func otherProcess() async throws {
        let (database, path, folder) = try TestDatabase.seededFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        let search = MemorySearch(database: database, generation: try ContentGeneration(database: database, recheck: .milliseconds(20)))
        #expect(try await search.search(SearchQuery("zygomorphe")).isEmpty)

        let other = try DatabaseQueue(path: path)  // like `relais seed` run beside the server
        try await other.write { db in
            try db.execute(sql: "UPDATE departement SET name = 'Zygomorphe' WHERE code = '33'")
        }
        try await Task.sleep(for: .milliseconds(40))
        #expect(try await search.search(SearchQuery("zygomorphe")).map(\.ref) == ["33"])
        try other.close()
    }

    @Test("a query with a word FTS5's tokenizer does not read as one is asked to FTS5")
    func fallback() async throws {
        let database = try TestDatabase.seeded()
        let search = MemorySearch(database: database, generation: try ContentGeneration(database: database))
        // New Tai Lue vowel signs: letters (Lo) since Unicode 8, spacing marks in the tables of
        // SQLite's tokenizer, which cuts nothing out of them.
        let query = SearchQuery("\u{19B0}\u{19B1} congé")
        #expect(!query.isEmpty)
        #expect(try await search.index().search(query, expansions: [:]) == nil)
        // FTS5 drops the empty phrase and finds « congé »: so does the page.
        let expected = try await database.search(query)
        #expect(expected.contains { $0.ref == "conge-special" })
        #expect(try await search.search(query) == expected)
    }
}
