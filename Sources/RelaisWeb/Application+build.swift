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
    try prepareFiles(parts.useCases.files, config: config, database: database, logger: logger)
    var services: [any Service] = [
        DeadlineService(jobs: parts.useCases.jobs, interval: .seconds(60), logger: logger),
    ]
    if let settings = config.smtpSettings {
        services.append(DeliveryWorker(
            database: database, mailer: SMTPMailer(settings: settings), outbox: parts.outbox, secrets: parts.notifier.links,
            logger: logger, clock: clock
        ))
    } else {
        let waiting = (try? await database.outboxCounts()[.pending]) ?? 0
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

/// The case files at start-up: the folder is this server's (a rotation of the key waits for it to
/// stop), and what an interrupted upload or deletion left on disk goes, so only the files the
/// database names remain.
func prepareFiles(_ files: FilesSetup.Resolved, config: AppConfig, database: AppDatabase, logger: Logger) throws {
    let vault = files.vault
    // An in-memory database (tests) shares its process's folder with other databases: no lock, and
    // no sweep, which would take their files for left-overs.
    guard config.databasePath != ":memory:" else { return }
    do {
        guard let lock = FilesSetup.lock(vault) else {
            throw StartupError("the files folder \(vault.directory.path) is in use (another Relais server, or `relais files rotate-key`)")
        }
        // Held until the process ends.
        _ = lock
    }
    let removed = vault.sweep(keeping: try database.storedDocumentNames())
    if let keyFile = files.keyFile {
        if files.createdKeyFile {
            logger.notice("files key created: keep a copy apart from backups, the case files cannot be read without it", metadata: ["path": "\(keyFile)"])
        } else {
            logger.info("files key", metadata: ["path": "\(keyFile)"])
        }
    }
    logger.info("case files", metadata: ["folder": "\(vault.directory.path)", "left over and removed": "\(removed)"])
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
    /// Public content read once per content generation (`PublicContent`).
    let content: PublicContent
    /// The search, answered from an index built once per content generation (`MemorySearch`).
    let search: MemorySearch
    let publicFiles: PublicFilesMiddleware
    /// The staff dashboard's figures, the same for every staff member: read again after any commit
    /// (`ReadCache`), keyed by the day.
    let dashboardFigures: ReadCache<Day, AppDatabase.StaffDashboard>
    /// A case page's data as its director or correspondent reads it, with its thread rendered (`CaseView`),
    /// read again after any commit but an audit line (`CaseController.page`).
    let casePages: ReadCache<CasePageKey, CaseView?>
    /// A correspondent's desk (their cases), by correspondent, kept like `casePages`.
    let deskListings: ReadCache<Int64, AppDatabase.DeskListing>
    /// The thread that receives files (parsing, encryption, writes), below the others in priority.
    let uploadWorker: UploadWorker

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
        // Mails are composed by the use cases with swift-mustache (their templates are text and a few
        // lines of HTML, composed a few times a minute); pages by `RelaisTemplates`.
        let mailTemplates = try TemplateLibrary.load(from: config.templatesPath)
        let useCases = try await UseCases.make(config: config, database: database, library: mailTemplates, clock: clock)
        let generation = try ContentGeneration(database: database)
        // Case pages and desks are read again after any commit but an audit line, which neither the
        // director nor the correspondent sees.
        let caseCommits = CommitCount(database: database, ignoring: ["auditEvent"])
        return AppParts(
            useCases: useCases, renderer: renderer, logger: logger,
            sessions: Sessions(database: database, secureCookie: config.isHTTPS, key: useCases.key, clock: clock),
            map: map, pageCache: PageCache(),
            contentGeneration: generation,
            content: PublicContent(database: database, generation: generation),
            search: MemorySearch(database: database, generation: generation),
            publicFiles: try PublicFilesMiddleware(folder: config.publicPath, generated: [map.spritePath: (map.sprite, "image/svg+xml")]),
            dashboardFigures: ReadCache(commits: CommitCount(database: database)),
            casePages: ReadCache(commits: caseCommits, capacity: 256),
            deskListings: ReadCache(commits: caseCommits, capacity: 256),
            uploadWorker: UploadWorker()
        )
    }
}

func buildRouter(parts: AppParts) -> Router<RelaisRequestContext> {
    let config = parts.config, renderer = parts.renderer
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
    SiteController(parts).addRoutes(to: cached)
    ParcoursController(parts).addRoutes(to: cached)
    VademecumController(parts).addRoutes(to: cached)
    DirectoryController(parts).addRoutes(to: cached)
    NetworkController(parts).addRoutes(to: cachedWithFilters)
    // An atelier's page shows places left and, to a member, their registration: never cached.
    AtelierController(parts).addRoutes(to: router)
    // Peer support: personal pages, and exchanges only their two people read.
    PeerController(parts).addRoutes(to: router)
    ObservationController(parts).addRoutes(to: router)
    SearchController(parts).addRoutes(to: router)
    HealthController(parts).addRoutes(to: router)
    SignInController(parts).addRoutes(to: router)
    SecondFactorController(parts).addRoutes(to: router)
    AccountAdminController(parts).addRoutes(to: router)
    SignUpController(parts).addRoutes(to: router)
    AccountController(parts).addRoutes(to: router)
    ProfileController(parts).addRoutes(to: router)
    CaseFormController(parts).addRoutes(to: router)
    CaseController(parts).addRoutes(to: router)
    DeadlinesController(parts).addRoutes(to: router)
    DeskController(parts).addRoutes(to: router)
    ExpertController(parts).addRoutes(to: router)
    StaffExpertsController(parts).addRoutes(to: router)
    StaffController(parts).addRoutes(to: router)
    StaffNetworkController(parts).addRoutes(to: router)
    StaffAteliersController(parts).addRoutes(to: router)
    // Exchange groups: signed-in pages only, never cached; a group's inside is for its members.
    GroupsController(parts).addRoutes(to: router)
    GroupMeetingsController(parts).addRoutes(to: router)
    StaffGroupsController(parts).addRoutes(to: router)
    InitiativesController(parts).addRoutes(to: router)
    VademecumEditorController(parts).addRoutes(to: router)
    ParcoursEditorController(parts).addRoutes(to: router)
    BackOfficeController(parts).addRoutes(to: router)
    SynonymsController(parts).addRoutes(to: router)
    // Feedback: the sheets' forms are outside the page cache (they carry a form token); the sheet links to them.
    ClosingFeedbackController(parts).addRoutes(to: router)
    SheetFeedbackController(parts).addRoutes(to: router)
    StaffFeedbackController(parts).addRoutes(to: router)
    return router
}
