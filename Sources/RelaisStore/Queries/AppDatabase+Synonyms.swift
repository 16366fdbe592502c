import Foundation
import GRDB
import RelaisCore

/// The search's synonyms, curated by staff on `/equipe/synonymes` (table: migration
/// `journeys-search-synonyms`; rules: `SearchSynonym`). Every change is in the audit log, in the
/// same transaction.
extension AppDatabase {
    /// One pair as staff see it in the list.
    public struct SynonymEntry: Sendable, Equatable, FetchableRecord, Decodable {
        public var id: Int64
        public var term: String
        public var expansion: String
        public var createdAt: Date
        public var createdBy: String
    }

    /// Who changes the list, for the audit log.
    public struct SynonymEditor: Sendable {
        public var userId: Int64?
        public var email: String
        public var address: String

        public init(userId: Int64?, email: String, address: String) {
            self.userId = userId
            self.email = email
            self.address = address
        }
    }

    /// The pairs in use, by term then expansion (folded, so « Burn-out » sorts with « burnout »).
    public func searchSynonyms() async throws -> [SynonymEntry] {
        try await reader.read { db in
            try SynonymEntry.fetchAll(db, sql: """
                SELECT id, term, expansion, createdAt, createdBy FROM searchSynonym
                WHERE removedAt IS NULL ORDER BY termKey, expansionKey
                """)
        }
    }

    /// What `addSearchSynonym` did.
    public enum SynonymAddition: Sendable, Equatable {
        case added
        /// The same pair (as folded words) is already in use.
        case alreadyInUse
        /// `SearchSynonym.problems` finds something wrong: nothing written.
        case invalid
    }

    /// Adds a pair. A pair removed earlier comes back with the words typed now.
    public static func addSearchSynonym(term: String, expansion: String, by editor: SynonymEditor, now: Date, in db: Database) throws -> SynonymAddition {
        guard SearchSynonym.problems(term: term, expansion: expansion).isEmpty else { return .invalid }
        let termKey = SearchSynonym.termKey(term), expansionKey = SearchSynonym.expansionKey(expansion)
        do {
            let existing = try Row.fetchOne(db, sql: "SELECT id, removedAt FROM searchSynonym WHERE termKey = ? AND expansionKey = ?",
                                            arguments: [termKey, expansionKey])
            if let existing, existing["removedAt"] as DatabaseValue == .null { return .alreadyInUse }
            try db.execute(sql: """
                INSERT INTO searchSynonym (term, termKey, expansion, expansionKey, createdAt, createdBy)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (termKey, expansionKey) DO UPDATE SET
                    term = excluded.term, expansion = excluded.expansion, createdAt = excluded.createdAt,
                    createdBy = excluded.createdBy, removedAt = NULL
                """, arguments: [term, termKey, expansion, expansionKey, now, editor.email])
            try audit(AuditEvent(at: now, actorUserId: editor.userId, actorEmail: editor.email, action: .synonymAdded,
                                      target: "synonyme \(termKey)", address: editor.address, detail: "\(term) → \(expansion)"), in: db)
            return .added
        }
    }

    /// Takes a pair out of use; the pair removed, or nil when there is none in use with this id.
    public static func removeSearchSynonym(id: Int64, by editor: SynonymEditor, now: Date, in db: Database) throws -> SynonymEntry? {
        do {
            guard let entry = try SynonymEntry.fetchOne(db, sql: """
                SELECT id, term, expansion, createdAt, createdBy FROM searchSynonym WHERE id = ? AND removedAt IS NULL
                """, arguments: [id]) else { return nil }
            try db.execute(sql: "UPDATE searchSynonym SET removedAt = ? WHERE id = ?", arguments: [now, id])
            try audit(AuditEvent(at: now, actorUserId: editor.userId, actorEmail: editor.email, action: .synonymRemoved,
                                      target: "synonyme \(SearchSynonym.termKey(entry.term))", address: editor.address,
                                      detail: "\(entry.term) → \(entry.expansion)"), in: db)
            return entry
        }
    }

    /// The expansion keys of the terms among `query`'s runs of words, by term key: what
    /// `SearchQuery.matchExpression(expansions:)` needs. One indexed lookup.
    static func synonymExpansions(for query: SearchQuery, in db: Database) throws -> [String: [String]] {
        let candidates = query.synonymCandidates
        guard !candidates.isEmpty else { return [:] }
        return try expansionsByTerm(Row.fetchCursor(db.cachedStatement(sql: """
            SELECT termKey, expansionKey FROM searchSynonym
            WHERE termKey IN (SELECT value FROM json_each(?)) AND removedAt IS NULL
            ORDER BY termKey, id
            """), arguments: [Self.jsonArray(candidates)]))
    }

    /// Rows of `termKey, expansionKey`, in order, gathered by term key.
    private static func expansionsByTerm(_ rows: RowCursor) throws -> [String: [String]] {
        var expansions: [String: [String]] = [:]
        while let row = try rows.next() {
            expansions[row["termKey"], default: []].append(row["expansionKey"])
        }
        return expansions
    }

    /// Every expansion key in use, by term key, in the order `synonymExpansions` gives them: the
    /// table the search kept in memory (`SearchIndex`) looks a query's runs of words up in.
    public func searchSynonymTable() async throws -> [String: [String]] {
        try await reader.read { db in
            try Self.expansionsByTerm(Row.fetchCursor(db, sql: """
                SELECT termKey, expansionKey FROM searchSynonym WHERE removedAt IS NULL ORDER BY termKey, id
                """))
        }
    }

    /// `["a","b"]`: the candidates as a JSON array for `json_each`, written by hand. Foundation's
    /// encoder was a measurable share of a search (bench/README.md). Quotes, backslashes and
    /// control characters are escaped, so any text typed is a valid string.
    static func jsonArray(_ strings: [String]) -> String {
        var json = "["
        for (index, string) in strings.enumerated() {
            if index > 0 { json += "," }
            json += "\""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "\"": json += "\\\""
                case "\\": json += "\\\\"
                case _ where scalar.value < 0x20:
                    let hex = String(scalar.value, radix: 16)
                    json += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                default: json.unicodeScalars.append(scalar)
                }
            }
            json += "\""
        }
        return json + "]"
    }
}
