import Foundation
import Logging
import RelaisCore
import RelaisStore
import ServiceLifecycle

/// Delivers the outbox: woken when mail is queued and on a periodic tick, it claims due messages under
/// a lease, sends them one by one over a reused connection, and records every attempt.
public struct DeliveryWorker: Service {
    let database: AppDatabase
    let mailer: SMTPMailer
    let outbox: Outbox
    /// Writes the secrets of one-time links into the bytes sent, never into the database.
    let secrets: MailLinkSecrets
    let logger: Logger
    /// Identifies this worker's leases.
    public let owner: String
    let tick: Duration
    let lease: TimeInterval
    let batchSize: Int
    let clock: @Sendable () -> Date
    let random: @Sendable () -> Double

    public init(
        database: AppDatabase,
        mailer: SMTPMailer,
        outbox: Outbox,
        secrets: MailLinkSecrets,
        logger: Logger,
        owner: String = "worker-\(UUID().uuidString.prefix(8))",
        tick: Duration = .seconds(30),
        lease: TimeInterval = 120,
        batchSize: Int = 50,
        clock: @escaping @Sendable () -> Date = { Date() },
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) }
    ) {
        self.database = database
        self.mailer = mailer
        self.outbox = outbox
        self.secrets = secrets
        self.logger = logger
        self.owner = owner
        self.tick = tick
        self.lease = lease
        self.batchSize = batchSize
        self.clock = clock
        self.random = random
    }

    public func run() async throws {
        logger.info("mail delivery started", metadata: ["smtp": "\(Self.redacted(mailer.settings.url))", "worker": "\(owner)"])
        await withGracefulShutdownHandler {
            while !Task.isShuttingDownGracefully && !Task.isCancelled {
                do {
                    // Keep going while full batches come back: a backlog drains without waiting a tick.
                    while try await deliverDue() == batchSize, !Task.isShuttingDownGracefully {}
                } catch {
                    logger.error("mail delivery pass failed", metadata: ["error": "\(error)"])
                }
                if Task.isShuttingDownGracefully { break }
                await outbox.signal.wait(timeout: tick)
            }
        } onGracefulShutdown: {
            outbox.signal.wake()
        }
        // Whatever was claimed and not sent goes back to the queue at once, not after the lease.
        let released = (try? database.releaseOutboxLeases(owner: owner)) ?? 0
        await mailer.close()
        logger.info("mail delivery stopped", metadata: ["released": "\(released)"])
    }

    /// One pass: claims the due messages and tries each once. Returns how many were claimed.
    @discardableResult
    public func deliverDue() async throws -> Int {
        let claimed = try await database.claimOutboxMessages(owner: owner, now: clock(), lease: lease, limit: batchSize)
        for message in claimed {
            // On shutdown, stop between messages; the rest is released by `run`.
            if Task.isShuttingDownGracefully { break }
            try await deliver(message)
        }
        return claimed.count
    }

    private func deliver(_ message: OutboxMessage) async throws {
        guard let id = message.id else { return }
        let started = clock()
        let outcome = await mailer.send(sender: message.sender, recipients: [message.recipient], data: secrets.bytesToSend(message))
        let result = AppDatabase.OutboxResult(
            outcome: outcome.kind.rawValue, curlCode: outcome.curlCode, smtpCode: outcome.smtpCode, detail: outcome.detail
        )
        let updated = try await database.recordOutboxAttempt(
            messageId: id, owner: owner, startedAt: started, finishedAt: clock(), result: result,
            schedule: outbox.schedule, random: random()
        )
        let metadata: Logger.Metadata = [
            "outbox": "\(id)", "kind": "\(message.kind)", "attempt": "\(updated?.attempts ?? 0)", "result": "\(outcome.summary)",
        ]
        switch outcome.kind {
        case .delivered: logger.info("mail delivered", metadata: metadata)
        case .temporaryFailure: logger.warning("mail delayed", metadata: metadata)
        case .permanentFailure: logger.error("mail refused", metadata: metadata)
        }
    }

    /// The SMTP URL without credentials, for logs.
    static func redacted(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url.range(of: "@", range: scheme.upperBound..<url.endIndex) else { return url }
        return String(url[..<scheme.upperBound]) + "…" + String(url[at.lowerBound...])
    }
}
