import ArgumentParser
import Foundation
import Logging
import RelaisMail
import RelaisStore

/// Developer tools: benchmarks and data generation. Not needed to run Relais.
struct Dev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Developer tools (benchmarks).", subcommands: [BenchMail.self]
    )
}

/// Queues N messages in a fresh in-memory outbox and times the real worker delivering them.
struct BenchMail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-mail",
        abstract: "Deliver N queued messages to an SMTP server and print messages per second (one JSON line)."
    )

    @Option(help: "How many messages.")
    var count = 1_000

    @Option(name: .customLong("smtp-url"), help: "The SMTP server to deliver to (a loopback sink).")
    var smtpURL: String

    func run() async throws {
        var logger = Logger(label: "bench")
        logger.logLevel = .error
        // A real WAL file, as in production: each recorded attempt is a committed transaction.
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try AppDatabase.open(path: folder.appendingPathComponent("bench.sqlite").path)
        let outbox = Outbox()
        let from = try MailAddress("ne-pas-repondre@relais.example.org", name: "Relais")
        let now = Date()
        try await database.writer.write { [count] db in
            for index in 0..<count {
                let message = try MailMessage(
                    from: from, to: MailAddress("correspondant\(index % 50)@exemple.fr"),
                    subject: "Relais\u{00A0}: une nouvelle demande vous a été attribuée",
                    text: "Bonjour,\n\nUne nouvelle demande vous a été attribuée : R-2026-\(10_000 + index).\nOuvrez-la sur Relais.\n",
                    html: "<p>Bonjour,</p><p>Une nouvelle demande vous a été attribuée&#8239;: R-2026-\(10_000 + index).</p>",
                    messageID: MailMessage.newMessageID(domain: "relais.example.org"), date: now
                )
                try outbox.enqueue(message, kind: "bench", in: db)
            }
        }
        let worker = DeliveryWorker(
            database: database, mailer: SMTPMailer(settings: SMTPSettings(url: smtpURL, connectTimeout: 5, totalTimeout: 30)),
            outbox: outbox, logger: logger, batchSize: 100
        )
        let clock = ContinuousClock()
        let start = clock.now
        while try await worker.deliverDue() > 0 {}
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let counts = try database.outboxCounts()
        let delivered = counts[.delivered] ?? 0
        print(#"{"messages": \#(count), "delivered": \#(delivered), "seconds": \#(String(format: "%.3f", seconds)), "per_second": \#(String(format: "%.0f", Double(delivered) / seconds))}"#)
        if delivered != count { throw ExitCode(1) }
    }
}
