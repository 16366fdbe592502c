import Foundation
import GRDB
import Logging
import RelaisCore
import RelaisFiles
import RelaisMail
@_spi(UseCases) import RelaisStore

/// The account use cases: sign-up, address confirmation, sign-in, password reset, invitation,
/// deletion. Each writes in one transaction, with its mails and its audit line.
public struct AccountService: Sendable {
    public static let confirmationLifetime: TimeInterval = 48 * 3600
    public static let resetLifetime: TimeInterval = 3600
    public static let invitationLifetime: TimeInterval = 7 * 24 * 3600

    public let database: AppDatabase
    public let notifier: Notifier
    /// Opens, at confirmation, the cases a visitor typed with their sign-up.
    public let caseWorkflow: CaseWorkflow
    public let hasher: PasswordHasher
    public let throttle: Throttle
    /// Where the files of the director's cases are deleted with their account.
    public let files: FileVault
    public let clock: @Sendable () -> Date
    /// Verified against when the address is unknown, so both cases take the same time.
    public let decoyHash: String

    // MARK: Sign-up

    public struct SignUp: Sendable {
        public var name: String
        public var email: String
        public var notificationEmail: String
        public var position: Position
        public var employerCode: String?
        public var employerName: String
        public var departementCode: String?
        public var phone: String
        public var password: String

        public init(name: String, email: String, notificationEmail: String, position: Position, employerCode: String? = nil, employerName: String, departementCode: String? = nil, phone: String, password: String) {
            self.name = name
            self.email = email
            self.notificationEmail = notificationEmail
            self.position = position
            self.employerCode = employerCode
            self.employerName = employerName
            self.departementCode = departementCode
            self.phone = phone
            self.password = password
        }

        /// The unconfirmed director account this sign-up creates.
        public func director(passwordHash: String, now: Date) -> User {
            var user = User(email: email.lowercased(), name: name, role: .demandeur, notificationEmail: notificationEmail.lowercased(), now: now)
            user.position = position
            user.employerCode = employerCode
            user.employerName = employerName
            user.departementCode = departementCode
            user.phone = phone
            user.passwordHash = passwordHash
            return user
        }
    }

