import Foundation
import GRDB
import Logging
import RelaisCore
import RelaisMail
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// Real SMTP conversations: libcurl against the in-process sink on loopback.
@Suite("Outbox delivery over SMTP", .serialized)
struct OutboxDeliveryTests {
    let clock = MutableClock()
    let outbox = Outbox()

    var logger: Logger {
        var logger = Logger(label: "outbox-test")
        logger.logLevel = .critical
        return logger
    }

    func worker(_ database: AppDatabase, _ sink: SMTPSink, owner: String = "w1", totalTimeout: Int = 5) -> DeliveryWorker {
        DeliveryWorker(
            database: database,
            mailer: SMTPMailer(settings: SMTPSettings(url: sink.url, connectTimeout: 2, totalTimeout: totalTimeout)),
            outbox: outbox, secrets: TestApp.mailLinks, logger: logger, owner: owner, tick: .seconds(3600), clock: clock.function, random: { 0.5 }
        )
    }

    func message(to recipient: String = "correspondante@exemple.fr", subject: String = "Relais\u{00A0}: une demande vous a été attribuée") throws -> MailMessage {
        try MailMessage(
            from: MailAddress("ne-pas-repondre@relais.example.org", name: "Relais"), to: MailAddress(recipient),
            subject: subject, text: "Bonjour,\n\nUne demande vous attend : R-2026-00042.\n.\nÀ bientôt.\n",
            html: "<p>Bonjour,</p><p>Une demande vous attend&#8239;: R-2026-00042.</p>",
            messageID: MailMessage.newMessageID(domain: "relais.example.org"), date: clock.now
        )
    }

    @discardableResult
    func enqueue(_ database: AppDatabase, _ messages: [MailMessage]) throws -> [OutboxMessage] {
        try database.writer.write { db in try messages.map { try outbox.enqueue($0, kind: .test, in: db) } }
    }

    func status(_ database: AppDatabase, _ id: Int64?) throws -> OutboxMessage? {
        try database.reader.read { db in try OutboxMessage.fetchOne(db, key: id) }
    }

