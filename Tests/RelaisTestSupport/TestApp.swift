import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import RelaisStore
import RelaisWeb

/// The real Relais application over a test database, driven through the router (no socket).
public enum TestApp {
    public static func config(demo: Bool = false, baseURL: String? = nil) -> AppConfig {
        AppConfig(
            databasePath: ":memory:",
            port: 0,
            baseURL: baseURL,
            templatesPath: TestPaths.templates,
            seedsPath: TestPaths.seeds.path,
            publicPath: TestPaths.publicFolder,
            demo: demo
        )
    }

    /// Runs `body` with a client of the application built on `database` (seeded by default).
    public static func run<Value: Sendable>(
        database: AppDatabase? = nil,
        config: AppConfig = TestApp.config(),
        clock: @escaping @Sendable () -> Date = { TestClock.now },
        _ body: @Sendable (any TestClientProtocol) async throws -> Value
    ) async throws -> Value {
        var logger = Logger(label: "relais-test")
        logger.logLevel = .critical
        let router = try await buildRouter(
            config: config, database: try database ?? TestDatabase.seeded(), logger: logger, clock: clock
        )
        let app = Application(router: router, logger: logger)
        return try await app.test(.router, body)
    }
}

extension TestResponse {
    /// The body as text.
    public var text: String { String(buffer: body) }
}
