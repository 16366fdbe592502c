import GRDB
import RelaisCore

/// Full-text search over what readers may see: published fact sheets, situations, partners and
/// correspondents (index and triggers: migration `v7-search`).
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
        /// Slug (sheet, situation), key (partner) or main département code (correspondent).
        public var ref: String
        public var title: String
        public var excerpt: String
    }

    /// The entries matching every word of `query` as a word start, best first (BM25 with the title
    /// weighing most, then the summary). An empty query finds nothing.
    public func search(_ query: SearchQuery, limit: Int = 60) async throws -> [SearchHit] {
        guard !query.isEmpty else { return [] }
        return try await reader.read { db in
            // One statement per connection, prepared once: the query text only travels as a value.
            let statement = try db.cachedStatement(sql: """
                SELECT kind, ref,
                       highlight(searchEntry, 2, :start, :end) AS title,
                       snippet(searchEntry, 3, :start, :end, '…', 28) AS summary,
                       -- The body's excerpt only when the summary has no match: it reads the whole body
                       -- again, the costliest part of a search (summaries are short).
                       CASE WHEN instr(snippet(searchEntry, 3, :start, :end, '…', 28), :start) = 0
                            THEN snippet(searchEntry, 4, :start, :end, '…', 28) END AS body
                FROM searchEntry
                WHERE searchEntry MATCH :match
                ORDER BY bm25(searchEntry, 0.0, 0.0, 10.0, 2.0, 1.0)
                LIMIT :limit
                """)
            let rows = try Row.fetchAll(statement, arguments: [
                "start": SearchHit.markStart, "end": SearchHit.markEnd, "match": query.matchExpression, "limit": limit,
            ])
            return rows.compactMap { row in
                guard let kind = SearchHit.Kind(rawValue: row["kind"]) else { return nil }
                let summary: String = row["summary"] ?? "", body: String = row["body"] ?? ""
                // The summary when a word was found there or nowhere else; otherwise where the body matched.
                let excerpt = SearchHit.hasMark(summary) || !SearchHit.hasMark(body) ? summary : body
                return SearchHit(kind: kind, ref: row["ref"], title: row["title"] ?? "", excerpt: excerpt)
            }
        }
    }

    /// Merges the full-text index into one segment. Rows added one by one (seeds, triggers) leave it in
    /// dozens of segments, which made each search read all of them: a search over the demo data took
    /// 0.23 ms to match before, 0.06 ms after. Run after bulk loads; staff edits are few and SQLite
    /// merges their segments as it goes.
    public static func optimizeSearchIndex(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO searchEntry(searchEntry) VALUES ('optimize')")
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
