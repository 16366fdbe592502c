import Foundation
import GRDB
import RelaisCore

/// The reads of « fiches initiatives »: a group's list (its members'), one fiche, and staff's queue of
/// those their authors proposed.
extension AppDatabase {
    /// A fiche with its author's name and its group's title.
    public struct InitiativeRow: Sendable {
        public var initiative: GroupInitiative
        public var authorName: String?
        public var groupTitle: String
    }

    private static let initiativeSelect = """
        SELECT i.*, u.name AS authorName, g.title AS groupTitle FROM groupInitiative i
        JOIN exchangeGroup g ON g.id = i.groupId LEFT JOIN user u ON u.id = i.authorUserId
        """

    private static func initiativeRow(_ row: Row) throws -> InitiativeRow {
        InitiativeRow(initiative: try GroupInitiative(row: row), authorName: row["authorName"], groupTitle: row["groupTitle"])
    }

    /// The fiches of a group, newest first. The caller checked that the reader is a member.
    public func groupInitiatives(groupId: Int64) async throws -> [InitiativeRow] {
        try await reader.read { db in
            try Row.fetchAll(db.cachedStatement(sql: Self.initiativeSelect + " WHERE i.groupId = ? ORDER BY i.createdAt DESC, i.id DESC"),
                             arguments: [groupId]).map(Self.initiativeRow)
        }
    }

    public static func initiative(id: Int64, in db: Database) throws -> InitiativeRow? {
        try Row.fetchOne(db.cachedStatement(sql: Self.initiativeSelect + " WHERE i.id = ?"), arguments: [id]).map(Self.initiativeRow)
    }

    /// What staff see: the fiches their authors proposed (never one kept in its group), waiting ones first.
    public func proposedInitiatives() async throws -> [InitiativeRow] {
        try await reader.read { db in
            try Row.fetchAll(db.cachedStatement(sql: Self.initiativeSelect + """
                 WHERE i.status <> 'equipe' ORDER BY i.status = 'proposee' DESC, i.proposedAt DESC, i.id DESC LIMIT 200
                """)).map(Self.initiativeRow)
        }
    }
}
