import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// Cases typed by a visitor, and the drafts that wait for their director.
extension CaseService {
    /// Notices a visitor can trigger towards an address that already has an account go at most once
    /// in this period, however often the form is sent.
    public static let visitorNoticeInterval: TimeInterval = 24 * 3600

    /// A visitor opens a case and creates their account in the same form. The case waits for the
    /// address to be confirmed: a new account's confirmation link opens it; for an address that
    /// already has an account, its owner is told by mail to sign in and send it. The visitor sees the
    /// same page either way, so the form does not reveal who has an account.
    ///
    /// Nothing the visitor typed goes into a mail: the address may be a stranger's. For an address
    /// that has an account, the draft takes its contact details from that account, never from the
    /// form: only its signed-in owner sets where Relais writes and who may call.
    public func submit(_ draft: Draft, signUp form: AccountService.SignUp, address: String) async throws -> SubmitResult {
        let now = clock()
        // Counted like sign-up and password reset: per address typed and per network address.
        if let wait = try await AttemptLimiter(database: database).admit(kind: AttemptLimiter.signUpKind, email: form.email, address: address, now: now) {
            try await database.audit(AuditEvent(at: now, actorUserId: nil, actorEmail: form.email, action: .signUpBlocked, address: address,
                                                detail: "avec une demande"))
            return .throttled(wait)
        }
        let passwordHash = try await hasher.hash(form.password)
        try await database.write { db in
            guard try CaseFile.filter(CaseFile.Columns.submissionToken == draft.submissionToken).fetchCount(db) == 0 else { return }
            if let existing = try User.filter(User.Columns.email == form.email.lowercased()).fetchOne(db) {
                var caseFile = draft.caseFile(directorId: existing.id, now: now)
                caseFile.notificationEmail = existing.notificationEmail
                caseFile.phone = existing.phone
                caseFile.callTimes = ""
                try caseFile.insert(db)
                try AppDatabase.setCaseAxes(draft.axes, caseId: caseFile.id!, in: db)
                if try !AppDatabase.mailQueued(kind: .casePending, to: existing.email, since: now.addingTimeInterval(-Self.visitorNoticeInterval), in: db) {
                    try workflow.notifier.notify(.casePending, to: existing.email, link: .myCases, date: now, in: db)
                }
                try AppDatabase.audit(AuditEvent(at: now, actorUserId: nil, actorEmail: form.email, action: .caseWithExistingAddress,
                                                 target: "utilisateur \(existing.id ?? 0)", address: address), in: db)
                return
            }
            var user = form.director(passwordHash: passwordHash, now: now)
            try user.insert(db)
            var caseFile = draft.caseFile(directorId: user.id, now: now)
            try caseFile.insert(db)
            try AppDatabase.setCaseAxes(draft.axes, caseId: caseFile.id!, in: db)
            // No name in it: the visitor typed it, and the address may be a stranger's.
            try workflow.notifier.queueLink(
                .confirmation, purpose: .confirmation, userId: user.id!, lifetime: AccountService.confirmationLifetime,
                url: .signUpConfirmation, to: user.email,
                model: ["withCase": "oui"], date: now, in: db
            )
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .signedUp,
                                             target: "utilisateur \(user.id ?? 0)", address: address, detail: "avec une demande"), in: db)
        }
        return .awaitingConfirmation
    }

    /// Opens the cases `user` typed before confirming their address, within the limits; the others
    /// stay under « Préparées, pas encore envoyées » to be sent later or erased. Runs in the
    /// confirmation's transaction; returns the references opened.
    public static func openPendingCases(of user: User, workflow: CaseWorkflow, now: Date, in db: Database) throws -> [String] {
        var references: [String] = []
        for var caseFile in try CaseFile.filter(CaseFile.Columns.directorId == user.id && CaseFile.Columns.openedAt == nil)
            .order(CaseFile.Columns.id).fetchAll(db) {
            if try workflow.checkLimits(for: user, now: now, in: db) != nil { break }
            try workflow.open(&caseFile, director: user, now: now, in: db)
            references.append(caseFile.reference!)
        }
        return references
    }

    public enum DraftResult: Sendable, Equatable {
        case opened(reference: String)
        case erased
        /// Not theirs, already sent, or gone.
        case notFound
        case limited(CaseLimitRefusal)
    }

    /// A signed-in director sends (or erases) a case that waited for them.
    public func sendPending(caseId: Int64, director: User, send: Bool) async throws -> DraftResult {
        let now = clock()
        return try await database.write { db in
            guard var caseFile = try CaseFile.fetchOne(db, key: caseId), caseFile.directorId == director.id, caseFile.openedAt == nil else {
                return .notFound
            }
            guard send else {
                _ = try caseFile.delete(db)
                return .erased
            }
            if let refusal = try workflow.checkLimits(for: director, now: now, in: db) { return .limited(refusal) }
            // Contact details come from the signed-in owner: whoever typed the draft may not be them.
            caseFile.notificationEmail = director.notificationEmail
            caseFile.phone = director.phone
            try workflow.open(&caseFile, director: director, now: now, in: db)
            return .opened(reference: caseFile.reference ?? "")
        }
    }
}
