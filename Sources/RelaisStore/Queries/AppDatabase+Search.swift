import GRDB
import RelaisCore

/// Full-text search over what readers may see: published fact sheets, situations, partners,
/// correspondents (index and triggers: migration `v7-search`) and the départements' directory pages
/// (migration `journeys-search-synonyms`).
extension AppDatabase {
    /// One thing found, with its title and excerpt as stored text in which the matched words are
    /// wrapped in `SearchHit.markStart` / `markEnd`. The text is not HTML: escape it, then turn the
    /// marks into highlighting.
    public struct SearchHit: Sendable, Equatable {
        public enum Kind: String, Sendable, CaseIterable {
            case factSheet = "fiche"
            case situation
            case correspondent = "correspondant"
            case partner = "partenaire"
            /// A département's directory page (migration `journeys-search-synonyms`).
            case departement
        }

        /// Private-use characters: FTS5 copies them around matches; nothing typed produces them on
        /// purpose, and the page treats any stray one as a mark, never as markup.
        public static let markStart = "\u{E001}"
        public static let markEnd = "\u{E002}"

        /// Whether FTS5 marked a word in `text` (a scalar scan, not Foundation's slower `contains`).
        static func hasMark(_ text: String) -> Bool {
            text.unicodeScalars.contains("\u{E001}")
        }

        public var kind: Kind
        /// Slug (sheet, situation), key (partner), main département code (correspondent) or
        /// département code (directory page).
        public var ref: String
        public var title: String
        public var excerpt: String
    }

    /// How many matching entries `search` ranks at most. BM25 reads the positions of every entry it
    /// ranks, so ranking every match of a common word grows with the vademecum (10,000 sheets: about
    /// 8,000 matches for « entretien »); the cap keeps a search's cost flat.
    public static let searchRankingCap = 1_000

    /// The entries matching every word of `query` as a word start, best first (BM25 with the title
    /// weighing most, then the summary). A run of words that is a synonym's term also matches its
    /// expansions (`searchSynonym`). An empty query finds nothing.
    ///
    /// When more than `rankingCap` entries match, the ones ranked are those matching in their title,
    /// then in their title or summary, then anywhere, the most recent first within each: the title
    /// weighs ten times the body, so the best entries are almost always among them. Below the cap,
    /// every match is ranked. Excerpts are cut for the entries returned only.
    public func search(_ query: SearchQuery, limit: Int = 60, rankingCap: Int = AppDatabase.searchRankingCap) async throws -> [SearchHit] {
        guard !query.isEmpty else { return [] }
        return try await reader.read { db in
            let match = query.matchExpression(expansions: try Self.synonymExpansions(for: query, in: db))
            // Statements prepared once per connection: the query text only travels as a value.
            let newest = try db.cachedStatement(sql: "SELECT rowid FROM searchEntry WHERE searchEntry MATCH ? ORDER BY rowid DESC LIMIT ?")
            // Usually every match fits under the cap: one statement finds them all.
            var candidates = try Int64.fetchAll(newest, arguments: [match, rankingCap + 1])
            if candidates.count > rankingCap {
                var seen = Set<Int64>()
                candidates = []
                for scope in ["{title} : (\(match))", "{title summary} : (\(match))", match] where candidates.count < rankingCap {
                    for id in try Int64.fetchAll(newest, arguments: [scope, rankingCap]) where candidates.count < rankingCap {
                        if seen.insert(id).inserted { candidates.append(id) }
                    }
                }
            }
            guard !candidates.isEmpty else { return [] }
            if candidates.count <= limit {
                // Every candidate is shown: rank them and cut their excerpts in one statement, one
                // match fewer (the usual case, and a third of a search's time in SQLite).
                let rows = try Row.fetchAll(db.cachedStatement(sql: """
                    SELECT rowid, kind, ref,
                           highlight(searchEntry, 2, :start, :end) AS title,
                           snippet(searchEntry, 3, :start, :end, '…', 28) AS summary,
                           CASE WHEN instr(snippet(searchEntry, 3, :start, :end, '…', 28), :start) = 0
                                THEN snippet(searchEntry, 4, :start, :end, '…', 28) END AS body
                    FROM searchEntry
                    WHERE searchEntry MATCH :match AND +rowid IN (SELECT value FROM json_each(:ids))
                    ORDER BY bm25(searchEntry, 0.0, 0.0, 10.0, 2.0, 1.0)
                    LIMIT :limit
                    """), arguments: [
                    "start": SearchHit.markStart, "end": SearchHit.markEnd, "match": match, "ids": Self.jsonArray(candidates),
                    "limit": limit,
                ])
                return rows.compactMap(Self.hit)
            }
            // `+rowid` keeps the list a filter: as a constraint, FTS5 would run the match once per id.
            let ranked = try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT rowid FROM searchEntry
                WHERE searchEntry MATCH :match AND +rowid IN (SELECT value FROM json_each(:ids))
                ORDER BY bm25(searchEntry, 0.0, 0.0, 10.0, 2.0, 1.0)
                LIMIT :limit
                """), arguments: ["match": match, "ids": Self.jsonArray(candidates), "limit": limit])
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT rowid, kind, ref,
                       highlight(searchEntry, 2, :start, :end) AS title,
                       snippet(searchEntry, 3, :start, :end, '…', 28) AS summary,
                       -- The body's excerpt only when the summary has no match: it reads the whole body
                       -- again, the costliest part of a search (summaries are short).
                       CASE WHEN instr(snippet(searchEntry, 3, :start, :end, '…', 28), :start) = 0
                            THEN snippet(searchEntry, 4, :start, :end, '…', 28) END AS body
                FROM searchEntry
                WHERE searchEntry MATCH :match AND +rowid IN (SELECT value FROM json_each(:ids))
                """), arguments: [
                "start": SearchHit.markStart, "end": SearchHit.markEnd, "match": match, "ids": Self.jsonArray(ranked),
            ])
            let byId = Dictionary(rows.map { ($0["rowid"] as Int64, $0) }, uniquingKeysWith: { first, _ in first })
            return ranked.compactMap { id in byId[id].flatMap(Self.hit) }
        }
    }

    /// A hit from a row of `rowid, kind, ref, title, summary, body`.
    private static func hit(_ row: Row) -> SearchHit? {
        guard let kind = SearchHit.Kind(rawValue: row["kind"]) else { return nil }
        let summary: String = row["summary"] ?? "", body: String = row["body"] ?? ""
        // The summary when a word was found there or nowhere else; otherwise where the body matched.
        let excerpt = SearchHit.hasMark(summary) || !SearchHit.hasMark(body) ? summary : body
        return SearchHit(kind: kind, ref: row["ref"], title: row["title"] ?? "", excerpt: excerpt)
    }

    /// Merges the full-text index into one segment. Rows added one by one (seeds, triggers) leave it in
    /// dozens of segments, which made each search read all of them: a search over the demo data took
    /// 0.23 ms to match before, 0.06 ms after. Run after bulk loads; staff edits are few and SQLite
    /// merges their segments as it goes.
    public static func optimizeSearchIndex(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO searchEntry(searchEntry) VALUES ('optimize')")
    }

    /// `[1,2,3]`: a list of ids passed as one value to `json_each`.
    static func jsonArray(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// The value the page cache keys on: it changes with every write to a table public pages show.
    public func contentGeneration() async throws -> Int64 {
        try await reader.read(Self.contentGeneration)
    }

    /// The same, blocking: for start-up.
    public func contentGenerationNow() throws -> Int64 {
        try reader.read(Self.contentGeneration)
    }

    private static func contentGeneration(_ db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT value FROM contentGeneration WHERE id = 1")) ?? 0
    }
}

