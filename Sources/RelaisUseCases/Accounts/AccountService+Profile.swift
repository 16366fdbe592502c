import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// What a signed-in person changes on their own account (`/compte`): name and phone, the address
/// that receives notifications (confirmed from that mailbox before it is used), the password.
extension AccountService {
    public static let addressChangeLifetime: TimeInterval = 48 * 3600

    /// Saves the name and phone, already checked.
    public func updateProfile(_ user: User, name: String, phone: String, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard var current = try User.fetchOne(db, key: user.id) else { return }
            let changed = [current.name != name ? "nom" : nil, current.phone != phone ? "téléphone" : nil].compactMap { $0 }
            guard !changed.isEmpty else { return }
            current.name = name
            current.phone = phone
            current.updatedAt = now
            try current.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: current.id, actorEmail: current.email, action: .profileChanged,
                                             target: "utilisateur \(current.id ?? 0)", address: address,
                                             detail: changed.joined(separator: ", ")), in: db)
        }
    }

    /// Mails a confirmation link to `newAddress`; the current notification address keeps receiving
    /// everything until it is confirmed, and is told of the request (if it was not its owner, they
    /// learn it at once).
    /// Nil, or the wait when the account asked too often (each request mails a stranger's address).
    public func requestNotificationAddress(_ user: User, newAddress: String, address: String) async throws -> TimeInterval? {
        let now = clock()
        if let wait = try await waitTime(kind: "adresse_notification", email: user.email, address: address, now: now) { return wait }
        try await database.recordAuthFailure(kind: "adresse_notification", email: user.email, address: address, at: now)
        try await database.write { db in
            guard let id = user.id, let current = try User.fetchOne(db, key: id) else { return }
            try notifier.queueLink(
                .addressConfirmation, purpose: .notificationAddress, userId: id, lifetime: Self.addressChangeLifetime, payload: newAddress,
                url: .addressConfirmation, to: newAddress, model: [:], date: now, in: db
            )
            try notifier.queue(
                .accountNotice, to: current.notificationEmail,
                model: ["message": "Une nouvelle adresse de notification a été demandée pour votre compte Relais. Elle ne servira qu’une fois confirmée depuis sa propre messagerie\u{00A0}; d’ici là, les notifications continuent d’arriver ici.",
                        "resetLink": SiteURL.forgotPassword.absolute(base: notifier.baseURL)],
                date: now, in: db
            )
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: id, actorEmail: current.email, action: .notificationAddressRequested,
                                             target: "utilisateur \(id)", address: address), in: db)
        }
        return nil
    }

    /// The address a confirmation link would set, to show it before the button; nil when the link
    /// is no longer valid.
    public func pendingNotificationAddress(secret: String) async throws -> String? {
        let now = clock()
        return try await database.read { db in
            try AppDatabase.validToken(secret: secret, purpose: .notificationAddress, now: now, in: db)?.0.payload
        }
    }

    /// Makes the link's address the notification address; nil when the link is no longer valid.
    public func confirmNotificationAddress(secret: String, address: String) async throws -> User? {
        let now = clock()
        return try await database.write { db in
            guard var (token, user) = try AppDatabase.validToken(secret: secret, purpose: .notificationAddress, now: now, in: db),
                  let newAddress = token.payload else { return nil }
            token.usedAt = now
            try token.update(db)
            user.notificationEmail = newAddress
            user.updatedAt = now
            try user.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .notificationAddressConfirmed,
                                             target: "utilisateur \(user.id ?? 0)", address: address), in: db)
            return user
        }
    }

    public enum PasswordChange: Sendable {
        case changed(User)
        case wrongCurrentPassword
        case throttled(TimeInterval)
    }

    /// Changes the password once the current one is given. Every session of the account ends (the
    /// caller opens a new one for this browser) and the owner is told by mail.
    public func changePassword(_ user: User, current: String, new: String, address: String) async throws -> PasswordChange {
        let now = clock()
        if let wait = try await waitTime(kind: "mot_de_passe_actuel", email: user.email, address: address, now: now) {
            return .throttled(wait)
        }
        guard try await hasher.verify(current, hash: user.passwordHash ?? decoyHash) else {
            try await database.recordAuthFailure(kind: "mot_de_passe_actuel", email: user.email, address: address, at: now)
            try await database.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .currentPasswordRefused, address: address))
            return .wrongCurrentPassword
        }
        let hash = try await hasher.hash(new)
        let updated: User? = try await database.write { db in
            guard var stored = try User.fetchOne(db, key: user.id) else { return nil }
            stored.passwordHash = hash
            stored.updatedAt = now
            try stored.update(db)
            try Session.filter(Session.Columns.userId == stored.id).deleteAll(db)
            try notifier.queue(
                .accountNotice, to: stored.email,
                model: ["message": "Le mot de passe de votre compte Relais vient d’être changé, et vos autres appareils ont été déconnectés.",
                        "resetLink": SiteURL.forgotPassword.absolute(base: notifier.baseURL)],
                date: now, in: db
            )
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: stored.id, actorEmail: stored.email, action: .passwordChanged,
                                             target: "utilisateur \(stored.id ?? 0)", address: address), in: db)
            return stored
        }
        guard let updated else { return .wrongCurrentPassword }
        try await database.clearAuthFailures(kind: "mot_de_passe_actuel", email: user.email)
        return .changed(updated)
    }
}
