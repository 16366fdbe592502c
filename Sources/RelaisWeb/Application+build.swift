import Foundation
import Hummingbird
import Logging
import RelaisStore
import ServiceLifecycle

/// Builds the Relais application: the one composition root. The server and the tests both come
/// through here, with a different `AppConfig` and database.
public func buildApplication(
    config: AppConfig,
    database: AppDatabase,
    logger: Logger = Logger(label: "relais"),
    clock: @escaping @Sendable () -> Date = { Date() }
) async throws -> some ApplicationProtocol {
    let router = try await buildRouter(config: config, database: database, logger: logger, clock: clock)
    return Application(
        router: router,
        configuration: .init(address: .hostname(config.hostname, port: config.port), serverName: "relais"),
        logger: logger
    )
}

/// The router with every middleware and controller; exposed so tests can drive it directly.
public func buildRouter(
    config: AppConfig,
    database: AppDatabase,
    logger: Logger = Logger(label: "relais"),
    clock: @escaping @Sendable () -> Date = { Date() }
) async throws -> Router<RelaisRequestContext> {
    let renderer = try await PageRenderer.load(from: config.templatesPath)
    let router = Router(context: RelaisRequestContext.self)
    // Outermost first: every response, error pages included, gets the security headers.
    router.add(middleware: SecurityHeadersMiddleware(https: config.isHTTPS))
    router.add(middleware: ErrorPageMiddleware(renderer: renderer, demo: config.demo))
    router.add(middleware: FileMiddleware(
        config.publicPath, cacheControl: .init([(.text, [.public, .maxAge(3600)]), (.image, [.public, .maxAge(86400)])]),
        logger: logger
    ))

    SiteController(database: database, renderer: renderer, config: config, clock: clock).addRoutes(to: router)
    ParcoursController(database: database, renderer: renderer, config: config).addRoutes(to: router)
    VademecumController(database: database, renderer: renderer, config: config).addRoutes(to: router)
    HealthController(database: database).addRoutes(to: router)
    return router
}
