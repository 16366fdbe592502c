import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases
import RelaisWeb

/// The real Relais application over a test database, driven through the router (no socket).
public enum TestApp {
    /// The server key of every test app, so tests can derive what the app signs.
    public static let serverKey = ServerKey(text: "relais-test-key-0123456789abcdefghijklmnop")!
    /// What delivery writes into the bytes sent: tests read mailed links through it.
    public static let mailLinks = MailLinkSecrets(key: serverKey)

    public static func config(demo: Bool = false, baseURL: String? = nil) -> AppConfig {
        AppConfig(
            databasePath: ":memory:",
            port: 0,
            baseURL: baseURL,
            templatesPath: TestPaths.templates,
            seedsPath: TestPaths.seeds.path,
            publicPath: TestPaths.publicFolder,
            demo: demo,
            secretKey: serverKey
        )
    }

    /// Runs `body` with a client of the application built on `database` (seeded by default).
    public static func run<Value: Sendable>(
        database: AppDatabase? = nil,
        config: AppConfig = TestApp.config(),
        clock: @escaping @Sendable () -> Date = { TestClock.now },
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let router = try await buildRouter(config: config, database: try database ?? TestDatabase.seeded(), logger: logger, clock: clock)
        return try await Application(router: router, logger: logger).test(.router, body)
    }

    /// Tests keep the app quiet: only what would stop it is logged.
    static var logger: Logger {
        var logger = Logger(label: "relais-test")
        logger.logLevel = .critical
        return logger
    }
}

extension TestApp {
    /// As `run`, over a real socket on loopback: the client's address is 127.0.0.1.
    public static func runLive<Value: Sendable>(
        database: AppDatabase? = nil,
        config: AppConfig = TestApp.config(),
        clock: @escaping @Sendable () -> Date = { TestClock.now },
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        let router = try await buildRouter(config: config, database: try database ?? TestDatabase.seeded(), logger: logger, clock: clock)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: logger)
        return try await app.test(.live, body)
    }

    /// The whole application as `relais serve` builds it (server settings, workers), on loopback.
    public static func runApplication<Value: Sendable>(
        database: AppDatabase? = nil,
        config: AppConfig = TestApp.config(),
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        var config = config
        config.hostname = "127.0.0.1"
        config.port = 0
        let app = try await buildApplication(config: config, database: try database ?? TestDatabase.seeded(), logger: logger, clock: { TestClock.now })
        return try await app.test(.live, body)
    }
}

extension TestResponse {
    /// The body as text.
    public var text: String { String(buffer: body) }
}

extension OutboxMessage {
    /// The message as the mail server receives it: one-time links carry their real secret.
    public var sentRaw: String { String(decoding: TestApp.mailLinks.bytesToSend(self), as: UTF8.self) }
}
