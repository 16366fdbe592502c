import Foundation
import GRDB
import HummingbirdOTP
import RelaisCore
@_spi(UseCases) import RelaisStore

/// The second factor's use cases: enrolment, checking a code at sign-in, recovery codes, disabling,
/// an administrator's reset. Each writes in one transaction with its audit line. The rules (steps,
/// reuse, formats) are `TOTPRules` and `RecoveryCode` in the domain.
public struct SecondFactorService: Sendable {
    /// Failures of codes count apart from password failures, with the same limits.
    public static let throttleKind = "code"
    /// How long the half signed-in state waits for its code.
    public static let pendingLifetime: TimeInterval = 10 * 60
    public static let issuer = "Relais"

    public let database: AppDatabase
    public let accounts: AccountService
    public let clock: @Sendable () -> Date

    // MARK: Codes

    /// The six digits of `secret` for time step `step` (HOTP on the step: that is what TOTP is).
    public static func code(secret: String, step: Int64) -> String {
        TOTPRules.format(HOTP(secret: secret, length: TOTPRules.digits, hashFunction: .sha1).compute(counter: UInt64(max(0, step))))
    }

    public static func currentStep(_ date: Date) -> Int64 {
        TOTPRules.step(atUnixTime: date.timeIntervalSince1970)
    }

    /// The address an authenticator app reads from the QR code.
    public static func authenticatorURL(secret: String, email: String) -> String {
        TOTP(secret: secret, length: TOTPRules.digits, timeStep: Int(TOTPRules.stepSeconds), hashFunction: .sha1)
            .createAuthenticatorURL(label: "\(issuer):\(email)", issuer: issuer)
    }

    /// The secret as people type it into an app: base32 of its bytes, in groups of four.
    public static func typedSecret(_ secret: String) -> String {
        Base32.grouped(Base32.encode(Array(secret.utf8)))
    }

    // MARK: Enrolment

    /// The secret being set up for `userId`, if any.
    public func pendingSecret(userId: Int64) async throws -> String? {
        try await database.read { db in try AppDatabase.secondFactor(userId: userId, in: db)?.pendingSecret }
    }

    /// Starts (or starts again) setting up: a new secret, shown until its first code confirms it.
    /// An enrolled account keeps its current secret until then.
    public func beginEnrolment(userId: Int64) async throws {
        let now = clock()
        try await database.write { db in
            var factor = try AppDatabase.secondFactor(userId: userId, in: db) ?? SecondFactor(userId: userId)
            factor.pendingSecret = TOTPSecret.make()
            factor.pendingSince = now
            try factor.save(db)
        }
    }

    public enum EnrolmentResult: Sendable {
        /// The recovery codes, to show once.
        case enrolled([String])
        case refused
        case throttled(TimeInterval)
        /// Nothing being set up (another tab finished, or an administrator reset it).
        case nothingPending
    }

