import Foundation
import GRDB
import RelaisCore

/// « Remontées »: reads for the author's page, staff's board and the dashboard's themes.
extension AppDatabase {
    /// A remontée with what a page shows beside it.
    public struct RemonteeLine: Sendable, Equatable {
        public var remontee: Remontee
        /// The author's name for staff (nil once the account is deleted).
        public var authorName: String?
        public var sheetSlug: String?
        public var sheetTitle: String?
        public var situationSlug: String?
        public var situationTitle: String?
    }

    private static let remonteeSQL = """
        SELECT r.*, \(personName("u")) AS authorName, s.slug AS sheetSlug, s.title AS sheetTitle,
               p.slug AS situationSlug, p.title AS situationTitle
        FROM remontee r LEFT JOIN user u ON u.id = r.authorUserId
        LEFT JOIN factSheet s ON s.id = r.factSheetId LEFT JOIN situation p ON p.id = r.situationId
        """

    private static func remonteeLine(_ row: Row) throws -> RemonteeLine {
        RemonteeLine(remontee: try Remontee(row: row), authorName: row["authorName"], sheetSlug: row["sheetSlug"], sheetTitle: row["sheetTitle"],
                     situationSlug: row["situationSlug"], situationTitle: row["situationTitle"])
    }

    /// The author's own remontées, newest first.
    public func remontees(authorUserId: Int64) async throws -> [RemonteeLine] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: Self.remonteeSQL + " WHERE r.authorUserId = ? ORDER BY r.createdAt DESC, r.id DESC",
                             arguments: [authorUserId]).map(Self.remonteeLine)
        }
    }

    public static func remontee(id: Int64, in db: Database) throws -> Remontee? {
        try Remontee.fetchOne(db, key: id)
    }

    /// Staff's board in one read: every remontée (unanswered first, then newest), the sheets and
    /// situations one may be linked to, and what the themes' trends are computed from.
    public struct RemonteeBoard: Sendable {
        public var lines: [RemonteeLine]
        public var sheets: [(slug: String, title: String)]
        public var situations: [(slug: String, title: String)]
    }

    public func remonteeBoard(limit: Int = 500) async throws -> RemonteeBoard {
        try await reader.read { db in
            RemonteeBoard(
                lines: try Row.fetchAll(db, sql: Self.remonteeSQL + " ORDER BY (r.status = ?), r.createdAt DESC, r.id DESC LIMIT ?",
                                        arguments: [RemonteeStatus.answered.rawValue, limit]).map(Self.remonteeLine),
                sheets: try Row.fetchAll(db, sql: "SELECT slug, title FROM factSheet WHERE status != 'archivee' ORDER BY title")
                    .map { (slug: $0["slug"] as String, title: $0["title"] as String) },
                situations: try Row.fetchAll(db, sql: "SELECT slug, title FROM situation ORDER BY title")
                    .map { (slug: $0["slug"] as String, title: $0["title"] as String) }
            )
        }
    }

    /// The themes and dates of the remontées sent since `since` (the dashboard's trends).
    static func remonteeDates(since: Date, in db: Database) throws -> [(theme: RemonteeTheme, at: Date)] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT theme, createdAt FROM remontee WHERE createdAt >= ?"), arguments: [since]).compactMap { row in
            guard let theme = RemonteeTheme(rawValue: row["theme"]) else { return nil }
            return (theme: theme, at: row["createdAt"] as Date)
        }
    }

    public func remonteeDates(since: Date) async throws -> [(theme: RemonteeTheme, at: Date)] {
        try await reader.read { db in try Self.remonteeDates(since: since, in: db) }
    }

    public static func sheetId(slug: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM factSheet WHERE slug = ?", arguments: [slug])
    }

    public static func situationId(slug: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM situation WHERE slug = ?", arguments: [slug])
    }
}
