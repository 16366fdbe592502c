import Foundation
import Logging
import Mustache
import RelaisCore
import RelaisFiles
import RelaisMail
@_spi(UseCases) import RelaisStore

/// Every use case of Relais, made once from the configuration: the one dependency container. The
/// web's composition root (`AppParts`) and the command line both build it here, so a command such as
/// `relais user add` runs the same code as the site, without HTTP.
public struct UseCases: Sendable {
    public let config: AppConfig
    public let database: AppDatabase
    public let clock: @Sendable () -> Date
    /// The server's signing key (`ServerKeyFile`).
    public let key: ServerKey
    public let mail: MailComposer
    public let outbox: Outbox
    public let notifier: Notifier
    public let accounts: AccountService
    public let secondFactor: SecondFactorService
    public let trustedDevices: TrustedDevices
    public let cases: CaseService
    /// Avis requests to experts, and the list of experts.
    public let referrals: ReferralService
    /// The case files' folder and master key, and whether the key file was made at this start.
    public let files: FilesSetup.Resolved
    public let deadlines: CaseDeadlines
    public let curation: CurationService
    public let network: NetworkEditing
    /// Registering to ateliers, and staff's side of it.
    public let ateliers: AtelierService
    /// Exchange groups, their meetings, notes and action items.
    public let groups: GroupService
    /// Closing feedback, and readers' feedback and reports on sheets.
    public let feedback: FeedbackService
    /// Pairs (« pairs aidants »): volunteers, requests and their private exchanges.
    public let peers: PeerService
    /// « Remontées »: what members see blocking people, sent to staff.
    public let observations: ObservationService
    /// « Fiches initiatives » written in groups, proposed to staff, made into « retours d’expérience ».
    public let initiatives: InitiativeService
    /// The periodic jobs, each its own type; `DeadlineService` runs them while the server runs.
    public let jobs: DeadlineJobs

    /// Builds the use cases; `library` holds the mail templates (`TemplateLibrary.load`).
    public static func make(config: AppConfig, database: AppDatabase, library: MustacheLibrary,
                            clock: @escaping @Sendable () -> Date = { Date() }) async throws -> UseCases {
        let from: MailAddress
        do {
            from = try MailAddress(parsing: config.mailFrom)
        } catch {
            throw StartupError("RELAIS_MAIL_FROM is not a valid address: \"\(config.mailFrom)\"")
        }
        let mail: MailComposer
        do {
            mail = try MailComposer(library: library, from: from)
        } catch {
            throw StartupError("\(error.description) in \(config.templatesPath)")
        }
        let outbox = Outbox()
        let hasher = PasswordHasher()
        let key = try ServerKeyFile.resolve(config: config)
        let notifier: Notifier
        do {
            notifier = try Notifier(composer: mail, outbox: outbox, baseURL: config.baseURL, links: MailLinkSecrets(key: key))
        } catch {
            throw StartupError("\(error.description) in \(config.templatesPath)")
        }
        let workflow = CaseWorkflow(notifier: notifier, staffEmail: config.staffEmail, limits: config.caseLimits)
        let deadlines = CaseDeadlines(acceptance: config.acceptanceHours * 3600)
        let files = try FilesSetup.resolve(config: config, database: database, now: clock())
        let accounts = AccountService(
            database: database, notifier: notifier, caseWorkflow: workflow, hasher: hasher,
            throttle: Throttle(), files: files.vault, clock: clock,
            // Any valid hash will do: it only makes a sign-in with an unknown address cost the same time.
            decoyHash: try await hasher.hash(SecretToken.make())
        )
        let cases = CaseService(database: database, workflow: workflow, hasher: hasher, deadlines: deadlines, files: files.vault,
                                documentLimits: config.documentLimits, clock: clock)
        let ateliers = AtelierService(database: database, notifier: notifier, clock: clock)
        return UseCases(
            config: config, database: database, clock: clock, key: key, mail: mail, outbox: outbox, notifier: notifier,
            accounts: accounts,
            secondFactor: SecondFactorService(database: database, accounts: accounts, clock: clock),
            trustedDevices: TrustedDevices(database: database, clock: clock),
            cases: cases,
            referrals: ReferralService(database: database, cases: cases, notifier: notifier, staffEmail: config.staffEmail, clock: clock),
            files: files, deadlines: deadlines,
            curation: CurationService(database: database, notifier: notifier, staffEmail: config.staffEmail, fourEyes: config.fourEyes, clock: clock),
            network: NetworkEditing(database: database, ateliers: ateliers, clock: clock),
            ateliers: ateliers,
            groups: GroupService(database: database, notifier: notifier, staffEmail: config.staffEmail, clock: clock),
            feedback: FeedbackService(database: database, clock: clock),
            peers: PeerService(database: database, notifier: notifier, clock: clock),
            observations: ObservationService(database: database, notifier: notifier, staffEmail: config.staffEmail, clock: clock),
            initiatives: InitiativeService(database: database, notifier: notifier, staffEmail: config.staffEmail, clock: clock),
            jobs: .standard(database: database, workflow: workflow, deadlines: deadlines, clock: clock)
        )
    }

    /// For the command line: the templates read from `config.templatesPath`.
    public static func make(config: AppConfig, database: AppDatabase) async throws -> UseCases {
        try await make(config: config, database: database, library: try TemplateLibrary.load(from: config.templatesPath))
    }
}
