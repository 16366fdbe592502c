import Foundation
import Hummingbird
import Logging
import NIOCore
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases
import ServiceLifecycle

/// Builds the Relais application: the one composition root. The server and the tests both come
/// through here, with a different `AppConfig` and database.
public func buildApplication(
    config: AppConfig,
    database: AppDatabase,
    logger: Logger = Logger(label: "relais"),
    clock: @escaping @Sendable () -> Date = { Date() }
) async throws -> some ApplicationProtocol {
    let parts = try await AppParts.make(config: config, database: database, logger: logger, clock: clock)
    // Sessions past their limits are useless; clear them at each start.
    let now = clock()
    try database.purgeSessions(idleBefore: now.addingTimeInterval(-Sessions.idleLimit), createdBefore: now.addingTimeInterval(-Sessions.absoluteLimit))
    var services: [any Service] = [
        DeadlineService(jobs: parts.useCases.jobs, interval: .seconds(60), logger: logger),
    ]
    if let settings = config.smtpSettings {
        services.append(DeliveryWorker(
            database: database, mailer: SMTPMailer(settings: settings), outbox: parts.outbox, secrets: parts.notifier.links,
            logger: logger, clock: clock
        ))
    } else {
        let waiting = (try? database.outboxCounts()[.pending]) ?? 0
        logger.notice(
            "no mail server configured (RELAIS_SMTP_URL is not set): mail waits in the outbox and goes out once one is",
            metadata: ["waiting": "\(waiting)"]
        )
    }
    let (headerTimeout, bodyTimeout) = (TimeAmount.milliseconds(Int64(config.headerTimeout * 1000)), TimeAmount.milliseconds(Int64(config.bodyTimeout * 1000)))
    return Application(
        router: buildRouter(parts: parts),
        server: .http1(configuration: .init(
            additionalChannelHandlers: [SlowClientGuard(headerTimeout: headerTimeout, bodyTimeout: bodyTimeout)]
        )),
        configuration: .init(address: .hostname(config.hostname, port: config.port), serverName: "relais"),
        services: services,
        onServerRunning: { _ in
            logger.info("Relais is listening", metadata: ["url": "\(config.baseURL)", "database": "\(config.databasePath)"])
        },
        logger: logger
    )
}

/// The router with every middleware and controller; tests drive it directly.
public func buildRouter(
    config: AppConfig,
    database: AppDatabase,
    logger: Logger = Logger(label: "relais"),
    clock: @escaping @Sendable () -> Date = { Date() }
) async throws -> Router<RelaisRequestContext> {
    buildRouter(parts: try await AppParts.make(config: config, database: database, logger: logger, clock: clock))
}

/// What controllers are built from, made once at start-up: the use cases and what only the web needs.
struct AppParts: Sendable {
    let useCases: UseCases
    let renderer: PageRenderer
    let logger: Logger
    let sessions: Sessions
    /// The map of the directory, parsed once here rather than on each request.
    let map: FranceMap
    let pageCache: PageCache
    let contentGeneration: ContentGeneration
    let publicFiles: PublicFilesMiddleware

    var config: AppConfig { useCases.config }
    var database: AppDatabase { useCases.database }
    var clock: @Sendable () -> Date { useCases.clock }
    var key: ServerKey { useCases.key }
    var mail: MailComposer { useCases.mail }
    var outbox: Outbox { useCases.outbox }
    var notifier: Notifier { useCases.notifier }
    var accounts: AccountService { useCases.accounts }
    var secondFactor: SecondFactorService { useCases.secondFactor }
    var trustedDevices: TrustedDevices { useCases.trustedDevices }
    var cases: CaseService { useCases.cases }
    var deadlines: CaseDeadlines { useCases.deadlines }

    static func make(config: AppConfig, database: AppDatabase, logger: Logger, clock: @escaping @Sendable () -> Date) async throws -> AppParts {
        let renderer = try await PageRenderer.load(from: config.templatesPath)
        let map = try FranceMap.load(path: URL(fileURLWithPath: config.seedsPath).appendingPathComponent("territoire/departements-map.json").path)
        let useCases = try await UseCases.make(config: config, database: database, library: renderer.library, clock: clock)
        return AppParts(
            useCases: useCases, renderer: renderer, logger: logger,
            sessions: Sessions(database: database, secureCookie: config.isHTTPS, key: useCases.key, clock: clock),
            map: map, pageCache: PageCache(),
            contentGeneration: try ContentGeneration(database: database),
            publicFiles: try PublicFilesMiddleware(folder: config.publicPath)
        )
    }
}

