import NIOConcurrencyHelpers
import NIOPosix

/// Sends messages through one reused libcurl connection, off the concurrency pool: curl blocks, so
/// every call runs on `NIOThreadPool`, one at a time.
public final class SMTPMailer: Sendable {
    public let settings: SMTPSettings
    private let connection: NIOLockedValueBox<CurlSMTPConnection>
    private let threadPool: NIOThreadPool

    public init(settings: SMTPSettings, threadPool: NIOThreadPool = .singleton) {
        self.settings = settings
        self.connection = NIOLockedValueBox(CurlSMTPConnection(settings: settings))
        self.threadPool = threadPool
    }

    public func send(sender: String, recipients: [String], data: [UInt8]) async -> DeliveryOutcome {
        do {
            return try await threadPool.runIfActive { [connection] in
                connection.withLockedValue { $0.send(sender: sender, recipients: recipients, data: data) }
            }
        } catch {
            return DeliveryOutcome(kind: .temporaryFailure, curlCode: -1, smtpCode: 0, detail: "thread pool unavailable: \(error)")
        }
    }

    /// Closes the connection (at shutdown, or to measure connection reuse).
    public func close() async {
        _ = try? await threadPool.runIfActive { [connection] in connection.withLockedValue { $0.close() } }
    }
}
