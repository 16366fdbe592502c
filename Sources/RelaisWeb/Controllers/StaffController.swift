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
        let read = try await parts.dashboardFigures.value(key: Day(now)) {
            try await database.staffDashboard(since: now.addingTimeInterval(-90 * 86_400), today: Day(now), busiest: Self.busiestShown, now: now)
        }
        let coverage = try await content.coverage(today: Day(now))
        let drawn = try await content.coverageMap(today: Day(now), map: map, title: StaffDashboardPage.mapTitle)
        let session = try await sessions.ensure(context)
        var page = StaffDashboardPage(
            read, coverage: coverage, drawn: drawn, map: map,
            mailServerConfigured: config.smtpURL != nil, mayAdministerUsers: Policy.decide(context.actor, .administerUsers) == .allow,
            now: now, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        page.referralFigures = StaffExpertsPage.figures(read.referrals)
        page.ateliers = StaffDashboardPage.AtelierFigures(read.ateliers)
        page.groups = StaffDashboardPage.GroupFigures(read.groups)
        page.feedback = StaffDashboardPage.FeedbackSummary(read.feedback)
        page.peers = StaffDashboardPage.PeerFigures(read.peers)
        page.observations = StaffDashboardPage.ObservationFigures(read.observations)
        return renderer.page(page)
    }

    /// The latest 200 lines of the audit log.
    @Sendable func audit(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffAudit.path)
        let page = AuditPage(events: try await database.auditEvents(), viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }

    /// The latest messages of the outbox with their status.
    @Sendable func outbox(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffOutbox.path)
        let session = try await sessions.ensure(context)
        let failed = try await database.outboxCounts()[.failed]
        let messages = try await database.outboxMessages(limit: 200)
        let page = OutboxPage(messages: messages, failed: failed, retried: request.uri.queryParameters["renvoyes"].map(String.init),
                              csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }
}

extension Int {
    /// Nil for zero: Mustache opens a section for any number.
    var nonZero: Int? { self == 0 ? nil : self }
}
