import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// « Faire confiance à cet appareil pendant 30 jours » : a cookie holding a random secret (258 bits),
/// of which the table keeps the SHA-256 only, bound to one account. It cannot be forged or moved to
/// another account, and deleting its row revokes it at once: the person can list and revoke theirs,
/// and a new password, a new set-up or an administrator's reset revoke them all.
public struct TrustedDevices: Sendable {
    public static let cookieName = "relais_appareil"
    public static let lifetime: TimeInterval = 30 * 24 * 3600

    public let database: AppDatabase
    public let clock: @Sendable () -> Date

    /// Trusts this browser for `user`; returns the secret for the cookie (empty: clear it).
    public func trust(_ user: User, userAgent: String, address: String) async throws -> String {
        guard let userId = user.id else { return "" }
        let now = clock()
        let secret = SecretToken.make()
        try await database.write { db in
            var device = TrustedDevice(userId: userId, tokenHash: SecretDigest.hex(secret), label: DeviceLabel.from(userAgent: userAgent),
                                       address: address, createdAt: now, expiresAt: now.addingTimeInterval(Self.lifetime))
            try device.insert(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email,
                                             action: AuditAction.trustedDeviceAdded, address: address, detail: device.label), in: db)
        }
        return secret
    }

    /// Whether the browser's cookie is a live trust of `user`'s; its use is written to the audit log.
    public func isTrusted(_ secret: String?, user: User, address: String) async throws -> Bool {
        guard let secret, !secret.isEmpty, secret.count <= 100, let userId = user.id else { return false }
        let now = clock()
        return try await database.write { db in
            guard var device = try AppDatabase.trustedDevice(userId: userId, tokenHash: SecretDigest.hex(secret), now: now, in: db) else { return false }
            device.lastUsedAt = now
            try device.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email,
                                             action: AuditAction.trustedDeviceUsed, address: address, detail: device.label), in: db)
            return true
        }
    }

    public func list(userId: Int64) async throws -> [TrustedDevice] {
        try await database.trustedDevices(userId: userId, now: clock())
    }

    /// Revokes one of `user`'s trusted browsers (`id`), or all of them (nil). Returns how many.
    @discardableResult
    public func revoke(_ id: Int64?, of user: User, address: String) async throws -> Int {
        guard let userId = user.id else { return 0 }
        let now = clock()
        return try await database.write { db in
            let count: Int
            if let id {
                count = try TrustedDevice.filter(TrustedDevice.Columns.id == id && TrustedDevice.Columns.userId == userId).deleteAll(db)
            } else {
                count = try AppDatabase.revokeTrustedDevices(userId: userId, in: db)
            }
            if count > 0 {
                try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email,
                                                 action: AuditAction.trustedDeviceRevoked, address: address,
                                                 detail: "\(count) appareil(s)"), in: db)
            }
            return count
        }
    }
}
