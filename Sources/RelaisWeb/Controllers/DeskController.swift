import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The correspondent's desk: their cases by status with age and last activity, and what routing
/// reads of them (départements, axes), with the availability and capacity they set themselves.
struct DeskController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.correspondentDesk, use: show)
        router.post(SiteURL.Route.deskAvailability, use: setAvailability)
    }

    /// The desk of the signed-in correspondent.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let notice = DeskPage.notice(request.uri.queryParameters["message"].map(String.init))
        return try await page(context, notice: notice)
    }

    private func page(_ context: RelaisRequestContext, notice: String? = nil, typedAbsent: String? = nil, typedCapacity: String? = nil,
                      errors: FormErrors = FormErrors(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.require(.useCorrespondentDesk, returnTo: SiteURL.correspondentDesk.path)
        let session = try await sessions.ensure(context)
        // Read again only when something was committed since (an audit line aside).
        let listing = if let id = user.correspondentId {
            try await parts.deskListings.value(key: id) { try await database.deskListing(correspondentId: id) }
        } else {
            try await database.deskListing(correspondentId: nil)
        }
        let page = DeskPage(
            user, profile: listing.profile, summaries: listing.summaries, recourse: listing.recourse, deadlines: deadlines, now: clock(),
            typedAbsent: typedAbsent, typedCapacity: typedCapacity, errors: errors, notice: notice, csrf: session.csrfToken,
            viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        return renderer.page(page, status: status)
    }

    @Sendable func setAvailability(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useCorrespondentDesk, returnTo: SiteURL.correspondentDesk.path)
        guard let correspondentId = user.correspondentId else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        var errors = FormErrors()
        let absentText = form["absent_jusqu"], capacityText = form["capacite"]
        var absentUntil: Day?
        if !absentText.isEmpty {
            if let day = Day(iso: absentText) ?? Day(french: absentText) {
                if day < Day(clock()) { errors.add("absent_jusqu", "Cette date est passée\u{00A0}: laissez le champ vide si vous êtes disponible.") }
                absentUntil = day
            } else {
                errors.add("absent_jusqu", "Cette date n’est pas valide\u{00A0}: écrivez-la par exemple 31/12/2026.")
            }
        }
        let capacity = Int(capacityText)
        if capacity == nil || !(0...CaseRouting.maximumCapacity).contains(capacity!) {
            errors.add("capacite", "Indiquez un nombre entre 0 et \(CaseRouting.maximumCapacity) (0\u{00A0}: aucune nouvelle demande).")
        }
        guard errors.isEmpty, let capacity else {
            return try await page(context, typedAbsent: absentText, typedCapacity: capacityText, errors: errors, status: .unprocessableContent)
        }
        try await cases.setAvailability(correspondentId: correspondentId, absentUntil: absentUntil, capacity: capacity, by: user,
                                        address: context.clientAddress)
        throw Redirect(location: SiteURL.correspondentDesk.path + "?message=disponibilite")
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