    /// Confirms the pending secret with a first code; the account then has ten new recovery codes.
    public func confirmEnrolment(_ user: User, code: String, address: String) async throws -> EnrolmentResult {
        guard let userId = user.id else { return .nothingPending }
        let now = clock()
        if let wait = try await accounts.waitTime(kind: Self.throttleKind, email: user.email, address: address, now: now) {
            return .throttled(wait)
        }
        let codes = RecoveryCode.makeSet()
        let result: EnrolmentResult = try await database.write { db in
            guard let factor = try AppDatabase.secondFactor(userId: userId, in: db), let secret = factor.pendingSecret else { return .nothingPending }
            guard let step = TOTPRules.acceptedStep(code: code, currentStep: Self.currentStep(now), lastUsedStep: nil,
                                                    codeAt: { Self.code(secret: secret, step: $0) }) else { return .refused }
            try AppDatabase.enrolSecondFactor(userId: userId, secret: secret, usedStep: step, recoveryCodeHashes: codes.map(RecoveryCode.hash),
                                              now: now, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: AuditAction.secondFactorEnrolled,
                                             target: "utilisateur \(userId)", address: address,
                                             detail: factor.isEnrolled ? "nouvelle configuration" : ""), in: db)
            return .enrolled(codes)
        }
        if case .refused = result {
            try await recordFailure(user, address: address, now: now, detail: "mise en place")
        }
        return result
    }

    // MARK: Sign-in

    public enum CheckResult: Sendable, Equatable {
        /// A TOTP code matched.
        case accepted
        /// A recovery code matched; this many remain.
        case recoveryCodeUsed(remaining: Int)
        case refused
        case throttled(TimeInterval)
    }

    /// Checks a TOTP code or a recovery code typed at sign-in, against the limits on failures.
    public func check(_ user: User, input: String, address: String) async throws -> CheckResult {
        guard let userId = user.id else { return .refused }
        let now = clock()
        if let wait = try await accounts.waitTime(kind: Self.throttleKind, email: user.email, address: address, now: now) {
            try await database.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: AuditAction.codeBlocked,
                                                address: address))
            return .throttled(wait)
        }
        let result: CheckResult = try await database.write { db in
            guard let factor = try AppDatabase.secondFactor(userId: userId, in: db), factor.isEnrolled, let secret = factor.secret else {
                return .refused
            }
            // Inside the write transaction: two requests with the same code cannot both pass.
            if let step = TOTPRules.acceptedStep(code: input, currentStep: Self.currentStep(now), lastUsedStep: factor.lastUsedStep,
                                                 codeAt: { Self.code(secret: secret, step: $0) }) {
                try db.execute(sql: "UPDATE secondFactor SET lastUsedStep = ? WHERE userId = ?", arguments: [step, userId])
                try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: AuditAction.codeAccepted,
                                                 address: address), in: db)
                return .accepted
            }
            if let recovery = RecoveryCode.normalized(input),
               try AppDatabase.useRecoveryCode(userId: userId, codeHash: RecoveryCode.hash(recovery), now: now, in: db) {
                let remaining = try AppDatabase.unusedRecoveryCodes(userId: userId, in: db)
                try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email,
                                                 action: AuditAction.recoveryCodeUsed, address: address,
                                                 detail: "\(remaining) restant(s)"), in: db)
                return .recoveryCodeUsed(remaining: remaining)
            }
            return .refused
        }
        if result == .refused {
            try await recordFailure(user, address: address, now: now, detail: "connexion")
        } else {
            try await database.clearAuthFailures(kind: Self.throttleKind, email: user.email)
        }
        return result
    }

    private func recordFailure(_ user: User, address: String, now: Date, detail: String) async throws {
        try await database.recordAuthFailure(kind: Self.throttleKind, email: user.email, address: address, at: now)
        try await database.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: AuditAction.codeRefused,
                                            address: address, detail: detail))
    }

    /// Remembers that `sessionIdHash`'s browser typed the right password for `userId`.
    public func beginPendingSignIn(sessionIdHash: String, userId: Int64, returnTo: String) async throws {
        let pending = PendingSignIn(sessionIdHash: sessionIdHash, userId: userId, returnTo: returnTo, createdAt: clock())
        try await database.write { db in try pending.save(db) }
    }

    /// The account waiting for its code in this session, or nil (none, or waited too long).
    public func pendingSignIn(sessionIdHash: String?) async throws -> (PendingSignIn, User)? {
        guard let sessionIdHash else { return nil }
        let now = clock()
        guard let (pending, user) = try await database.read({ db in try AppDatabase.pendingSignIn(sessionIdHash: sessionIdHash, in: db) })
        else { return nil }
        guard now.timeIntervalSince(pending.createdAt) <= Self.pendingLifetime, user.secondFactorAt != nil else {
            try await database.write { db in _ = try PendingSignIn.deleteOne(db, key: sessionIdHash) }
            return nil
        }
        return (pending, user)
    }

    // MARK: Status, disabling, reset

    public struct Status: Sendable {
        public var enrolledAt: Date?
        public var pendingSecret: String?
        public var unusedRecoveryCodes: Int
    }

    public func status(userId: Int64) async throws -> Status {
        try await database.read { db in
            let factor = try AppDatabase.secondFactor(userId: userId, in: db)
            return Status(enrolledAt: factor?.isEnrolled == true ? factor?.enrolledAt : nil, pendingSecret: factor?.pendingSecret,
                          unusedRecoveryCodes: try AppDatabase.unusedRecoveryCodes(userId: userId, in: db))
        }
    }

    /// The person turns their second factor off (directors and correspondents only: the caller
    /// checked the password and a code).
    public func disable(_ user: User, address: String) async throws {
        guard let userId = user.id else { return }
        let now = clock()
        try await database.write { db in
            try AppDatabase.removeSecondFactor(userId: userId, now: now, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: AuditAction.secondFactorDisabled,
                                             target: "utilisateur \(userId)", address: address), in: db)
        }
    }

    /// An administrator removes someone's second factor (lost phone and codes). Their sessions end
    /// too: whoever holds the phone must not stay signed in. Staff will set it up again at sign-in.
    public func reset(_ target: User, by admin: User, address: String) async throws {
        guard let targetId = target.id else { return }
        let now = clock()
        try await database.write { db in
            try AppDatabase.removeSecondFactor(userId: targetId, now: now, in: db)
            let sessions = try Session.filter(Session.Columns.userId == targetId).deleteAll(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: admin.id, actorEmail: admin.email, action: AuditAction.secondFactorReset,
                                             target: target.email, address: address, detail: "\(sessions) session(s) fermée(s)"), in: db)
        }
    }
}