    /// Creates an unconfirmed director and mails the confirmation link. An address that already has an
    /// account gets a mail saying so instead, and the visitor sees the same page either way.
    public func signUp(_ form: SignUp, address: String) async throws {
        let now = clock()
        let passwordHash = try await hasher.hash(form.password)
        try await database.write { db in
            if let existing = try User.filter(User.Columns.email == form.email.lowercased()).fetchOne(db) {
                if try Self.maySendSignUpNotice(to: existing.email, now: now, in: db) {
                    try notifier.queue(
                        .signupExisting, to: existing.email,
                        model: [
                            "signInLink": SiteURL.signIn.absolute(base: notifier.baseURL),
                            "resetLink": SiteURL.forgotPassword.absolute(base: notifier.baseURL),
                        ],
                        date: now, in: db
                    )
                }
                try AppDatabase.audit(AuditEvent(at: now, actorUserId: nil, actorEmail: form.email, action: .signUpExistingAddress,
                                                 target: "utilisateur \(existing.id ?? 0)", address: address), in: db)
                return
            }
            var user = form.director(passwordHash: passwordHash, now: now)
            try user.insert(db)
            // No name: the visitor typed it, and the address may be a stranger's.
            try notifier.queueLink(
                .confirmation, purpose: .confirmation, userId: user.id!, lifetime: Self.confirmationLifetime, url: .signUpConfirmation,
                to: user.email, model: [:], date: now, in: db
            )
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .signedUp,
                                             target: "utilisateur \(user.id ?? 0)", address: address), in: db)
        }
    }

    public enum Confirmation: Sendable {
        /// The address is confirmed, the account signed in; the references of the cases it opened.
        case confirmed(User, openedCases: [String])
        /// Unknown, used or expired link.
        case invalidLink
        /// Not the password chosen at sign-up.
        case wrongPassword
        case throttled(TimeInterval)
    }

    /// The address a confirmation link stands for, to show it on the page; nil when the link is no
    /// longer valid.
    public func confirmationAddress(secret: String) async throws -> String? {
        let now = clock()
        return try await database.read { db in try AppDatabase.validToken(secret: secret, purpose: .confirmation, now: now, in: db)?.1.email }
    }

    /// Confirms the address of the token's account, once the password chosen at sign-up is given,
    /// and opens the cases typed with the sign-up. The password is what makes the confirmation the
    /// account's creator's: someone who signed up with another person's address cannot have that
    /// person confirm it for them, and that person, who never chose a password, cannot be tricked
    /// into it (they ask for a reset instead, which takes the account back).
    public func confirm(secret: String, password: String, address: String) async throws -> Confirmation {
        let now = clock()
        guard let email = try await confirmationAddress(secret: secret), let user = try await database.user(email: email) else { return .invalidLink }
        if let wait = try await waitTime(kind: "confirmation", email: email, address: address, now: now) { return .throttled(wait) }
        guard try await hasher.verify(password, hash: user.passwordHash ?? decoyHash), user.passwordHash != nil else {
            try await database.recordAuthFailure(kind: "confirmation", email: email, address: address, at: now)
            try await database.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: email, action: .confirmationPasswordRefused, address: address))
            return .wrongPassword
        }
        return try await database.write { db in
            guard var (token, user) = try AppDatabase.validToken(secret: secret, purpose: .confirmation, now: now, in: db) else { return .invalidLink }
            token.usedAt = now
            try token.update(db)
            user.emailConfirmedAt = user.emailConfirmedAt ?? now
            user.updatedAt = now
            try user.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .addressConfirmed,
                                             target: "utilisateur \(user.id ?? 0)", address: address), in: db)
            let opened = try CaseService.openPendingCases(of: user, workflow: caseWorkflow, now: now, in: db)
            return .confirmed(user, openedCases: opened)
        }
    }

    // MARK: Sign-in

    public enum SignInResult: Sendable {
        case signedIn(User)
        /// Wrong address or password: the same answer for both.
        case refused
        /// Right password, address not confirmed yet.
        case unconfirmed
        /// Too many failures: wait this many seconds.
        case throttled(TimeInterval)
    }

    /// Checks a password. Failures pause an account and a network address (`Throttle`), but a
    /// browser that already signed in to this account (`knownDevice`) is spared those pauses while
    /// its own failures stay under the limit: a guesser elsewhere cannot lock the owner out, and a
    /// guesser on the owner's browser is paused like anyone.
    public func signIn(email: String, password: String, address: String, knownDevice: KnownDevice? = nil) async throws -> SignInResult {
        let now = clock()
        let user = try await database.user(email: email)
        var spared = false
        if let knownDevice, let id = user?.id, knownDevice.userId == id {
            let failures = try await database.authFailures(kind: "connexion_appareil", email: knownDevice.nonce, address: "", since: now.addingTimeInterval(-throttle.window))
            spared = throttle.waitTime(failures: failures.byEmail.map(\.timeIntervalSinceReferenceDate), now: now.timeIntervalSinceReferenceDate) == nil
        }
        if !spared, let wait = try await waitTime(kind: "connexion", email: email, address: address, now: now) {
            try await database.audit(AuditEvent(at: now, actorUserId: nil, actorEmail: email, action: .signInBlocked, address: address))
            return .throttled(wait)
        }
        let matches = try await hasher.verify(password, hash: user?.passwordHash ?? decoyHash)
        guard let user, matches, user.passwordHash != nil else {
            if let knownDevice, knownDevice.userId == user?.id {
                try await database.recordAuthFailure(kind: "connexion_appareil", email: knownDevice.nonce, address: "", at: now)
            }
            try await database.recordAuthFailure(kind: "connexion", email: email, address: address, at: now)
            try await database.audit(AuditEvent(at: now, actorUserId: user?.id, actorEmail: email, action: .signInFailed, address: address))
            return .refused
        }
        guard user.emailConfirmedAt != nil else { return .unconfirmed }
        // A spared sign-in leaves the account's pause for other browsers in place: the owner
        // signing in on their usual browser must not let a guesser elsewhere start again.
        if !spared { try await database.clearAuthFailures(kind: "connexion", email: email) }
        try await database.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .signedIn, address: address))
        return .signedIn(user)
    }

    public func waitTime(kind: String, email: String, address: String, now: Date) async throws -> TimeInterval? {
        let since = now.addingTimeInterval(-throttle.window)
        let failures = try await database.authFailures(kind: kind, email: email, address: address, since: since)
        let origin = now.timeIntervalSinceReferenceDate
        // Per address, a wider allowance: several people may share a town hall's connection.
        var perAddress = throttle
        perAddress.limit = throttle.limit * 4
        let waits = [
            throttle.waitTime(failures: failures.byEmail.map(\.timeIntervalSinceReferenceDate), now: origin),
            perAddress.waitTime(failures: failures.byAddress.map(\.timeIntervalSinceReferenceDate), now: origin),
        ].compactMap { $0 }
        return waits.max()
    }

    // MARK: Password reset

    /// Mails a one-hour link when the address has an account. The caller shows the same page in all
    /// cases; nil, or the wait when throttled.
    public func requestReset(email: String, address: String) async throws -> TimeInterval? {
        let now = clock()
        if let wait = try await waitTime(kind: "reinitialisation", email: email, address: address, now: now) { return wait }
        // Every request counts towards the limit, so the link cannot be used to flood a mailbox.
        try await database.recordAuthFailure(kind: "reinitialisation", email: email, address: address, at: now)
        try await database.write { db in
            guard let user = try User.filter(User.Columns.email == email.lowercased()).fetchOne(db), let id = user.id else { return }
            try notifier.queueLink(
                .reset, purpose: .reset, userId: id, lifetime: Self.resetLifetime, url: .newPassword,
                to: user.email, model: [:], date: now, in: db
            )
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: id, actorEmail: user.email, action: .resetRequested, address: address), in: db)
        }
        return nil
    }

    /// Whether a reset or invitation link is still good (to show its form).
    public func isValid(secret: String, purpose: UserToken.Purpose) async throws -> Bool {
        let now = clock()
        return try await database.read { db in try AppDatabase.validToken(secret: secret, purpose: purpose, now: now, in: db) != nil }
    }

    /// Sets the password of the token's account (reset or invitation), confirms the address, uses the
    /// token and signs the account out everywhere. Nil when the link is no longer valid.
    public func setPassword(secret: String, purpose: UserToken.Purpose, password: String, address: String) async throws -> User? {
        let now = clock()
        let hash = try await hasher.hash(password)
        return try await database.write { db in
            guard var (token, user) = try AppDatabase.validToken(secret: secret, purpose: purpose, now: now, in: db) else { return nil }
            token.usedAt = now
            try token.update(db)
            user.passwordHash = hash
            if purpose == .reset { try Self.distrustUnvouchedContact(of: &user, in: db) }
            // The link arrived in this mailbox: the address is confirmed.
            user.emailConfirmedAt = user.emailConfirmedAt ?? now
            user.updatedAt = now
            try user.update(db)
            try Session.filter(Session.Columns.userId == user.id).deleteAll(db)
            // Trusted browsers go with the old password: whoever had it may have trusted one.
            if let id = user.id { try AppDatabase.revokeTrustedDevices(userId: id, in: db) }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email,
                                             action: purpose == .invitation ? .invitationAccepted : .passwordReset,
                                             address: address), in: db)
            return user
        }
    }

    // MARK: Invitation

    /// Creates an account without password for a correspondent or staff member and mails the link.
    /// Returns the link too, for an operator to pass on by hand when no mail server is configured.
    public func invite(email: String, name: String, role: Role, correspondentId: Int64?, invitedBy: String) async throws -> String {
        let now = clock()
        let recipient = try MailAddress(email)
        return try await database.write { db in
            guard try User.filter(User.Columns.email == recipient.address.lowercased()).fetchCount(db) == 0 else {
                throw InvitationError.alreadyExists
            }
            var user = User(email: recipient.address.lowercased(), name: name, role: role, notificationEmail: recipient.address.lowercased(), now: now)
            user.correspondentId = correspondentId
            try user.insert(db)
            let link = try notifier.queueLink(
                .invitation, purpose: .invitation, userId: user.id!, lifetime: Self.invitationLifetime, url: .invitation,
                to: user.email,
                model: ["name": name, "roleLabel": role.label.lowercased()], date: now, in: db
            )
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: nil, actorEmail: invitedBy, action: .invited,
                                             target: "\(user.email) (\(role.rawValue))"), in: db)
            return link
        }
    }

    public enum InvitationError: Error, CustomStringConvertible {
        case alreadyExists

        public var description: String { "an account already exists for this address" }
    }

    // MARK: Deletion

    /// Deletes the account; sessions and links go with it. The audit line keeps who it was. Their
    /// open cases are closed with a note on the timeline (the correspondent is told), then every case
    /// of theirs is anonymised: kept for the association's figures, with nothing left that names or
    /// describes them. Cases typed but never sent are erased.
    public func delete(_ user: User, address: String) async throws {
        let now = clock()
        let documents = try await database.write { db in
            var documents: [String] = []
            for var caseFile in try CaseFile.filter(CaseFile.Columns.directorId == user.id).fetchAll(db) {
                guard caseFile.openedAt != nil else {
                    _ = try caseFile.delete(db)
                    continue
                }
                if caseFile.status.isOpen {
                    try caseWorkflow.apply(CaseWorkflow.Act(action: .withdraw, reason: "Le directeur a supprimé son compte."),
                                           to: &caseFile, actor: user, role: .director, now: now, in: db)
                }
                documents += try AppDatabase.anonymiseCase(id: caseFile.id!, now: now, in: db)
                try caseWorkflow.record(CaseEvent(caseId: caseFile.id!, at: now, kind: .accountDeleted, actorUserId: nil, actorRole: .system,
                                                  reason: "Compte du directeur supprimé\u{00A0}: demande close et anonymisée."), in: db)
            }
            _ = try user.delete(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .accountDeleted,
                                             target: "utilisateur \(user.id ?? 0)", address: address), in: db)
            return documents
        }
        // Once the deletion is committed; a crash before this leaves files that the next start sweeps.
        for name in documents { files.delete(name) }
    }
}
