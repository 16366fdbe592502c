import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// The case moved between the moment a request decided who was acting and its write transaction:
/// another action, a decline, a reassignment. Nothing was written; the page says so (409).
public struct CaseConflict: Error, Equatable {}

/// What people do on a case. The controller decides the actor's role to show the page and check
/// the form; each use case decides it again inside its write transaction, on the case as it is
/// there, because two requests sent together would otherwise both act on what they read before
/// (two declines also declining for the next correspondent; an acceptance recorded for someone
/// who never saw the case).
extension CaseService {
    /// Applies an action to the case `id` by `actor` in `role`. Throws `CaseConflict` when the case
    /// is no longer theirs in that role, or has moved since the version `seen` on their page, and
    /// `CaseLifecycle.Refusal` when the lifecycle says no; nothing is written either way.
    public func act(_ act: CaseWorkflow.Act, caseId: Int64, actor: User, role: CaseActorRole, seen: Int64? = nil) async throws {
        let now = clock()
        try await database.write { db in
            var caseFile = try Self.caseFile(caseId, actor: actor, role: role, seen: seen, in: db)
            // Written without a notice of its own: the act's mail already asks the other side to look.
            if !act.closingWord.isEmpty {
                var message = CaseMessage(caseId: caseId, at: now, authorUserId: actor.id, authorRole: role.rawValue, body: act.closingWord)
                try message.insert(db)
            }
            try workflow.apply(act, to: &caseFile, actor: actor, role: role, now: now, in: db)
        }
    }

    public func post(message: String, caseId: Int64, author: User, role: CaseActorRole) async throws {
        let now = clock()
        try await database.write { db in
            var caseFile = try Self.caseFile(caseId, actor: author, role: role, seen: nil, in: db)
            guard caseFile.status.isOpen else { throw CaseLifecycle.Refusal.notFromThisState }
            try workflow.post(message: message, on: &caseFile, by: author, role: role, now: now, in: db)
        }
    }

    /// A private note, by the correspondent the case is assigned to or by staff.
    public func addNote(_ body: String, caseId: Int64, author: User) async throws {
        let now = clock()
        try await database.write { db in
            let caseFile = try CaseFile.fetchOne(db, key: caseId)
            guard let caseFile, let role = try Self.role(of: author, on: caseFile, in: db), role != .director else { throw CaseConflict() }
            var note = CaseNote(caseId: caseId, at: now, authorUserId: author.id, authorName: author.name, body: body)
            try note.insert(db)
        }
    }

    /// Records that `viewer` read a case they do not own.
    /// Returns the line written, for a page that shows the case's access history.
    @discardableResult
    public func logAccess(reference: String, viewer: User, role: CaseActorRole, address: String) async throws -> AuditEvent {
        let event = AuditEvent(at: clock(), actorUserId: viewer.id, actorEmail: viewer.email, action: .caseRead,
                               target: "demande \(reference)", address: address, detail: role.rawValue)
        // Committed before the page is shown, like every access line; views that arrive together
        // share one commit (`GroupCommit`), so reading cases is not held to one `fsync` per page.
        try await database.groupCommit.write { db in try AppDatabase.audit(event, in: db) }
        return event
    }

    /// The case as it is inside the transaction, when `actor` still holds `role` on it and, if the
    /// page's version is given, nothing has moved since.
    public static func caseFile(_ id: Int64, actor: User, role: CaseActorRole, seen: Int64?, in db: Database) throws -> CaseFile {
        guard let caseFile = try CaseFile.fetchOne(db, key: id), try Self.role(of: actor, on: caseFile, in: db) == role else {
            throw CaseConflict()
        }
        if let seen, try AppDatabase.caseVersion(caseId: id, in: db) != seen { throw CaseConflict() }
        return caseFile
    }

    /// `Policy.caseRole`, on the parties of the case as stored now.
    public static func role(of user: User, on caseFile: CaseFile, in db: Database) throws -> CaseActorRole? {
        guard caseFile.anonymisedAt == nil else { return nil }
        let parties = Policy.CaseParties(directorUserId: caseFile.directorId,
                                         assigneeUserId: try AppDatabase.assigneeUserId(correspondentId: caseFile.assigneeId, in: db))
        return Policy.caseRole(of: user.actor, on: parties)
    }
}