    @Test("a UTF-8 message arrives byte for byte as built, and parses back")
    func deliversExactBytes() async throws {
        // setup
        let sink = SMTPSink()
        try await sink.start()
        let database = try TestDatabase.empty()
        let queued = try enqueue(database, [try message()])[0]

        // MUT
        try await worker(database, sink).deliverDue()

        // validate
        let envelope = try #require(sink.envelopes.first)
        #expect(envelope.data == queued.raw)
        #expect(envelope.from == "ne-pas-repondre@relais.example.org")
        #expect(envelope.recipients == ["correspondante@exemple.fr"])
        let reader = MIMEReader(envelope.data)
        #expect(reader.decodedHeader("Subject") == "Relais\u{00A0}: une demande vous a été attribuée")
        #expect(reader.header("Message-ID") == queued.messageId)
        #expect(reader.part("text/plain") == "Bonjour,\n\nUne demande vous attend : R-2026-00042.\n.\nÀ bientôt.\n")
        #expect(reader.part("text/html")?.contains("R-2026-00042") == true)
        let delivered = try status(database, queued.id)
        #expect(delivered?.status == .delivered)
        #expect(delivered?.attempts == 1)
        let attempts = try await database.outboxAttempts(messageId: try #require(queued.id))
        #expect(attempts.map(\.outcome) == ["delivered"])
        #expect(attempts.first?.smtpCode == 250)
        try await sink.stop()
    }

    @Test("consecutive messages share one connection")
    func reusesConnection() async throws {
        let sink = SMTPSink()
        try await sink.start()
        let database = try TestDatabase.empty()
        try enqueue(database, try (0..<10).map { _ in try message() })

        let claimed = try await worker(database, sink).deliverDue()

        #expect(claimed == 10)
        #expect(sink.envelopes.count == 10)
        #expect(sink.connectionCount == 1)
        try await sink.stop()
    }

    @Test("a 5xx refusal fails the message at once, with no retry")
    func permanentFailure() async throws {
        let sink = SMTPSink()
        try await sink.start()
        sink.mode = .rejectRecipient(550)
        let database = try TestDatabase.empty()
        let queued = try enqueue(database, [try message()])[0]
        let worker = worker(database, sink)

        try await worker.deliverDue()
        clock.advance(by: 3 * 24 * 3600)
        let secondPass = try await worker.deliverDue()

        let failed = try status(database, queued.id)
        #expect(failed?.status == .failed)
        #expect(failed?.attempts == 1)
        #expect(failed?.lastSMTPCode == 550)
        #expect(failed?.lastCurlCode == 55)
        #expect(secondPass == 0)
        #expect(sink.envelopes.isEmpty)
        try await sink.stop()
    }

    @Test("a 4xx answer is temporary: the message waits with a backoff and goes out later")
    func temporaryFailure() async throws {
        let sink = SMTPSink()
        try await sink.start()
        sink.mode = .rejectRecipient(450)
        let database = try TestDatabase.empty()
        let queued = try enqueue(database, [try message()])[0]
        let worker = worker(database, sink)

        try await worker.deliverDue()
        let waiting = try status(database, queued.id)
        sink.mode = .accept
        let tooEarly = try await worker.deliverDue()
        clock.advance(by: 120)
        try await worker.deliverDue()

        #expect(waiting?.status == .pending)
        #expect(waiting?.lastSMTPCode == 450)
        // First retry after a minute, ±20 % (random is pinned to the middle).
        #expect(waiting?.nextAttemptAt == clock.now.addingTimeInterval(-120 + 60))
        #expect(tooEarly == 0)
        #expect(try status(database, queued.id)?.status == .delivered)
        #expect(sink.envelopes.count == 1)
        try await sink.stop()
    }

    @Test("mail server down, then back: the message waits and is delivered exactly once")
    func outageLosesNothing() async throws {
        // setup: a server that is down
        let sink = SMTPSink()
        try await sink.start()
        try await sink.stop()
        let database = try TestDatabase.empty()
        let queued = try enqueue(database, [try message()])[0]
        let worker = worker(database, sink)

        // MUT: a pass while it is down, then it comes back
        try await worker.deliverDue()
        let whileDown = try status(database, queued.id)
        try await sink.start()
        clock.advance(by: 3600)
        try await worker.deliverDue()
        clock.advance(by: 3600)
        try await worker.deliverDue()

        // validate
        #expect(whileDown?.status == .pending)
        #expect(whileDown?.lastCurlCode == 7)
        #expect(try status(database, queued.id)?.status == .delivered)
        #expect(sink.envelopes.count == 1)
        #expect(sink.envelopes.first.map { MIMEReader($0.data).header("Message-ID") } == queued.messageId)
        try await sink.stop()
    }

    @Test("a server that never answers is a temporary failure after the timeout")
    func hungServer() async throws {
        let sink = SMTPSink()
        try await sink.start()
        sink.mode = .silent
        let database = try TestDatabase.empty()
        let queued = try enqueue(database, [try message()])[0]

        try await worker(database, sink, totalTimeout: 1).deliverDue()

        let waiting = try status(database, queued.id)
        #expect(waiting?.status == .pending)
        #expect(waiting?.lastCurlCode == 28)
        try await sink.stop()
    }

    @Test("two workers draining the same outbox never send a message twice")
    func twoWorkers() async throws {
        let sink = SMTPSink()
        try await sink.start()
        let database = try TestDatabase.empty()
        let queued = try enqueue(database, try (0..<40).map { _ in try message() })
        let first = worker(database, sink, owner: "w1")
        let second = worker(database, sink, owner: "w2")

        async let a = first.deliverDue()
        async let b = second.deliverDue()
        let (claimedByFirst, claimedBySecond) = try await (a, b)
        // Whatever is left (if one worker claimed everything first) is drained by a second pass.
        try await first.deliverDue()
        try await second.deliverDue()

        let ids = sink.envelopes.compactMap { MIMEReader($0.data).header("Message-ID") }
        #expect(ids.count == 40)
        #expect(Set(ids) == Set(queued.map(\.messageId)))
        #expect(claimedByFirst + claimedBySecond == 40)
        try await sink.stop()
    }

    @Test("a message whose worker died mid-send is retried once its lease expires, with the same Message-ID")
    func expiredLease() async throws {
        let sink = SMTPSink()
        try await sink.start()
        let database = try TestDatabase.empty()
        let queued = try enqueue(database, [try message()])[0]
        // A worker claims the message and dies before sending.
        _ = try await database.claimOutboxMessages(owner: "crashed", now: clock.now, lease: 120, limit: 10)
        let survivor = worker(database, sink, owner: "w2")

        let beforeLeaseEnds = try await survivor.deliverDue()
        clock.advance(by: 121)
        let afterLeaseEnds = try await survivor.deliverDue()

        #expect(beforeLeaseEnds == 0)
        #expect(afterLeaseEnds == 1)
        #expect(sink.envelopes.count == 1)
        #expect(sink.envelopes.first.map { MIMEReader($0.data).header("Message-ID") } == queued.messageId)
        #expect(try status(database, queued.id)?.status == .delivered)
        try await sink.stop()
    }

    @Test("a worker's unsent claims go back to the queue when it stops")
    func releaseOnShutdown() async throws {
        let database = try TestDatabase.empty()
        let queued = try enqueue(database, [try message(), try message()])
        _ = try await database.claimOutboxMessages(owner: "stopping", now: clock.now, lease: 120, limit: 10)

        let released = try database.releaseOutboxLeases(owner: "stopping")

        #expect(released == 2)
        for message in queued {
            let row = try status(database, message.id)
            #expect(row?.status == .pending)
            #expect(row?.leaseOwner == nil)
        }
    }

    @Test("a message still failing 48 hours after it was queued is given up")
    func givesUpAfter48Hours() async throws {
        let sink = SMTPSink()
        try await sink.start()
        try await sink.stop()
        let database = try TestDatabase.empty()
        let queued = try enqueue(database, [try message()])[0]
        let worker = worker(database, sink)

        var passes = 0
        while try status(database, queued.id)?.status == .pending, passes < 100 {
            try await worker.deliverDue()
            clock.advance(by: 3600)
            passes += 1
        }

        let row = try status(database, queued.id)
        #expect(row?.status == .failed)
        #expect(row?.lastError?.hasPrefix("abandonné après 48 h") == true)
        // It gives up at the first failure whose next attempt would fall past 48 hours.
        let lastAttempt = try await database.outboxAttempts(messageId: try #require(queued.id)).last?.finishedAt
        #expect(lastAttempt.map { $0.timeIntervalSince(queued.createdAt) } ?? 0 > 44 * 3600)
        #expect(lastAttempt.map { $0 <= queued.giveUpAt } == true)
    }

    @Test("mail queued in a transaction that rolls back is never sent")
    func rollback() throws {
        let database = try TestDatabase.empty()
        struct Abort: Error {}

        #expect(throws: Abort.self) {
            try database.writer.write { db in
                try outbox.enqueue(try message(), kind: .test, in: db)
                throw Abort()
            }
        }

        #expect(try database.outboxMessages().isEmpty)
    }

    @Test("the running worker is woken when mail is queued, without waiting for its tick")
    func wakesOnEnqueue() async throws {
        let sink = SMTPSink()
        try await sink.start()
        let database = try TestDatabase.empty()
        let worker = DeliveryWorker(
            database: database, mailer: SMTPMailer(settings: SMTPSettings(url: sink.url, connectTimeout: 2, totalTimeout: 5)),
            outbox: outbox, secrets: TestApp.mailLinks, logger: logger, tick: .seconds(3600)
        )

        let running = Task { try await worker.run() }
        try await Task.sleep(for: .milliseconds(100))
        try enqueue(database, [try message()])
        let arrived = await sink.waitForMessages(1, timeout: .seconds(10))
        running.cancel()
        _ = try? await running.value

        #expect(arrived)
        try await sink.stop()
    }

    @Test("retries can be asked for by hand: one message or every failed one")
    func manualRetry() async throws {
        let sink = SMTPSink()
        try await sink.start()
        sink.mode = .rejectData(554)
        let database = try TestDatabase.empty()
        let queued = try enqueue(database, [try message(), try message()])
        let worker = worker(database, sink)
        try await worker.deliverDue()
        sink.mode = .accept

        let one = try await database.retryOutboxMessage(id: try #require(queued[0].id), now: clock.now)
        try await worker.deliverDue()
        let all = try await database.retryFailedOutboxMessages(now: clock.now)
        try await worker.deliverDue()

        #expect(one)
        #expect(all == 1)
        #expect(sink.envelopes.count == 2)
        #expect(try await database.retryOutboxMessage(id: try #require(queued[0].id), now: clock.now) == false)
        try await sink.stop()
    }
}
