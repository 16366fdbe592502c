import Foundation
import GRDB
import RelaisCore

/// What the case limits and the concurrency checks read, inside the caller's write transaction so
/// that two requests sent together cannot both pass on the same count.
extension AppDatabase {
    /// A director's opened cases as `CaseLimits` reads them (drafts not sent count for nothing).
    public static func caseLimitFacts(directorId: Int64, in db: Database) throws -> [CaseLimits.Facts] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT openedAt, status FROM caseFile WHERE directorId = ? AND openedAt IS NOT NULL"), arguments: [directorId])
            .map { row in
                let openedAt: Date = row["openedAt"]
                return CaseLimits.Facts(openedOn: Day(openedAt), isOpen: CaseStatus(rawValue: row["status"]) != .close)
            }
    }

    /// The references of a director's open cases, oldest first.
    public static func openCaseReferences(directorId: Int64, in db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: """
            SELECT reference FROM caseFile WHERE directorId = ? AND openedAt IS NOT NULL AND status != 'close' ORDER BY openedAt, id
            """), arguments: [directorId])
    }

    /// The case's version: the id of its latest event. Every change of state or of hands writes an
    /// event, so a page showing an older version shows a case that has moved since.
    public static func caseVersion(caseId: Int64, in db: Database) throws -> Int64 {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM caseEvent WHERE caseId = ?"), arguments: [caseId]) ?? 0
    }

    public func caseVersion(caseId: Int64) async throws -> Int64 {
        try await reader.read { db in try Self.caseVersion(caseId: caseId, in: db) }
    }

    /// Whether a mail of `kind` was queued for `recipient` since `date`: some notices are sent once
    /// a day at most, however often a visitor triggers them.
    static func mailQueued(kind: String, to recipient: String, since date: Date, in db: Database) throws -> Bool {
        try OutboxMessage.filter(Column("kind") == kind && OutboxMessage.Columns.createdAt >= date)
            .filter(Column("recipient") == recipient.lowercased() || Column("recipient") == recipient)
            .fetchCount(db) > 0
    }

    /// Whether an audit line of `action` on `target` was written since `date`.
    static func audited(action: String, target: String, since date: Date, in db: Database) throws -> Bool {
        try AuditEvent.filter(Column("action") == action && Column("target") == target && Column("at") >= date).fetchCount(db) > 0
    }
}

extension AppDatabase {
    /// Whether a mail of `kind` went to `recipient` since `date`.
    public static func mailQueued(kind: MailKind, to recipient: String, since date: Date, in db: Database) throws -> Bool {
        try mailQueued(kind: kind.rawValue, to: recipient, since: date, in: db)
    }

    /// Whether a mail of `kind` was queued since `date`, to anyone.
    public static func mailQueued(kind: MailKind, since date: Date, in db: Database) throws -> Bool {
        try OutboxMessage.filter(Column("kind") == kind.rawValue && OutboxMessage.Columns.createdAt > date).fetchCount(db) > 0
    }

    /// Whether an audit line of `action` on `target` was written since `date`.
    public static func audited(action: AuditAction, target: String, since date: Date, in db: Database) throws -> Bool {
        try audited(action: action.rawValue, target: target, since: date, in: db)
    }
}
