import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Staff's side of atelier registration: the list with the waiting list, attendance after the
/// atelier, closing, cancelling (confirmed, everyone told) and the list as CSV (audited). The
/// atelier itself (places, access details) is edited in `StaffNetworkController`.
struct StaffAteliersController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    var ateliers: AtelierService { parts.useCases.ateliers }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staffAtelierRegistrations, use: registrations)
        router.post(SiteURL.Route.staffAtelierAttendance, use: markAttendance)
        router.post(SiteURL.Route.staffAtelierClosing, use: close)
        router.post(SiteURL.Route.staffAtelierCancellation, use: cancel)
        router.get(SiteURL.Route.staffAtelierExport, use: export)
    }

    private func atelierId(_ context: RelaisRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }

    /// Who registered, the waiting list in order, who left.
    @Sendable func registrations(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try atelierId(context)
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffAtelierRegistrations(id).path)
        let notice = request.uri.queryParameters["message"].flatMap { StaffAtelierPage.notices[String($0)] }
        return try await page(id, context: context, notice: notice)
    }

    private func page(_ id: Int64, context: RelaisRequestContext, notice: String? = nil, cancelError: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let (atelier, attendees) = try await database.atelierAttendees(atelierId: id) else { throw HTTPError(.notFound) }
        let session = try await sessions.ensure(context)
        let page = StaffAtelierPage(atelier: atelier, attendees: attendees, now: clock(), notice: notice, cancelError: cancelError,
                                    csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// Who came: each line of the form carries `marque-ID`, and `present-ID` when ticked.
    @Sendable func markAttendance(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try atelierId(context)
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffAtelierRegistrations(id).path)
        let form = context.form ?? FormData(fields: [:])
        guard let (_, attendees) = try await database.atelierAttendees(atelierId: id) else { throw HTTPError(.notFound) }
        var marks: [Int64: Bool] = [:]
        for attendee in attendees where attendee.registration.status == .registered {
            guard let registrationId = attendee.registration.id, form.has("marque-\(registrationId)") else { continue }
            marks[registrationId] = form.has("present-\(registrationId)")
        }
        do {
            try await ateliers.markAttendance(atelierId: id, attended: marks, by: user, address: context.clientAddress)
        } catch is AtelierRules.Refusal {
            return try await page(id, context: context, notice: "Les présences se notent une fois l’atelier commencé.", status: .conflict)
        }
        throw Redirect(location: SiteURL.staffAtelierRegistrations(id).path + "?message=presences")
    }

    @Sendable func close(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try atelierId(context)
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffAtelierRegistrations(id).path)
        do {
            try await ateliers.close(atelierId: id, by: user, address: context.clientAddress)
        } catch is AtelierService.NotFound {
            throw HTTPError(.notFound)
        }
        throw Redirect(location: SiteURL.staffAtelierRegistrations(id).path + "?message=close")
    }

    /// Cancels once the confirmation box is ticked; everyone registered or waiting gets a mail.
    @Sendable func cancel(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try atelierId(context)
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffAtelierRegistrations(id).path)
        guard (context.form ?? FormData(fields: [:])).has("confirmation") else {
            return try await page(id, context: context, cancelError: "Cochez la case pour confirmer l’annulation.", status: .unprocessableContent)
        }
        do {
            try await ateliers.cancelAtelier(atelierId: id, by: user, address: context.clientAddress)
        } catch is AtelierService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as AtelierRules.Refusal {
            return try await page(id, context: context, notice: refusal.message, status: .conflict)
        }
        throw Redirect(location: SiteURL.staffAtelierRegistrations(id).path + "?message=annule")
    }

    /// The list as CSV: name, address, status, order, attendance. Each export is an audit line.
    @Sendable func export(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try atelierId(context)
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffAtelierRegistrations(id).path)
        let list: (Atelier, [AppDatabase.AtelierAttendee])
        do {
            list = try await ateliers.export(atelierId: id, by: user, address: context.clientAddress)
        } catch is AtelierService.NotFound {
            throw HTTPError(.notFound)
        }
        let (atelier, attendees) = list
        var csv = CSV(header: ["atelier", "debut", "nom", "adresse", "role", "statut", "position_attente", "inscrit_le", "place_liberee_le", "present"])
        var position = 0
        for attendee in attendees {
            let r = attendee.registration
            if r.status == .waiting { position += 1 }
            csv.append([atelier.title, atelier.startsAt, attendee.name, attendee.email, attendee.role.label, r.status.label,
                        r.status == .waiting ? String(position) : "", CaseDates.numeric(r.createdAt), r.promotedAt.map(CaseDates.numeric) ?? "",
                        r.attended.map { $0 ? "oui" : "non" } ?? ""])
        }
        return csv.response(filename: "relais-atelier-\(id)-inscrits.csv")
    }
}
