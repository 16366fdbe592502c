import Foundation
import Hummingbird
import Logging
import NIOCore
import RelaisCore
import RelaisMail
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
    let parts = try await AppParts.make(config: config, database: database, logger: logger, clock: clock)
    // Sessions past their limits are useless; clear them at each start.
    let now = clock()
    try database.purgeSessions(idleBefore: now.addingTimeInterval(-Sessions.idleLimit), createdBefore: now.addingTimeInterval(-Sessions.absoluteLimit))
    var services: [any Service] = [
        CaseDeadlineService(cases: parts.cases, interval: .seconds(60), logger: logger),
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

/// What controllers are built from, made once at start-up.
struct AppParts: Sendable {
    let config: AppConfig
    let database: AppDatabase
    let renderer: PageRenderer
    let mail: MailComposer
    let outbox: Outbox
    let logger: Logger
    let clock: @Sendable () -> Date
    let sessions: Sessions
    /// The server's signing key (`ServerKeyFile`).
    let key: ServerKey
    let notifier: Notifier
    let accounts: AccountService
    let secondFactor: SecondFactorService
    let trustedDevices: TrustedDevices
    let cases: CaseService
    let deadlines: CaseDeadlines
    /// The map of the directory, parsed once here rather than on each request.
    let map: FranceMap
    let pageCache: PageCache
    let contentGeneration: ContentGeneration
    let publicFiles: PublicFilesMiddleware

    static func make(config: AppConfig, database: AppDatabase, logger: Logger, clock: @escaping @Sendable () -> Date) async throws -> AppParts {
        let renderer = try await PageRenderer.load(from: config.templatesPath)
        let map = try FranceMap.load(path: URL(fileURLWithPath: config.seedsPath).appendingPathComponent("territoire/departements-map.json").path)
        let from: MailAddress
        do {
            from = try MailAddress(parsing: config.mailFrom)
        } catch {
            throw StartupError("RELAIS_MAIL_FROM is not a valid address: \"\(config.mailFrom)\"")
        }
        let mail: MailComposer
        do {
            mail = try MailComposer(library: renderer.library, from: from)
        } catch {
            throw StartupError("\(error.description) in \(config.templatesPath)")
        }
        let outbox = Outbox()
        let hasher = PasswordHasher()
        let key = try ServerKeyFile.resolve(config: config)
        let notifier = Notifier(composer: mail, outbox: outbox, baseURL: config.baseURL, links: MailLinkSecrets(key: key))
        let workflow = CaseWorkflow(notifier: notifier, staffEmail: config.staffEmail, limits: config.caseLimits)
        let deadlines = CaseDeadlines(acceptance: config.acceptanceHours * 3600)
        let accounts = AccountService(
            database: database, notifier: notifier, caseWorkflow: workflow, hasher: hasher,
            throttle: Throttle(), clock: clock,
            // Any valid hash will do: it only makes a sign-in with an unknown address cost the same time.
            decoyHash: try await hasher.hash(SecretToken.make())
        )
        return AppParts(
            config: config, database: database, renderer: renderer, mail: mail, outbox: outbox, logger: logger, clock: clock,
            sessions: Sessions(database: database, secureCookie: config.isHTTPS, key: key, clock: clock), key: key, notifier: notifier,
            accounts: accounts,
            secondFactor: SecondFactorService(database: database, accounts: accounts, clock: clock),
            trustedDevices: TrustedDevices(database: database, secureCookie: config.isHTTPS, clock: clock),
            cases: CaseService(database: database, workflow: workflow, hasher: hasher, deadlines: deadlines, clock: clock),
            deadlines: deadlines, map: map, pageCache: PageCache(),
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
    StaffNetworkController(database: database, sessions: parts.sessions, renderer: renderer, config: config, clock: parts.clock)
        .addRoutes(to: router)
    VademecumEditorController(database: database, sessions: parts.sessions, renderer: renderer, config: config, clock: parts.clock,
                              notifier: parts.notifier)
        .addRoutes(to: router)
    ParcoursEditorController(database: database, sessions: parts.sessions, renderer: renderer, config: config, clock: parts.clock)
        .addRoutes(to: router)
    SynonymsController(database: database, sessions: parts.sessions, renderer: renderer, config: config, clock: parts.clock)
        .addRoutes(to: router)
    BackOfficeController(cases: parts.cases, accounts: parts.accounts, sessions: parts.sessions, database: database, renderer: renderer,
                         config: config, clock: parts.clock).addRoutes(to: router)
    return router
}
