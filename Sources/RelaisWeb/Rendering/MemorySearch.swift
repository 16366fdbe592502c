import NIOConcurrencyHelpers
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
    private struct State {
        var index: SearchIndex?
        /// A build under way, with the generation that asked for it.
        var building: (generation: Int64, task: Task<SearchIndex, any Error>)?
    }

    private enum Found {
        case ready(SearchIndex)
        case building(Task<SearchIndex, any Error>)
    }

    private let database: AppDatabase
    private let generation: ContentGeneration
    private let synonyms: ReadCache<Int, [String: [String]]>
    private let state = NIOLockedValueBox(State())

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
        let current = try await generation.current()
        let database = database
        let found: Found = state.withLockedValue { state in
            if let index = state.index, index.generation >= current { return .ready(index) }
            if let building = state.building, building.generation >= current { return .building(building.task) }
            let task = Task { try await SearchIndex.load(from: database) }
            state.building = (current, task)
            return .building(task)
        }
        switch found {
        case .ready(let index):
            return index
        case .building(let task):
            let result = await task.result
            state.withLockedValue { state in
                if let building = state.building, building.task == task { state.building = nil }
                if case .success(let built) = result, built.generation >= (state.index?.generation ?? .min) {
                    state.index = built
                }
            }
            return try result.get()
        }
    }
}
