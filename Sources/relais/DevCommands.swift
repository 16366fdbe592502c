import ArgumentParser
import Foundation
import Logging
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore
import RelaisUseCases

/// Developer tools: benchmarks and data generation. Not needed to run Relais.
struct Dev: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Developer tools (benchmarks, data generation).", subcommands: [BenchMail.self, Generate.self]
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
        try await database.write { [count] db in
            for index in 0..<count {
                let message = try MailMessage(
                    from: from, to: MailAddress("correspondant\(index % 50)@exemple.fr"),
                    subject: "Relais\u{00A0}: une nouvelle demande vous a été attribuée",
                    text: "Bonjour,\n\nUne nouvelle demande vous a été attribuée : R-2026-\(10_000 + index).\nOuvrez-la sur Relais.\n",
                    html: "<p>Bonjour,</p><p>Une nouvelle demande vous a été attribuée&#8239;: R-2026-\(10_000 + index).</p>",
                    messageID: MailMessage.newMessageID(domain: "relais.example.org"), date: now
                )
                try outbox.enqueue(message, kind: .bench, in: db)
            }
        }
        let worker = DeliveryWorker(
            database: database, mailer: SMTPMailer(settings: SMTPSettings(url: smtpURL, connectTimeout: 5, totalTimeout: 30)),
            outbox: outbox, secrets: MailLinkSecrets(key: ServerKey(text: ServerKey.randomText())!), logger: logger, batchSize: 100
        )
        let clock = ContinuousClock()
        let start = clock.now
        while try await worker.deliverDue() > 0 {}
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let counts = try await database.outboxCounts()
        let delivered = counts[.delivered] ?? 0
        print(#"{"messages": \#(count), "delivered": \#(delivered), "seconds": \#(String(format: "%.3f", seconds)), "per_second": \#(String(format: "%.0f", Double(delivered) / seconds))}"#)
        if delivered != count { throw ExitCode(1) }
    }
}

/// Fills a database with a large generated data set for the scale benchmark (see `ScaleGenerator`).
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Add generated cases, fact sheets, correspondents and messages to a database (seeding it first if empty).",
        discussion: "Every generated account signs in with the password « \(Generate.password) »."
    )

    /// The password of every generated account, and its bcrypt hash (cost 10) computed once, so the
    /// generator does not spend a fifth of a second per account.
    static let password = "une phrase de banc d'essai"
    static let passwordHash = "$2b$10$WkpKT7I4zUKtbJc69UW1ae6TYi24rF97z1BkKAfCCeAUUZtPZIlpO"

    @Option(help: "Cases in total (some recent ones still unconfirmed).") var cases = 100_000
    @Option(help: "Fact sheets in total, the seeded ones included.") var sheets = 10_000
    @Option(help: "Correspondents in total, the seeded ones included.") var correspondents = 2_000
    @Option(help: "Messages exchanged on cases.") var messages = 500_000
    @Option(help: "Seed of the generator: the same seed and day give the same data.") var seed: UInt64 = 1
    @Option(help: "The day the data ends (YYYY-MM-DD, default today); cases span the five years before it.") var today: String?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let config = try database.config()
        let appDatabase = try openDatabase(config)
        var now = Date()
        if let today {
            guard let day = Day(iso: today) else { throw fail("--today takes a day written YYYY-MM-DD") }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = Day.paris
            now = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) ?? now
        }
        let clock = ContinuousClock()
        let start = clock.now
        if try appDatabase.isEmpty() {
            do {
                _ = try SeedImporter(path: config.seedsPath).run(into: appDatabase)
            } catch let error as SeedErrors {
                throw fail("the seeds could not be imported\n\(error)")
            }
        }
        let generator = ScaleGenerator(
            sizes: .init(cases: cases, sheets: sheets, correspondents: correspondents, messages: messages),
            seed: seed, now: now, passwordHash: Self.passwordHash
        )
        let report: ScaleGenerator.Report
        do {
            report = try generator.run(into: appDatabase)
        } catch let error as ScaleGenerator.GenerationError {
            throw fail(error.description)
        }
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let bytes = (try? FileManager.default.attributesOfItem(atPath: config.databasePath)[.size] as? Int) ?? 0
        print(report.description)
        print("total: \(String(format: "%.1f", seconds)) s; database file: \(String(format: "%.1f", Double(bytes) / 1_048_576)) MB")
    }
}
