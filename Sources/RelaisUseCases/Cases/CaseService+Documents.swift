import Foundation
import GRDB
import RelaisCore
import RelaisFiles
@_spi(UseCases) import RelaisStore

/// The file asked for is not one this person may see (or not of this case): a 404.
public struct CaseDocumentNotFound: Error, Equatable {}

/// A case's files (« pièces »): received with a message or a private note, withdrawn by whoever
/// added them (or staff), opened only by the case's people. The bytes are installed on disk before
/// the transaction that names them, and deleted if it fails, so the database never names a file that
/// is not whole on disk; what a crash leaves behind is swept at the next start (`FilesSetup`).
extension CaseService {
    /// The files of one message, received as they stream in.
    public func intake() -> DocumentIntake {
        DocumentIntake(vault: files, limits: documentLimits)
    }

    /// A message with files; `body` may be empty when files come. Throws `DocumentRefusal` when the
    /// case has no room for them (nothing is written), `CaseConflict` or `CaseLifecycle.Refusal` as
    /// `post(message:)` does. The files are the intake's either way: installed here or discarded.
    public func post(message body: String, documents intake: DocumentIntake, caseId: Int64, author: User, role: CaseActorRole) async throws {
        let now = clock()
        try await storing(intake) { documents, db in
            var caseFile = try Self.caseFile(caseId, actor: author, role: role, seen: nil, in: db)
            guard caseFile.status.isOpen else { throw CaseLifecycle.Refusal.notFromThisState }
            try self.checkRoom(for: documents, caseId: caseId, in: db)
            let messageId = try workflow.post(message: body, on: &caseFile, by: author, role: role, now: now, in: db)
            try Self.insert(documents, caseId: caseId, messageId: messageId, noteId: nil, by: author, role: role, now: now, in: db)
        }
    }

    /// A private note with files, by the case's correspondent or staff.
    public func addNote(_ body: String, documents intake: DocumentIntake, caseId: Int64, author: User) async throws {
        let now = clock()
        try await storing(intake) { documents, db in
            guard let caseFile = try CaseFile.fetchOne(db, key: caseId), let role = try Self.role(of: author, on: caseFile, in: db),
                  role != .director else { throw CaseConflict() }
            try self.checkRoom(for: documents, caseId: caseId, in: db)
            var note = CaseNote(caseId: caseId, at: now, authorUserId: author.id, authorName: author.name, body: body)
            try note.insert(db)
            try Self.insert(documents, caseId: caseId, messageId: nil, noteId: note.id, by: author, role: role, now: now, in: db)
        }
    }

    /// Installs the intake's accepted files, runs `write` in one transaction, and removes the files
    /// again if it throws.
    func storing(_ intake: DocumentIntake, _ write: @escaping @Sendable ([ReceivedDocument], Database) throws -> Void) async throws {
        let documents = intake.accepted
        var installed: [String] = []
        do {
            for document in documents {
                try files.install(document.sealed)
                installed.append(document.sealed.storageName)
            }
            intake.handedOver()
            try await database.write { db in try write(documents, db) }
        } catch {
            intake.discard()
            for name in installed { files.delete(name) }
            throw error
        }
    }

    func checkRoom(for documents: [ReceivedDocument], caseId: Int64, in db: Database) throws {
        guard !documents.isEmpty else { return }
        var used = try AppDatabase.documentBytes(caseId: caseId, in: db)
        for document in documents {
            guard used + document.sealed.size <= documentLimits.maxCaseBytes else {
                throw DocumentRefusal(name: document.name, reason: .caseFull(remainingBytes: documentLimits.maxCaseBytes - used))
            }
            used += document.sealed.size
        }
    }

    static func insert(_ documents: [ReceivedDocument], caseId: Int64, messageId: Int64?, noteId: Int64?, by author: User,
                       role: CaseActorRole, now: Date, in db: Database) throws {
        try insert(documents, caseId: caseId, messageId: messageId, noteId: noteId, by: author, uploaderRole: role.rawValue, now: now, in: db)
    }

