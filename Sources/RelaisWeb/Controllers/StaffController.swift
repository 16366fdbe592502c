import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The association's back-office entry: accounts, the audit log and the mail outbox.
struct StaffController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staff, use: dashboard)
        router.get(SiteURL.Route.staffAudit, use: audit)
        router.get(SiteURL.Route.staffOutbox, use: outbox)
    }

    /// The dashboard shows the most loaded correspondents only; the network page lists everyone.
    static let busiestShown = 20

    /// Counts of accounts and mail, and the way to the logs.
    @Sendable func dashboard(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staff.path)
        let now = clock()
        let read = try await database.staffDashboard(since: now.addingTimeInterval(-90 * 86_400), today: Day(now), busiest: Self.busiestShown)
        let users = read.users, mail = read.mail, figures = read.figures
        let coverage = try await content.coverage(today: Day(now))
        let (mapSVG, legend) = try await content.coverageMap(today: Day(now), map: map, title: "Couverture du territoire par les correspondants")
        let needing = read.needingStaff, recourse = read.recourse
        let queue = needing.map { summary in
            CaseRow(
                summary, status: summary.status == .nouvelle ? "Sans correspondant" : "Attribuée à \(summary.assigneeFirstName ?? "—"), pas encore acceptée",
                opened: CaseRow.openedAgo(summary, now: now) + " · département \(summary.departementCode)",
                late: summary.escalated, now: now
            ).flagged(recourse: recourse[summary.id], today: Day(now))
        }
        let page = StaffDashboardPage(
            layout: LayoutModel(title: "Espace équipe", section: .staff, config: config, context: context),
            queue: queue,
            reviewsDue: read.reviewsDue.nonZero,
            mapSVG: mapSVG, attribution: map.attribution, legend: legend,
            gaps: coverage.filter { $0.status != .available }.map { "\($0.name) (\($0.code))" },
            caseStatus: CaseStatus.allCases.map { StaffDashboardPage.Count(label: $0.label, value: figures.openByStatus[$0] ?? 0) },
            late: figures.late,
            medianAcceptance: Self.hours(figures.medianHoursToAcceptance),
            medianClosure: Self.hours(figures.medianHoursToClosure),
            openedInPeriod: figures.openedInPeriod,
            byAxis: figures.byAxis.map { StaffDashboardPage.Count(label: $0.label, value: $0.count) },
            bySituation: figures.bySituation.map { StaffDashboardPage.Count(label: $0.label, value: $0.count) },
            byRegion: figures.byRegion.map { StaffDashboardPage.Count(label: $0.label, value: $0.count) },
            load: read.busiest.map { StaffDashboardPage.Count(label: "\($0.correspondent.firstName) \($0.correspondent.lastName) (capacité \($0.correspondent.capacity))", value: $0.load) },
            lastDelivery: read.lastDelivery.map(CaseDates.numeric) ?? "aucun message remis pour l’instant",
            failedMail: (mail[.failed] ?? 0) > 0 ? mail[.failed] : nil,
            csrf: try await sessions.ensure(context).csrfToken,
            retryFailedURL: SiteURL.staffOutboxRetryFailed.path,
            casesURL: SiteURL.staffCases.path, correspondentsURL: SiteURL.staffCorrespondents.path,
            unreachable: read.unreachable.nonZero,
            unreachableURL: SiteURL.staffCorrespondents.absolute(base: "", query: [("joignable", "non")]),
            caseExportURL: SiteURL.staffCaseExport.path, directoryExportURL: SiteURL.staffDirectoryExport.path,
            accounts: Role.allCases.map { StaffDashboardPage.Count(label: $0.label, value: users[$0] ?? 0) },
            mail: [
                StaffDashboardPage.Count(label: "En attente", value: mail[.pending] ?? 0), StaffDashboardPage.Count(label: "En cours d’envoi", value: mail[.sending] ?? 0),
                StaffDashboardPage.Count(label: "Remis", value: mail[.delivered] ?? 0), StaffDashboardPage.Count(label: "En échec", value: mail[.failed] ?? 0),
            ],
            mailServer: config.smtpURL == nil
                ? "Aucun serveur de courrier n’est configuré (RELAIS_SMTP_URL)\u{00A0}: les messages attendent dans la file et partiront dès qu’il le sera."
                : "Les messages partent par le serveur de courrier configuré.",
            auditURL: SiteURL.staffAudit.path, accountsURL: Policy.decide(context.actor, .administerUsers) == .allow ? SiteURL.staffAccounts.path : nil,
            outboxURL: SiteURL.staffOutbox.path
        )
        return renderer.page(page)
    }

    /// The latest 200 lines of the audit log.
    @Sendable func audit(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffAudit.path)
        let page = AuditPage(
            layout: LayoutModel(title: "Journal d’audit", section: .staff, config: config, context: context),
            lines: try await database.auditEvents().map {
                .init(at: CaseDates.numeric($0.at), actor: $0.actorEmail, action: StaffLabels.auditAction($0.action), target: $0.target, address: $0.address, detail: $0.detail)
            }
        )
        return renderer.page(page)
    }

    /// The latest messages of the outbox with their status.
    @Sendable func outbox(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffOutbox.path)
        let labels = StaffLabels.outboxStatus
        let session = try await sessions.ensure(context)
        let page = OutboxPage(
            layout: LayoutModel(title: "Courrier sortant", section: .staff, config: config, context: context),
            csrf: session.csrfToken,
            notice: request.uri.queryParameters["renvoyes"].map { "\($0) message(s) remis dans la file d’envoi." },
            failed: try await database.outboxCounts()[.failed].flatMap { $0 > 0 ? $0 : nil },
            retryFailedURL: SiteURL.staffOutboxRetryFailed.path,
            lines: try await database.outboxMessages(limit: 200).map {
                .init(id: $0.id ?? 0, url: SiteURL.staffOutboxMessage($0.id ?? 0).path, status: labels[$0.status] ?? $0.status.rawValue, kind: StaffLabels.mailKind($0.kind), recipient: $0.recipient,
                      subject: $0.subject, attempts: $0.attempts, createdAt: CaseDates.numeric($0.createdAt),
                      lastError: $0.status == .delivered ? nil : $0.lastError)
            }
        )
        return renderer.page(page)
    }

    /// « 26 h » or « 3,5 jours », for medians.
    static func hours(_ value: Double?) -> String {
        guard let value else { return "pas encore de donnée" }
        if value < 48 { return "\(Int(value.rounded()))\u{00A0}h" }
        let days = (value / 24 * 10).rounded() / 10
        return "\(String(days).replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: ",0", with: ""))\u{00A0}jours"
    }

}

extension Int {
    /// Nil for zero: Mustache opens a section for any number.
    var nonZero: Int? { self == 0 ? nil : self }
}
