import Foundation
import GRDB

/// A mail in the outbox.
public struct OutboxMessage: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public enum Status: String, Codable, Sendable, CaseIterable {
        /// Waiting for its next attempt (or for a mail server to be configured).
        case pending
        /// Claimed by a worker, under lease.
        case sending
        case delivered
        /// Refused for good (5xx) or given up after 48 hours.
        case failed
    }

    public var id: Int64?
    public var messageId: String
    public var kind: String
    public var sender: String
    public var recipient: String
    public var subject: String
    public var raw: String
    public var status: Status
    public var attempts: Int
    public var nextAttemptAt: Date
    public var giveUpAt: Date
    public var leaseOwner: String?
    public var leaseUntil: Date?
    public var lastError: String?
    public var lastCurlCode: Int?
    public var lastSMTPCode: Int?
    public var createdAt: Date
    public var deliveredAt: Date?
    /// Stands in the stored text for the secret of a one-time link; nil for mails without one.
    public var secretSlot: String?

    public init(messageId: String, kind: String, sender: String, recipient: String, subject: String, raw: String,
                createdAt: Date, giveUpAt: Date, secretSlot: String? = nil) {
        self.messageId = messageId
        self.kind = kind
        self.sender = sender
        self.recipient = recipient
        self.subject = subject
        self.raw = raw
        self.status = .pending
        self.attempts = 0
        self.nextAttemptAt = createdAt
        self.giveUpAt = giveUpAt
        self.createdAt = createdAt
        self.secretSlot = secretSlot
    }

    /// Whether the stored text stands for a one-time link: staff see that it was sent, not its text.
    public var carriesSecret: Bool { secretSlot != nil || ["confirmation", "reset", "invitation", "adresse"].contains(kind) }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let status = Column(CodingKeys.status)
        public static let nextAttemptAt = Column(CodingKeys.nextAttemptAt)
        public static let leaseOwner = Column(CodingKeys.leaseOwner)
        public static let leaseUntil = Column(CodingKeys.leaseUntil)
        public static let createdAt = Column(CodingKeys.createdAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One attempt to deliver an outbox message.
public struct OutboxAttempt: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var outboxMessageId: Int64
    public var worker: String
    public var startedAt: Date
    public var finishedAt: Date
    /// `delivered`, `temporary` or `permanent`.
    public var outcome: String
    public var curlCode: Int
    public var smtpCode: Int
    public var detail: String

    public init(outboxMessageId: Int64, worker: String, startedAt: Date, finishedAt: Date, outcome: String,
                curlCode: Int, smtpCode: Int, detail: String) {
        self.outboxMessageId = outboxMessageId
        self.worker = worker
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.outcome = outcome
        self.curlCode = curlCode
        self.smtpCode = smtpCode
        self.detail = detail
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