/// Watches the content generation for the page cache: `onChange` gets each new value as the
/// transaction that bumped it commits, in this process; `onError` says the watch failed (the caller
/// then reads the database instead of trusting memory). Watching stops when this is released.
public final class ContentGenerationObservation: Sendable {
    private let cancellable: AnyDatabaseCancellable

    public init(database: AppDatabase, onError: @escaping @Sendable () -> Void, onChange: @escaping @Sendable (Int64?) -> Void) {
        cancellable = DatabaseRegionObservation(tracking: Table("contentGeneration")).start(
            in: database.writer,
            onError: { _ in onError() },
            onChange: { db in onChange((try? Int64.fetchOne(db, sql: "SELECT value FROM contentGeneration WHERE id = 1")) ?? nil) }
        )
    }
}

/// Calls `onCommit` after every transaction that changed a table other than `ignoring`, committed by
/// this process through `database`'s writer (in the writer's queue, before the write returns to its
/// caller). Caches of values read from the database key on it. Watching stops when this is released.
///
/// A plain transaction observer rather than a `DatabaseRegionObservation` of every other table: that
/// one intersects a region of some eighty tables for each statement written (3 % of a case opening),
/// this one compares a table name.
public final class CommitObservation: Sendable {
    private let observer: Observer

    /// `ignoring` names tables whose changes do not matter to the caller (the audit log, for pages
    /// that never show it); `tracking`, when given, the only tables whose changes do.
    public init(database: AppDatabase, ignoring: Set<String> = [], tracking: Set<String>? = nil,
                onCommit: @escaping @Sendable () -> Void) {
        observer = Observer(ignoring: ignoring, tracking: tracking, onCommit: onCommit)
        database.writer.add(transactionObserver: observer, extent: .observerLifetime)
    }

    /// Only used in the writer's queue, one transaction at a time: `changed` needs no lock.
    private final class Observer: TransactionObserver, @unchecked Sendable {
        let ignoring: Set<String>
        let tracking: Set<String>?
        let onCommit: @Sendable () -> Void
        var changed = false

        init(ignoring: Set<String>, tracking: Set<String>?, onCommit: @escaping @Sendable () -> Void) {
            self.ignoring = ignoring
            self.tracking = tracking
            self.onCommit = onCommit
        }

        func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
            if let tracking { return tracking.contains(eventKind.tableName) }
            return ignoring.isEmpty || !ignoring.contains(eventKind.tableName)
        }

        func databaseDidChange(with event: DatabaseEvent) {
            changed = true
        }

        func databaseDidCommit(_ db: Database) {
            guard changed else { return }
            changed = false
            onCommit()
        }

        func databaseDidRollback(_ db: Database) {
            changed = false
        }
    }
}
