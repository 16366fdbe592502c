import Foundation
import GRDB
import RelaisCore

/// The reads of « remontées »: a member's own, staff's list by theme, one with its author, and the
/// themes that grow.
extension AppDatabase {
    /// The remontées `userId` sent, newest first.
    public func observations(authorUserId: Int64) async throws -> [Observation] {
        try await reader.read { db in
            try Observation.fetchAll(db.cachedStatement(sql: "SELECT * FROM observation WHERE authorUserId = ? ORDER BY createdAt DESC, id DESC LIMIT 100"),
                                     arguments: [authorUserId])
        }
    }

    /// A remontée as staff list it: with its author's name and role.
    public struct ObservationRow: Sendable {
        public var observation: Observation
        public var authorName: String
        public var authorRole: Role
        public var authorEmail: String
    }

    /// Staff's list: by theme (nil: every theme), open ones first, newest first, 200 at most; and the
    /// count of each theme.
    public func observationList(theme: ObservationTheme?) async throws -> (rows: [ObservationRow], counts: [ObservationTheme: (all: Int, new: Int)]) {
        try await reader.read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT o.*, u.name AS authorName, u.role AS authorRole, u.email AS authorEmail FROM observation o JOIN user u ON u.id = o.authorUserId
                WHERE (?1 IS NULL OR o.theme = ?1)
                ORDER BY o.status = 'nouvelle' DESC, o.createdAt DESC, o.id DESC LIMIT 200
                """), arguments: [theme?.rawValue]).map(Self.observationRow)
            var counts: [ObservationTheme: (all: Int, new: Int)] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT theme, count(*) AS total, coalesce(sum(status = 'nouvelle'), 0) AS fresh FROM observation GROUP BY theme
                """)) {
                if let theme = ObservationTheme(rawValue: row["theme"]) { counts[theme] = (row["total"], row["fresh"]) }
            }
            return (rows, counts)
        }
    }

    public func observation(id: Int64) async throws -> ObservationRow? {
        try await reader.read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT o.*, u.name AS authorName, u.role AS authorRole, u.email AS authorEmail FROM observation o JOIN user u ON u.id = o.authorUserId
                WHERE o.id = ?
                """), arguments: [id]).map(Self.observationRow)
        }
    }

    private static func observationRow(_ row: Row) throws -> ObservationRow {
        ObservationRow(observation: try Observation(row: row), authorName: row["authorName"],
                       authorRole: Role(rawValue: row["authorRole"] ?? "") ?? .demandeur, authorEmail: row["authorEmail"])
    }

    /// Remontées waiting for staff, and each theme's count in the last window and the one before
    /// (`ObservationRules.growing` picks the themes that grow).
    public struct ObservationFigures: Sendable, Equatable {
        public var waiting: Int
        public var trends: [ObservationRules.ThemeTrend]
    }

    public static func observationFigures(now: Date, in db: Database) throws -> ObservationFigures {
        let window = Double(ObservationRules.growthWindowDays) * 86_400
        let recentSince = now.addingTimeInterval(-window), previousSince = now.addingTimeInterval(-2 * window)
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT theme, coalesce(sum(createdAt >= ?), 0) AS recent, coalesce(sum(createdAt < ?), 0) AS previous
            FROM observation WHERE createdAt >= ? GROUP BY theme
            """), arguments: [recentSince, recentSince, previousSince])
        let trends = rows.compactMap { row -> ObservationRules.ThemeTrend? in
            ObservationTheme(rawValue: row["theme"]).map { ObservationRules.ThemeTrend(theme: $0, recent: row["recent"], previous: row["previous"]) }
        }
        let waiting = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM observation WHERE status = 'nouvelle'")) ?? 0
        return ObservationFigures(waiting: waiting, trends: trends)
    }

    /// What staff may link a remontée to: the sheets (not archived), the situations and the active
    /// exchange groups, by title.
    public func observationTargets() async throws -> (sheets: [(slug: String, title: String)], situations: [(slug: String, title: String)],
                                                      groups: [(id: Int64, title: String)]) {
        try await reader.read { db in
            let sheets = try Row.fetchAll(db.cachedStatement(sql: "SELECT slug, title FROM factSheet WHERE status <> 'archivee' ORDER BY title"))
                .map { (slug: $0["slug"] as String, title: $0["title"] as String) }
            let situations = try Row.fetchAll(db.cachedStatement(sql: "SELECT slug, title FROM situation ORDER BY position, title"))
                .map { (slug: $0["slug"] as String, title: $0["title"] as String) }
            let groups = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, title FROM exchangeGroup WHERE status = 'active' ORDER BY title"))
                .map { (id: $0["id"] as Int64, title: $0["title"] as String) }
            return (sheets, situations, groups)
        }
    }
}