func buildRouter(parts: AppParts) -> Router<RelaisRequestContext> {
    let config = parts.config, database = parts.database, renderer = parts.renderer
    let router = Router(context: RelaisRequestContext.self)
    // Outermost first: every response, error pages included, gets the security headers.
    router.add(middleware: ClientAddressMiddleware(proxies: config.trustedProxies))
    router.add(middleware: SecurityHeadersMiddleware(https: config.isHTTPS))
    router.add(middleware: ErrorPageMiddleware(renderer: renderer, demo: config.demo))
    router.add(middleware: parts.publicFiles)

    // Sessions, then CSRF on every state-changing request.
    router.add(middleware: SessionMiddleware(sessions: parts.sessions))
    router.add(middleware: CSRFMiddleware(sessions: parts.sessions))

    // Public pages that are the same for every visitor go through the page cache (PageCache says
    // how it is invalidated). The parcours' answers stay out of it: they travel in the query.
    let cached = router.group().add(middleware: PageCacheMiddleware(
        cache: parts.pageCache, generation: parts.contentGeneration, clock: parts.clock, queries: .bypass
    ))
    let cachedWithFilters = router.group().add(middleware: PageCacheMiddleware(
        cache: parts.pageCache, generation: parts.contentGeneration, clock: parts.clock, queries: .key
    ))
    SiteController(database: database, renderer: renderer, config: config, clock: parts.clock).addRoutes(to: cached)
    ParcoursController(database: database, renderer: renderer, config: config, clock: parts.clock).addRoutes(to: cached)
    VademecumController(database: database, renderer: renderer, config: config).addRoutes(to: cached)
    DirectoryController(database: database, renderer: renderer, config: config, map: parts.map, clock: parts.clock).addRoutes(to: cached)
    NetworkController(database: database, renderer: renderer, config: config, clock: parts.clock).addRoutes(to: cachedWithFilters)
    SearchController(database: database, renderer: renderer, config: config).addRoutes(to: router)
    HealthController(database: database).addRoutes(to: router)
    let signIn = SignInController(
        accounts: parts.accounts, sessions: parts.sessions, renderer: renderer, config: config,
        demoAccounts: config.demo ? DemoAccounts.list : [], secondFactor: parts.secondFactor, trustedDevices: parts.trustedDevices
    )
    signIn.addRoutes(to: router)
    SecondFactorController(secondFactor: parts.secondFactor, trustedDevices: parts.trustedDevices, accounts: parts.accounts,
                           sessions: parts.sessions, renderer: renderer, config: config).addRoutes(to: router)
    AccountAdminController(secondFactor: parts.secondFactor, sessions: parts.sessions, database: database, renderer: renderer, config: config)
        .addRoutes(to: router)
    SignUpController(accounts: parts.accounts, sessions: parts.sessions, database: database, renderer: renderer, config: config, signIn: signIn)
        .addRoutes(to: router)
    AccountController(accounts: parts.accounts, sessions: parts.sessions, database: database, renderer: renderer, config: config, clock: parts.clock)
        .addRoutes(to: router)
    ProfileController(accounts: parts.accounts, sessions: parts.sessions, renderer: renderer, config: config).addRoutes(to: router)
    CaseFormController(cases: parts.cases, sessions: parts.sessions, database: database, renderer: renderer, config: config)
        .addRoutes(to: router)
    CaseController(cases: parts.cases, sessions: parts.sessions, database: database, renderer: renderer, config: config,
                   deadlines: parts.deadlines, clock: parts.clock).addRoutes(to: router)
    DeadlinesController(database: database, sessions: parts.sessions, renderer: renderer, config: config, clock: parts.clock)
        .addRoutes(to: router)
    DeskController(cases: parts.cases, sessions: parts.sessions, database: database, renderer: renderer, config: config,
                   deadlines: parts.deadlines, clock: parts.clock).addRoutes(to: router)
    StaffController(database: database, sessions: parts.sessions, renderer: renderer, config: config, clock: parts.clock, map: parts.map).addRoutes(to: router)
    StaffNetworkController(database: database, sessions: parts.sessions, renderer: renderer, config: config, clock: parts.clock,
                           network: parts.useCases.network)
        .addRoutes(to: router)
    VademecumEditorController(database: database, sessions: parts.sessions, renderer: renderer, config: config, clock: parts.clock,
                              curation: parts.useCases.curation)
        .addRoutes(to: router)
    ParcoursEditorController(database: database, sessions: parts.sessions, renderer: renderer, config: config, clock: parts.clock,
                             curation: parts.useCases.curation)
        .addRoutes(to: router)
    BackOfficeController(cases: parts.cases, accounts: parts.accounts, sessions: parts.sessions, database: database, renderer: renderer,
                         config: config, clock: parts.clock).addRoutes(to: router)
    return router
}
