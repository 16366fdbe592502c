import RelaisCore
import RelaisStore

/// `/recherche` from memory: the public entries' index (`SearchIndex`) is built once per content
/// generation, the synonyms are read once between their changes, and each query is then answered
/// without touching SQLite, with exactly the hits FTS5 would give (`AppDatabase.search`). Results
/// are computed for every query; nothing typed is kept.
///
/// Every change to what the search finds bumps the content generation (`searchEntry` is written by
/// the content tables' triggers), so the next search after it builds a new index, in the
/// background of the searches that wait for it: one build, however many arrive. A change made by
/// another process is seen within a second, as `ContentGeneration` sees it. The synonyms are
/// `ReadCache` values: read again after this process changes them, or after a second.
final class MemorySearch: Sendable {
    private let database: AppDatabase
    private let generation: ContentGeneration
    /// The index of the newest generation asked for, built once however many searches wait for it.
    private let indexes = ReadCache<Int64, SearchIndex>(commits: nil, maxAge: nil)
    private let synonyms: ReadCache<Int, [String: [String]]>

    init(database: AppDatabase, generation: ContentGeneration) {
        self.database = database
        self.generation = generation
        synonyms = ReadCache(commits: CommitCount(database: database, tracking: ["searchSynonym"]))
    }

    /// The hits of `query`, best first. The rare query the index cannot reproduce (a word FTS5's
    /// tokenizer does not see as one) goes to FTS5.
    func search(_ query: SearchQuery) async throws -> [AppDatabase.SearchHit] {
        guard !query.isEmpty else { return [] }
        let index = try await index()
        let database = database
        let expansions = try await synonyms.value(key: 0) { try await database.searchSynonymTable() }
        if let hits = index.search(query, expansions: expansions) { return hits }
        return try await database.search(query)
    }

    /// The index of the current content generation, built when there is none yet.
    func index() async throws -> SearchIndex {
        let database = database
        return try await indexes.value(key: try await generation.current()) { try await SearchIndex.load(from: database) }
    }
}