    /// `uploaderRole`: a `CaseActorRole`, or `expert` for a file of an avis thread.
    static func insert(_ documents: [ReceivedDocument], caseId: Int64, messageId: Int64?, noteId: Int64?, referralMessageId: Int64? = nil,
                       by author: User, uploaderRole: String, now: Date, in db: Database) throws {
        for document in documents {
            var row = CaseDocument(caseId: caseId, messageId: messageId, noteId: noteId, uploaderUserId: author.id, uploaderRole: uploaderRole,
                                   name: document.name, kind: document.kind, size: document.sealed.size,
                                   storageName: document.sealed.storageName, wrappedKey: Data(document.sealed.wrappedKey), createdAt: now)
            row.referralMessageId = referralMessageId
            try row.insert(db)
        }
    }

    /// Whether `role` (as `reader`) may see this file: a message's file is the case's; a note's file
    /// is seen by whoever may read the note (`Policy.mayReadNote`).
    static func mayRead(_ document: CaseDocument, reader: User, role: CaseActorRole, in db: Database) throws -> Bool {
        guard let noteId = document.noteId else { return document.messageId != nil || document.referralMessageId != nil }
        guard let note = try CaseNote.fetchOne(db, key: noteId) else { return false }
        let authorIsStaff = try note.authorUserId.flatMap { try User.fetchOne(db, key: $0) }?.role.isStaff ?? false
        return Policy.mayReadNote(authorUserId: note.authorUserId, authorIsStaff: authorIsStaff, reader: reader.id ?? 0, as: role)
    }

    /// The file `documentId` of the case, for `reader` to open: nil when they may not see it, or it
    /// was withdrawn. A reading by anyone but the director is written to the audit log (and shows in
    /// the case's access history) before the file is served.
    public func documentForReading(_ documentId: Int64, caseId: Int64, reference: String, reader: User, role: CaseActorRole,
                                   address: String) async throws -> CaseDocument? {
        let document: CaseDocument? = try await database.read { db in
            guard let document = try CaseDocument.filter(key: documentId).filter(CaseDocument.Columns.caseId == caseId).fetchOne(db),
                  !document.isWithdrawn, try Self.mayRead(document, reader: reader, role: role, in: db) else { return nil }
            return document
        }
        guard let document else { return nil }
        if role != .director {
            let event = AuditEvent(at: clock(), actorUserId: reader.id, actorEmail: reader.email, action: .caseDocumentRead,
                                   target: "demande \(reference)", address: address, detail: "pièce «\u{00A0}\(document.name)\u{00A0}» (\(role.rawValue))")
            try await database.groupCommit.write { db in try AppDatabase.audit(event, in: db) }
        }
        return document
    }

    /// Records that a file failed its authentication: staff find it in the audit log.
    public func reportDamaged(_ document: CaseDocument, reference: String, address: String) async throws {
        let event = AuditEvent(at: clock(), actorUserId: nil, actorEmail: "relais", action: .caseDocumentDamaged,
                               target: "demande \(reference)", address: address, detail: "pièce \(document.id ?? 0) (\(document.storageName))")
        try await database.write { db in try AppDatabase.audit(event, in: db) }
    }

    /// Withdraws a file: whoever added it, or staff, while they still hold their role on the case.
    /// The line stays (the thread says the file was withdrawn); its key and its bytes go. Throws
    /// `CaseDocumentNotFound` for a file the person may not see, `CaseConflict` for one they see
    /// but did not add.
    public func withdraw(documentId: Int64, caseId: Int64, by user: User, role: CaseActorRole) async throws {
        let now = clock()
        let storageName: String? = try await database.write { db in
            _ = try Self.caseFile(caseId, actor: user, role: role, seen: nil, in: db)
            // A file this person may not see does not exist for them.
            guard var document = try CaseDocument.filter(key: documentId).filter(CaseDocument.Columns.caseId == caseId).fetchOne(db),
                  try Self.mayRead(document, reader: user, role: role, in: db) else { throw CaseDocumentNotFound() }
            guard !document.isWithdrawn else { return nil }
            guard role == .staff || (document.uploaderUserId != nil && document.uploaderUserId == user.id) else { throw CaseConflict() }
            document.withdrawnAt = now
            document.withdrawnByUserId = user.id
            document.wrappedKey = Data()
            try document.update(db)
            return document.storageName
        }
        if let storageName { files.delete(storageName) }
    }

    /// Deletes the bytes of files the database no longer names (after an anonymisation or a purge).
    public func deleteStoredFiles(_ storageNames: [String]) {
        for name in storageNames { files.delete(name) }
    }
}
