import Foundation
import GRDB
import RelaisCore

/// The outbox's storage: claiming under lease, recording attempts, releasing, listing, retrying.
extension AppDatabase {
    /// Claims up to `limit` messages that are due, or whose lease ran out (a worker died mid-send),
    /// for `owner` until `now + lease`. One transaction, so two workers never claim the same message.
    public func claimOutboxMessages(owner: String, now: Date, lease: TimeInterval, limit: Int) async throws -> [OutboxMessage] {
        try await writer.write { db in
            let due = try OutboxMessage
                .filter(
                    (OutboxMessage.Columns.status == OutboxMessage.Status.pending.rawValue && OutboxMessage.Columns.nextAttemptAt <= now)
                        || (OutboxMessage.Columns.status == OutboxMessage.Status.sending.rawValue && OutboxMessage.Columns.leaseUntil < now)
                )
                .order(OutboxMessage.Columns.nextAttemptAt, OutboxMessage.Columns.id)
                .limit(limit)
                .fetchAll(db)
            return try due.map { message in
                var claimed = message
                claimed.status = .sending
                claimed.leaseOwner = owner
                claimed.leaseUntil = now.addingTimeInterval(lease)
                try claimed.update(db)
                return claimed
            }
        }
    }

    /// The result of one attempt, written only if `owner` still holds the lease.
    public struct OutboxResult: Sendable {
        public var outcome: String
        public var curlCode: Int
        public var smtpCode: Int
        public var detail: String

        public init(outcome: String, curlCode: Int, smtpCode: Int, detail: String) {
            self.outcome = outcome
            self.curlCode = curlCode
            self.smtpCode = smtpCode
            self.detail = detail
        }
    }

    /// Records an attempt and moves the message on: delivered, failed for good, or pending until the
    /// next attempt of `schedule` (failed once past its give-up time).
    @discardableResult
    public func recordOutboxAttempt(
        messageId id: Int64, owner: String, startedAt: Date, finishedAt: Date, result: OutboxResult,
        schedule: RetrySchedule, random: Double
    ) async throws -> OutboxMessage? {
        try await writer.write { db in
            guard var message = try OutboxMessage.fetchOne(db, key: id) else { return nil }
            var attempt = OutboxAttempt(
                outboxMessageId: id, worker: owner, startedAt: startedAt, finishedAt: finishedAt,
                outcome: result.outcome, curlCode: result.curlCode, smtpCode: result.smtpCode, detail: result.detail
            )
            try attempt.insert(db)
            // Someone else took the message over after our lease expired: their attempt decides.
            guard message.status == .sending, message.leaseOwner == owner else { return message }
            message.attempts += 1
            message.lastCurlCode = result.curlCode
            message.lastSMTPCode = result.smtpCode
            message.leaseOwner = nil
            message.leaseUntil = nil
            switch result.outcome {
            case "delivered":
                message.status = .delivered
                message.deliveredAt = finishedAt
                message.lastError = nil
            case "permanent":
                message.status = .failed
                message.lastError = result.detail
            default:
                let next = finishedAt.addingTimeInterval(schedule.delay(afterAttempt: message.attempts, random: random))
                if next > message.giveUpAt {
                    message.status = .failed
                    message.lastError = "abandonné après 48 h : \(result.detail)"
                } else {
                    message.status = .pending
                    message.nextAttemptAt = next
                    message.lastError = result.detail
                }
            }
            try message.update(db)
            return message
        }
    }

    /// Gives back, untouched, the messages `owner` claimed but did not send (shutdown).
    @discardableResult
    public func releaseOutboxLeases(owner: String) throws -> Int {
        try writer.write { db in
            try OutboxMessage
                .filter(OutboxMessage.Columns.leaseOwner == owner && OutboxMessage.Columns.status == OutboxMessage.Status.sending.rawValue)
                .updateAll(db, OutboxMessage.Columns.status.set(to: OutboxMessage.Status.pending.rawValue),
                           OutboxMessage.Columns.leaseOwner.set(to: nil), OutboxMessage.Columns.leaseUntil.set(to: nil))
        }
    }

    /// Messages, newest first, optionally of one status.
    public func outboxMessages(status: OutboxMessage.Status? = nil, limit: Int = 200) throws -> [OutboxMessage] {
        try reader.read { db in try Self.outboxMessages(status: status, limit: limit, in: db) }
    }

    /// The same, awaited: request handlers and use cases must use this one (a synchronous read there
    /// blocks a thread of Swift's cooperative pool, and enough of them at once stop the server).
    public func outboxMessages(status: OutboxMessage.Status? = nil, limit: Int = 200) async throws -> [OutboxMessage] {
        try await reader.read { db in try Self.outboxMessages(status: status, limit: limit, in: db) }
    }

