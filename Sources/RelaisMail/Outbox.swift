import Foundation
import GRDB
import RelaisCore
import RelaisStore

/// Queues mail in the caller's transaction: the mail exists if and only if the change that causes it
/// was committed. The delivery worker is woken once the transaction commits.
public struct Outbox: Sendable {
    public let signal: OutboxSignal
    public let schedule: RetrySchedule

    public init(signal: OutboxSignal = OutboxSignal(), schedule: RetrySchedule = RetrySchedule()) {
        self.signal = signal
        self.schedule = schedule
    }

    /// Writes `message` to the outbox inside `db`'s current transaction. A message carrying a
    /// one-time link was composed with `secretSlot` where the link's secret goes (`MailLinkSecrets`).
    @discardableResult
    public func enqueue(_ message: MailMessage, kind: MailKind, secretSlot: String? = nil, in db: Database) throws -> OutboxMessage {
        var row = OutboxMessage(
            messageId: message.messageID, kind: kind.rawValue, sender: message.from.address, recipient: message.to.address,
            subject: message.subject, raw: message.rendered(), createdAt: message.date,
            giveUpAt: message.date.addingTimeInterval(schedule.giveUpAfter), secretSlot: secretSlot
        )
        try row.insert(db)
        let signal = self.signal
        db.afterNextTransaction { _ in signal.wake() }
        return row
    }
}
