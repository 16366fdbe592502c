import Foundation
import GRDB
import RelaisMail
import RelaisCore
@_spi(UseCases) import RelaisStore

/// Sign-up throttling and the trust given to contact details typed before the owner showed up.
extension AccountService {
    /// Counts a sign-up towards the limits shared with the visitor case form; nil when it may go
    /// ahead, otherwise the wait (and an audit line).
    public func admitSignUp(email: String, address: String) async throws -> TimeInterval? {
        let now = clock()
        let limiter = AttemptLimiter(database: database, throttle: throttle)
        guard let wait = try await limiter.admit(kind: AttemptLimiter.signUpKind, email: email, address: address, now: now) else { return nil }
        try await database.audit(AuditEvent(at: now, actorUserId: nil, actorEmail: email, action: .signUpBlocked, address: address))
        return wait
    }

    /// Whether a mail telling `email`'s owner that someone tried to sign up with it may go now: once
    /// a day at most, however often a visitor sends the form.
    public static func maySendSignUpNotice(to email: String, now: Date, in db: Database) throws -> Bool {
        try !AppDatabase.mailQueued(kind: .signupExisting, to: email, since: now.addingTimeInterval(-CaseService.visitorNoticeInterval), in: db)
    }

    /// After a password reset the person has proved the sign-in mailbox, nothing more. When nobody
    /// has ever signed in to the account with a password of their own, its contact details were
    /// typed by whoever filled the sign-up form, possibly a stranger planting their own address:
    /// they go back to the sign-in address, on the account and on its drafts not sent yet.
    public static func distrustUnvouchedContact(of user: inout User, in db: Database) throws {
        guard let id = user.id else { return }
        let vouched = try AuditEvent.filter(Column("actorUserId") == id && Column("action") == "connexion").fetchCount(db) > 0
        guard !vouched else { return }
        user.notificationEmail = user.email
        user.phone = ""
        try db.execute(sql: "UPDATE caseFile SET notificationEmail = ?, phone = '', callTimes = '' WHERE directorId = ? AND openedAt IS NULL",
                       arguments: [user.email, id])
    }
}
