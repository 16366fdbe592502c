import ArgumentParser
import Foundation
import Mustache
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct Mail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Mail settings.", subcommands: [MailTest.self])
}

struct MailTest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Send one test message through RELAIS_SMTP_URL and print the result (exit 0 only when delivered)."
    )

    @Option(help: "Recipient address.")
    var to: String

    func run() async throws {
        let config: AppConfig
        do { config = try AppConfig.fromEnvironment() } catch { throw fail(error.description) }
        guard let settings = config.smtpSettings else {
            throw fail("no mail server configured: set RELAIS_SMTP_URL (for example smtp://127.0.0.1:2525)")
        }
        let message: MailMessage
        do {
            let library = try TemplateLibrary.load(from: config.templatesPath)
            let composer = try MailComposer(library: library, from: MailAddress(parsing: config.mailFrom))
            let recipient = try MailAddress(to)
            let now = Date()
            message = try composer.compose(
                .test, to: recipient,
                model: ["sentAt": Day(now).frenchLong, "siteURL": config.baseURL], date: now
            )
        } catch let error as MailError {
            // The address is not echoed: it may hold line breaks.
            throw fail("invalid recipient: \(error.description)")
        } catch {
            throw fail("cannot build the test message: \(error)")
        }
        let outcome = await MailTester.send(message, settings: settings)
        if outcome.kind == .delivered {
            print("delivered to \(message.to.address) (SMTP \(outcome.smtpCode), Message-ID \(message.messageID))")
        } else {
            throw fail("not delivered to \(message.to.address): \(outcome.detail) (curl \(outcome.curlCode), SMTP \(outcome.smtpCode))")
        }
    }
}

struct OutboxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox", abstract: "Read and retry the mail outbox.", subcommands: [OutboxList.self, OutboxRetry.self]
    )
}

struct OutboxList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List outbox messages, newest first.")

    @Option(help: "Only this status: pending, sending, delivered, failed.")
    var status: String?

    @Option(help: "At most this many messages.")
    var limit = 50

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let config = try database.config()
        var wanted: OutboxMessage.Status?
        if let status {
            guard let parsed = OutboxMessage.Status(rawValue: status) else {
                throw fail("unknown status \"\(status)\" (pending, sending, delivered, failed)")
            }
            wanted = parsed
        }
        let messages = try openDatabase(config).outboxMessages(status: wanted, limit: limit)
        if messages.isEmpty {
            print("no message")
            return
        }
        let waitingNote = config.smtpURL == nil ? " (waiting for a mail server: RELAIS_SMTP_URL is not set)" : ""
        for message in messages {
            var line = "#\(message.id ?? 0)  \(message.status.rawValue)"
            if message.status == .pending { line += waitingNote }
            line += "  attempts: \(message.attempts)  created: \(Self.format(message.createdAt))"
            if message.status == .pending, message.attempts > 0 { line += "  next: \(Self.format(message.nextAttemptAt))" }
            if let delivered = message.deliveredAt { line += "  delivered: \(Self.format(delivered))" }
            line += "  to: \(message.recipient)  kind: \(message.kind)"
            if let error = message.lastError, message.status != .delivered {
                line += "  last error: \(error) (curl \(message.lastCurlCode ?? 0), SMTP \(message.lastSMTPCode ?? 0))"
            }
            print(line)
        }
    }

    static func format(_ date: Date) -> String {
        date.formatted(.iso8601.year().month().day().time(includingFractionalSeconds: false).dateSeparator(.dash))
    }
}

struct OutboxRetry: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "retry", abstract: "Send a failed message again now.")

    @Argument(help: "The message number shown by `relais outbox list`.")
    var id: Int64?

    @Flag(help: "Retry every failed message.")
    var failed = false

    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard (id == nil) != !failed else { throw ValidationError("give either a message number or --failed") }
    }

    func run() throws {
        let appDatabase = try openDatabase(try database.config())
        if failed {
            print("\(try appDatabase.retryFailedOutboxMessages(now: Date())) message(s) queued again")
        } else if let id {
            guard try appDatabase.retryOutboxMessage(id: id, now: Date()) else {
                throw fail("message #\(id) cannot be retried (unknown, delivered or being sent)")
            }
            print("message #\(id) queued again")
        }
    }
}
