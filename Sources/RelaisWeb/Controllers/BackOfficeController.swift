import Foundation
import Hummingbird
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

/// The back-office beyond the dashboard: case supervision, exports, the outbox's messages and the
/// correspondents. Staff and admin only (`Policy.Action.useBackOffice`); lists never show a narrative.
struct BackOfficeController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staffCases, use: supervision)
        router.get(SiteURL.Route.staffCaseExport, use: caseExport)
        router.get(SiteURL.Route.staffDirectoryExport, use: directoryExport)
        router.post(SiteURL.Route.staffOutboxRetryFailed, use: retryFailed)
        router.get(SiteURL.Route.staffOutboxMessage, use: outboxMessage)
        router.post(SiteURL.Route.staffOutboxRetry, use: retry)
        router.get(SiteURL.Route.staffCorrespondents, use: correspondents)
        router.get(SiteURL.Route.staffCorrespondent, use: correspondent)
        router.post(SiteURL.Route.staffCorrespondent, use: saveCorrespondent)
        router.post(SiteURL.Route.staffCorrespondentInvitation, use: inviteCorrespondent)
        router.post(SiteURL.Route.staffCorrespondentInvitations, use: inviteCorrespondents)
    }

    // MARK: Case supervision

    /// Every opened case, filtered by status, axis, région or lateness (a GET form: no JavaScript).
    @Sendable func supervision(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffCases.path)
        let query = request.uri.queryParameters
        let status = query["statut"].flatMap { CaseStatus(rawValue: String($0)) }
        let axis = query["axe"].flatMap { Axis(rawValue: String($0)) }
        let regions = try await database.regions()
        let region = query["region"].map(String.init).flatMap { code in regions.contains { $0.code == code } ? code : nil }
        let lateOnly = query["retard"] == "oui"
        let now = clock()
        let pageNumber = Pagination.page(of: request)
        let (summaries, hasMore) = try await database.supervisedCases(status: status, axis: axis, regionCode: region, lateOnly: lateOnly,
                                                                     limit: Pagination.pageSize, offset: Pagination.offset(page: pageNumber))
        // A shared recourse deadline ten days away or less makes a case urgent by statute (issue 14).
        let recourse = try await database.sharedRecourseDeadlines(caseIds: summaries.filter { $0.status.isOpen }.map(\.id))
        let page = StaffCasesPage(
            summaries: summaries, hasMore: hasMore, pageNumber: pageNumber, status: status, axis: axis, region: region, lateOnly: lateOnly,
            regions: regions, recourse: recourse, now: now, viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        return renderer.page(page)
    }

    // MARK: Exports

    /// Anonymised case statistics: no name, narrative, employer or contact detail.
    @Sendable func caseExport(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staff.path)
        var csv = CSV(header: ["reference", "mois_ouverture", "situation", "axes", "departement", "region", "urgence", "statut", "issue",
                               "heures_avant_acceptation", "heures_avant_cloture", "hors_departement"])
        for row in try await database.caseStatistics() {
            csv.append([row.reference, row.openedMonth, row.situation, row.axes, row.departementCode, row.regionCode, row.urgency, row.status,
                        row.outcome, row.hoursToAcceptance.map { String($0) } ?? "", row.hoursToClosure.map { String($0) } ?? "",
                        row.outsideDepartement ? "oui" : "non"])
        }
        try await database.audit(AuditEvent(at: clock(), actorUserId: user.id, actorEmail: user.email, action: .statisticsExported,
                                            target: "demandes.csv", address: context.clientAddress))
        return csv.response(filename: "relais-demandes-statistiques.csv")
    }

    /// The directory: correspondents (no contact address) and partners (their public contact).
    @Sendable func directoryExport(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staff.path)
        var csv = CSV(header: ["type", "nom", "fonction_ou_categorie", "departement_principal", "departements_ou_regions", "axes", "capacite",
                               "absent_jusqu_au", "actif", "site"])
        for row in try await database.correspondentRows() {
            let c = row.correspondent
            csv.append(["correspondant", "\(c.firstName) \(c.lastName)", c.position, c.mainDepartementCode, row.departementCodes.joined(separator: " "),
                        row.axes.map(\.rawValue).joined(separator: " "), String(c.capacity), c.absentUntil?.iso ?? "", c.active ? "oui" : "non", ""])
        }
        for (partner, regions, axes) in try await database.partnerRows() {
            csv.append(["partenaire", partner.name, partner.kind.label, "", partner.national ? "national" : regions.joined(separator: " "),
                        axes.map(\.rawValue).joined(separator: " "), "", "", partner.archived ? "non" : "oui", partner.website])
        }
        try await database.audit(AuditEvent(at: clock(), actorUserId: user.id, actorEmail: user.email, action: .directoryExported,
                                            target: "annuaire.csv", address: context.clientAddress))
        return csv.response(filename: "relais-annuaire.csv")
    }

    // MARK: Outbox

    /// A message as it was (or will be) sent: headers and text. In the demo this is the letter
    /// opener that shows the notifications without a mail server.
    @Sendable func outboxMessage(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffOutbox.path)
        guard let id = context.parameters.get("id", as: Int64.self), let message = try await database.outboxMessage(id: id) else {
            throw HTTPError(.notFound)
        }
        let session = try await sessions.ensure(context)
        try await database.audit(AuditEvent(at: clock(), actorUserId: user.id, actorEmail: user.email, action: .mailRead,
                                            target: "message \(id)", address: context.clientAddress))
        let attempts = try await database.outboxAttempts(messageId: id)
        let page = OutboxMessagePage(id: id, message: message, attempts: attempts, csrf: session.csrfToken,
                                     viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }

    @Sendable func retry(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffOutbox.path)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        guard try await database.retryOutboxMessage(id: id, now: clock()) else { throw HTTPError(.notFound) }
        try await database.audit(AuditEvent(at: clock(), actorUserId: user.id, actorEmail: user.email, action: .mailRetried,
                                            target: "message \(id)", address: context.clientAddress))
        throw Redirect(location: SiteURL.staffOutboxMessage(id).path)
    }

    @Sendable func retryFailed(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffOutbox.path)
        let count = try await database.retryFailedOutboxMessages(now: clock())
        try await database.audit(AuditEvent(at: clock(), actorUserId: user.id, actorEmail: user.email, action: .mailRetried,
                                            target: "\(count) message(s) en échec", address: context.clientAddress))
        throw Redirect(location: SiteURL.staffOutbox.path + "?renvoyes=\(count)")
    }
}
