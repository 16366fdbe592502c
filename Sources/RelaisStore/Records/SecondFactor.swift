import Foundation
import GRDB

/// An account's TOTP secret: the confirmed one, and the one being set up until its first code.
public struct SecondFactor: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public var userId: Int64
    public var secret: String?
    public var enrolledAt: Date?
    /// The time step of the last code accepted; codes of that step or before are refused.
    public var lastUsedStep: Int64?
    public var pendingSecret: String?
    public var pendingSince: Date?

    public init(userId: Int64) {
        self.userId = userId
    }

    public var isEnrolled: Bool { secret != nil && enrolledAt != nil }
}

/// A single-use recovery code, stored as its hash.
public struct RecoveryCodeRecord: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "recoveryCode"

    public var id: Int64?
    public var userId: Int64
    public var codeHash: String
    public var createdAt: Date
    public var usedAt: Date?

    public init(userId: Int64, codeHash: String, createdAt: Date) {
        self.userId = userId
        self.codeHash = codeHash
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A browser trusted for 30 days: signing in there asks for the password only.
public struct TrustedDevice: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var userId: Int64
    /// SHA-256 of the cookie's secret.
    public var tokenHash: String
    /// What the browser said it was (« Firefox, Windows »), for the person to recognise it.
    public var label: String
    public var address: String
    public var createdAt: Date
    public var expiresAt: Date
    public var lastUsedAt: Date?

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let userId = Column(CodingKeys.userId)
    }

    public init(userId: Int64, tokenHash: String, label: String, address: String, createdAt: Date, expiresAt: Date) {
        self.userId = userId
        self.tokenHash = tokenHash
        self.label = label
        self.address = address
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// The half signed-in state: the password was right, the code is awaited. Tied to a session.
public struct PendingSignIn: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public var sessionIdHash: String
    public var userId: Int64
    public var returnTo: String
    public var createdAt: Date

    public init(sessionIdHash: String, userId: Int64, returnTo: String, createdAt: Date) {
        self.sessionIdHash = sessionIdHash
        self.userId = userId
        self.returnTo = returnTo
        self.createdAt = createdAt
    }
}
