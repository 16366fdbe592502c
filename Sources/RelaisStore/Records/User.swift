import Foundation
import GRDB
import RelaisCore

/// A person with an account.
public struct User: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var email: String
    public var name: String
    public var role: Role
    public var position: Position?
    public var employerCode: String?
    public var employerName: String
    public var departementCode: String?
    /// Where notifications go: a personal address is safer than the employer's.
    public var notificationEmail: String
    public var phone: String
    public var passwordHash: String?
    public var emailConfirmedAt: Date?
    public var correspondentId: Int64?
    /// Created by `relais serve --demo`.
    public var demo: Bool
    /// When the second factor was confirmed; nil without one. The secret lives in `secondFactor`:
    /// this copy lets every request's authorisation know without reading another table.
    public var secondFactorAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(email: String, name: String, role: Role, notificationEmail: String, now: Date) {
        self.email = email
        self.name = name
        self.role = role
        self.employerName = ""
        self.notificationEmail = notificationEmail
        self.phone = ""
        self.demo = false
        self.createdAt = now
        self.updatedAt = now
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let email = Column(CodingKeys.email)
        public static let role = Column(CodingKeys.role)
    }

    public var actor: Policy.Actor? { id.map { Policy.Actor(userId: $0, role: role, secondFactor: secondFactorAt != nil) } }

    /// Signed in people must have a password and, for directors who signed up, a confirmed address.
    public var canSignIn: Bool { passwordHash != nil && emailConfirmedAt != nil }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A browser's session, anonymous or signed in.
public struct Session: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    /// SHA-256 of the cookie's secret.
    public var idHash: String
    public var userId: Int64?
    public var csrfToken: String
    public var createdAt: Date
    public var lastSeenAt: Date
    /// The browser's own description and the address it signed in from, for the list of sessions.
    public var userAgent: String
    public var address: String

    public init(idHash: String, userId: Int64?, csrfToken: String, now: Date, userAgent: String = "", address: String = "") {
        self.idHash = idHash
        self.userId = userId
        self.csrfToken = csrfToken
        self.createdAt = now
        self.lastSeenAt = now
        self.userAgent = String(userAgent.prefix(300))
        self.address = address
    }

    public enum Columns {
        public static let idHash = Column(CodingKeys.idHash)
        public static let userId = Column(CodingKeys.userId)
    }
}

/// A one-time link sent by mail.
public struct UserToken: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public enum Purpose: String, Codable, Sendable {
        case confirmation
        case reset
        case invitation
        /// Confirms a new notification address (the address is the token's `payload`).
        case notificationAddress = "adresse"
    }

    public var id: Int64?
    public var userId: Int64
    public var purpose: Purpose
    public var tokenHash: String
    public var createdAt: Date
    public var expiresAt: Date
    public var usedAt: Date?
    /// What the link confirms beyond its account, for purposes that need it.
    public var payload: String?

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A line of the audit log: who did what, when, from where.
public struct AuditEvent: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var at: Date
    public var actorUserId: Int64?
    public var actorEmail: String
    public var action: String
    public var target: String
    public var address: String
    public var detail: String

    public init(at: Date, actorUserId: Int64?, actorEmail: String, action: AuditAction, target: String = "", address: String = "", detail: String = "") {
        self.at = at
        self.actorUserId = actorUserId
        self.actorEmail = actorEmail
        self.action = action.rawValue
        self.target = target
        self.address = address
        self.detail = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
