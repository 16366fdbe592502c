import Foundation
import GRDB
import RelaisCore

/// The second factor's storage: secrets, recovery codes, trusted browsers, half signed-in sessions.
/// The use cases (RelaisWeb's `SecondFactorService`) call these inside their own transactions.
extension AppDatabase {
    public static func secondFactor(userId: Int64, in db: Database) throws -> SecondFactor? {
        try SecondFactor.fetchOne(db, key: userId)
    }

    /// Makes `secret` the account's second factor, with fresh recovery codes (hashes of `codes`);
    /// the old codes and trusted browsers go, since they belonged to the previous set-up.
    public static func enrolSecondFactor(userId: Int64, secret: String, usedStep: Int64, recoveryCodeHashes: [String], now: Date,
                                         in db: Database) throws {
        var factor = try SecondFactor.fetchOne(db, key: userId) ?? SecondFactor(userId: userId)
        factor.secret = secret
        factor.enrolledAt = now
        factor.lastUsedStep = usedStep
        factor.pendingSecret = nil
        factor.pendingSince = nil
        try factor.save(db)
        try db.execute(sql: "DELETE FROM recoveryCode WHERE userId = ?", arguments: [userId])
        for hash in recoveryCodeHashes {
            var code = RecoveryCodeRecord(userId: userId, codeHash: hash, createdAt: now)
            try code.insert(db)
        }
        _ = try revokeTrustedDevices(userId: userId, in: db)
        try db.execute(sql: "UPDATE user SET secondFactorAt = ?, updatedAt = ? WHERE id = ?", arguments: [now, now, userId])
    }

    /// Removes the second factor of an account entirely: secret, codes, trusted browsers.
    public static func removeSecondFactor(userId: Int64, now: Date, in db: Database) throws {
        try db.execute(sql: "DELETE FROM secondFactor WHERE userId = ?", arguments: [userId])
        try db.execute(sql: "DELETE FROM recoveryCode WHERE userId = ?", arguments: [userId])
        _ = try revokeTrustedDevices(userId: userId, in: db)
        try db.execute(sql: "UPDATE user SET secondFactorAt = NULL, updatedAt = ? WHERE id = ?", arguments: [now, userId])
    }

    /// The unused recovery code of `userId` whose hash is `codeHash`, marked used; false if none.
    public static func useRecoveryCode(userId: Int64, codeHash: String, now: Date, in db: Database) throws -> Bool {
        try db.execute(sql: "UPDATE recoveryCode SET usedAt = ? WHERE userId = ? AND codeHash = ? AND usedAt IS NULL",
                       arguments: [now, userId, codeHash])
        return db.changesCount > 0
    }

    public static func unusedRecoveryCodes(userId: Int64, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT count(*) FROM recoveryCode WHERE userId = ? AND usedAt IS NULL", arguments: [userId]) ?? 0
    }

    // MARK: Trusted browsers

    @discardableResult
    public static func revokeTrustedDevices(userId: Int64, in db: Database) throws -> Int {
        try TrustedDevice.filter(Column("userId") == userId).deleteAll(db)
    }

    /// The live trusted browser of `userId` whose cookie secret hashes to `tokenHash`.
    public static func trustedDevice(userId: Int64, tokenHash: String, now: Date, in db: Database) throws -> TrustedDevice? {
        try TrustedDevice.filter(Column("tokenHash") == tokenHash && Column("userId") == userId && Column("expiresAt") > now).fetchOne(db)
    }

    public func trustedDevices(userId: Int64, now: Date) async throws -> [TrustedDevice] {
        try await reader.read { db in
            try TrustedDevice.filter(Column("userId") == userId && Column("expiresAt") > now).order(Column("createdAt").desc).fetchAll(db)
        }
    }

    // MARK: Half signed-in sessions

    public static func pendingSignIn(sessionIdHash: String, in db: Database) throws -> (PendingSignIn, User)? {
        guard let pending = try PendingSignIn.fetchOne(db, key: sessionIdHash),
              let user = try User.fetchOne(db, key: pending.userId) else { return nil }
        return (pending, user)
    }

    // MARK: Administration

    /// Accounts for the administrators' list: those matching `query` (address or name), staff and
    /// correspondents first; with no query, the accounts that must or may have a second factor.
    public func accountsForAdministration(query: String, limit: Int = 50) async throws -> [User] {
        try await reader.read { db in
            let order = "CASE role WHEN 'admin' THEN 0 WHEN 'equipe' THEN 1 WHEN 'correspondant' THEN 2 ELSE 3 END, email"
            let words = query.lowercased().split(separator: " ").prefix(4).map(String.init)
            guard !words.isEmpty else {
                return try User.fetchAll(db, sql: "SELECT * FROM user WHERE role != 'demandeur' ORDER BY \(order) LIMIT ?", arguments: [limit])
            }
            var request = User.all()
            for word in words {
                let escaped = word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                request = request.filter(sql: "(lower(email) LIKE ? ESCAPE '\\' OR lower(name) LIKE ? ESCAPE '\\')",
                                         arguments: ["%\(escaped)%", "%\(escaped)%"])
            }
            return try request.order(sql: order).limit(limit).fetchAll(db)
        }
    }
}
