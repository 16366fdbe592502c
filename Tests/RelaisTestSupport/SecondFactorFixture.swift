import Foundation
import GRDB
import HummingbirdOTP
import RelaisCore
@testable import RelaisStore
import RelaisUseCases

/// Two-factor sign-in for tests: staff accounts enrolled with one known secret, and the codes an
/// authenticator app would show for it at a pinned moment.
public enum SecondFactorFixture {
    /// The secret every account enrolled by `enrol` shares (HMAC key: its UTF-8 bytes).
    public static let secret = "relais-tests-totp-key!"

    /// The six digits for `secret` at `date`, `steps` time steps later.
    public static func code(at date: Date = TestClock.now, steps: Int64 = 0, secret: String = secret) -> String {
        let step = TOTPRules.step(atUnixTime: date.timeIntervalSince1970) + steps
        return TOTPRules.format(HOTP(secret: secret).compute(counter: UInt64(step)))
    }

    /// Enrols the account of `email` with `secret`, as if its first code had been typed a minute
    /// before `date`; `recoveryCodes` are stored hashed.
    public static func enrol(_ email: String, in database: AppDatabase, at date: Date = TestClock.now, recoveryCodes: [String] = []) async throws {
        let step = TOTPRules.step(atUnixTime: date.timeIntervalSince1970) - 2
        try await database.writer.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM user WHERE email = ?", arguments: [email.lowercased()]) else {
                throw FixtureError("no account for \(email)")
            }
            try AppDatabase.enrolSecondFactor(userId: id, secret: secret, usedStep: step, recoveryCodeHashes: recoveryCodes.map(RecoveryCode.hash),
                                              now: date, in: db)
        }
    }

    /// Enrols every staff and admin account of `database` (they cannot work without a second factor).
    public static func enrolStaff(in database: AppDatabase, at date: Date = TestClock.now) async throws {
        let emails = try await database.reader.read { db in
            try String.fetchAll(db, sql: "SELECT email FROM user WHERE role IN ('equipe', 'admin') AND secondFactorAt IS NULL")
        }
        for email in emails { try await enrol(email, in: database, at: date) }
    }

    public struct FixtureError: Error, CustomStringConvertible {
        public let description: String

        init(_ description: String) {
            self.description = description
        }
    }
}

extension Browser {
    /// Signs in like a person: the password, then, when Relais asks for it, the code of
    /// `SecondFactorFixture.secret` at `date`. A code serves once, so when a test signs the same
    /// account in again at the same pinned moment, the current step's code is refused and the next
    /// step's (accepted: codes are good ±1 step) is typed instead. Returns the last answer.
    @discardableResult
    public func signIn(_ email: String, _ password: String, extraFields: [(String, String)] = [], at date: Date = TestClock.now) async throws -> Page {
        try await get("/connexion")
        let answer = try await post("/connexion", [("email", email), ("motdepasse", password)] + extraFields)
        guard answer.location == "/connexion/code" else { return answer }
        try await get("/connexion/code")
        var codeAnswer = answer
        for steps in [0, 1] as [Int64] {
            codeAnswer = try await post("/connexion/code", [("code", SecondFactorFixture.code(at: date, steps: steps))])
            if codeAnswer.status == .seeOther { break }
        }
        return codeAnswer
    }
}