    static func outboxMessages(status: OutboxMessage.Status?, limit: Int, in db: Database) throws -> [OutboxMessage] {
        var request = OutboxMessage.order(OutboxMessage.Columns.createdAt.desc, OutboxMessage.Columns.id.desc).limit(limit)
        if let status { request = request.filter(OutboxMessage.Columns.status == status.rawValue) }
        return try request.fetchAll(db)
    }

    public func outboxAttempts(messageId: Int64) throws -> [OutboxAttempt] {
        try reader.read { db in try Self.outboxAttempts(messageId: messageId, in: db) }
    }

    /// The same, awaited: request handlers and use cases must use this one (a synchronous read there
    /// blocks a thread of Swift's cooperative pool, and enough of them at once stop the server).
    public func outboxAttempts(messageId: Int64) async throws -> [OutboxAttempt] {
        try await reader.read { db in try Self.outboxAttempts(messageId: messageId, in: db) }
    }

    static func outboxAttempts(messageId: Int64, in db: Database) throws -> [OutboxAttempt] {
        try OutboxAttempt.filter(Column("outboxMessageId") == messageId).order(Column("id")).fetchAll(db)
    }

    /// Counts by status, for start-up logs and staff.
    public func outboxCounts() throws -> [OutboxMessage.Status: Int] {
        try reader.read { db in try Self.outboxCounts(in: db) }
    }

    /// The same, awaited: request handlers and use cases must use this one (a synchronous read there
    /// blocks a thread of Swift's cooperative pool, and enough of them at once stop the server).
    public func outboxCounts() async throws -> [OutboxMessage.Status: Int] {
        try await reader.read { db in try Self.outboxCounts(in: db) }
    }

    static func outboxCounts(in db: Database) throws -> [OutboxMessage.Status: Int] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT status, COUNT(*) AS n FROM outboxMessage GROUP BY status"))
        var counts: [OutboxMessage.Status: Int] = [:]
        for row in rows {
            if let status = OutboxMessage.Status(rawValue: row["status"]) { counts[status] = row["n"] }
        }
        return counts
    }

    /// Puts a failed (or waiting) message back in line now, with a new 48-hour window.
    /// Returns false when no such message can be retried (unknown, delivered or being sent).
    @discardableResult
    public func retryOutboxMessage(id: Int64, now: Date, window: TimeInterval = RetrySchedule().giveUpAfter) throws -> Bool {
        try writer.write { db in try Self.retryOutboxMessage(id: id, now: now, window: window, in: db) }
    }

    /// The same, awaited: request handlers and use cases must use this one (a synchronous read there
    /// blocks a thread of Swift's cooperative pool, and enough of them at once stop the server).
    @discardableResult
    public func retryOutboxMessage(id: Int64, now: Date, window: TimeInterval = RetrySchedule().giveUpAfter) async throws -> Bool {
        try await writer.write { db in try Self.retryOutboxMessage(id: id, now: now, window: window, in: db) }
    }

    static func retryOutboxMessage(id: Int64, now: Date, window: TimeInterval, in db: Database) throws -> Bool {
        try OutboxMessage
            .filter(key: id)
            .filter([OutboxMessage.Status.failed.rawValue, OutboxMessage.Status.pending.rawValue].contains(OutboxMessage.Columns.status))
            .updateAll(db, OutboxMessage.Columns.status.set(to: OutboxMessage.Status.pending.rawValue),
                       OutboxMessage.Columns.nextAttemptAt.set(to: now),
                       Column("giveUpAt").set(to: now.addingTimeInterval(window))) == 1
    }

    /// Puts every failed message back in line; returns how many.
    @discardableResult
    public func retryFailedOutboxMessages(now: Date, window: TimeInterval = RetrySchedule().giveUpAfter) throws -> Int {
        try writer.write { db in try Self.retryFailedOutboxMessages(now: now, window: window, in: db) }
    }

    /// The same, awaited: request handlers and use cases must use this one (a synchronous read there
    /// blocks a thread of Swift's cooperative pool, and enough of them at once stop the server).
    @discardableResult
    public func retryFailedOutboxMessages(now: Date, window: TimeInterval = RetrySchedule().giveUpAfter) async throws -> Int {
        try await writer.write { db in try Self.retryFailedOutboxMessages(now: now, window: window, in: db) }
    }

    static func retryFailedOutboxMessages(now: Date, window: TimeInterval, in db: Database) throws -> Int {
        try OutboxMessage
            .filter(OutboxMessage.Columns.status == OutboxMessage.Status.failed.rawValue)
            .updateAll(db, OutboxMessage.Columns.status.set(to: OutboxMessage.Status.pending.rawValue),
                       OutboxMessage.Columns.nextAttemptAt.set(to: now),
                       Column("giveUpAt").set(to: now.addingTimeInterval(window)))
    }
}
