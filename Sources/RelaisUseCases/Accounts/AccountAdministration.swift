import Foundation
import GRDB
import Logging
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// Account operations for the command line (`relais user …`), built on the same service as the site.
public struct AccountAdministration: Sendable {
    public let parts: UseCases

    public init(config: AppConfig, database: AppDatabase) async throws {
        parts = try await UseCases.make(config: config, database: database)
    }

    /// Creates a confirmed account with a password (operators, first staff member).
    public func add(email: String, name: String, role: Role, password: String) async throws -> User {
        let address = try MailAddress(email)
        if let problem = PasswordRules.problem(with: password, email: address.address) { throw AdministrationError(problem) }
        guard try await parts.database.user(email: address.address) == nil else { throw AdministrationError("an account already exists for \(address.address)") }
        let hash = try await parts.accounts.hasher.hash(password)
        let now = parts.clock()
        return try await parts.database.write { db in
            var user = User(email: address.address.lowercased(), name: name, role: role, notificationEmail: address.address.lowercased(), now: now)
            user.passwordHash = hash
            user.emailConfirmedAt = now
            try user.insert(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: nil, actorEmail: "relais user add", action: .accountCreated,
                                             target: "\(user.email) (\(role.rawValue))"), in: db)
            return user
        }
    }

    /// Invites someone; the link is mailed through the outbox and returned for the operator.
    public func invite(email: String, name: String, role: Role, correspondentKey: String?) async throws -> String {
        var correspondentId: Int64?
        if let correspondentKey {
            correspondentId = try await parts.database.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM correspondent WHERE key = ?", arguments: [correspondentKey])
            }
            guard correspondentId != nil else { throw AdministrationError("no correspondent has the key \(correspondentKey) (see Seeds/annuaire/correspondants.csv)") }
        }
        do {
            return try await parts.accounts.invite(email: email, name: name, role: role, correspondentId: correspondentId, invitedBy: "relais user invite")
        } catch let error as MailError {
            throw AdministrationError(error.description)
        }
    }

    /// Changes a role, ends the person's sessions (their rights changed) and writes the audit log.
    public func changeRole(email: String, to role: Role) async throws {
        let now = parts.clock()
        try await parts.database.write { db in
            guard var user = try User.filter(User.Columns.email == email.lowercased()).fetchOne(db) else {
                throw AdministrationError("no account for \(email)")
            }
            let previous = user.role
            user.role = role
            user.updatedAt = now
            try user.update(db)
            try Session.filter(Session.Columns.userId == user.id).deleteAll(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: nil, actorEmail: "relais user role", action: .roleChanged,
                                             target: user.email, detail: "\(previous.rawValue) → \(role.rawValue)"), in: db)
        }
    }
}

public struct AdministrationError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
