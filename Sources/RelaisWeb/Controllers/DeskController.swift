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
        let notice: String? = switch request.uri.queryParameters["message"] {
        case "declinee": "Demande déclinée\u{00A0}: elle part vers un autre correspondant ou vers l’équipe."
        case "disponibilite": "Disponibilité enregistrée."
        default: nil
        }
        return try await page(context, notice: notice)
    }

    private func page(_ context: RelaisRequestContext, notice: String? = nil, typedAbsent: String? = nil, typedCapacity: String? = nil,
                      errors: FormErrors = FormErrors(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.require(.useCorrespondentDesk, returnTo: SiteURL.correspondentDesk.path)
        let session = try await sessions.ensure(context)
        let profile = try await user.correspondentId.asyncMap { try await database.correspondentProfile(id: $0) } ?? nil
        let now = clock()
        let today = Day(now)
        let absentUntil = profile?.0.absentUntil.flatMap { $0 >= today ? $0 : nil }
        let summaries = try await user.correspondentId.asyncMap { try await database.cases(assignedTo: $0) } ?? []
        let recourse = try await database.sharedRecourseDeadlines(caseIds: summaries.filter { $0.status.isOpen }.map(\.id))
        let groups: [DeskPage.CaseGroup] = [
            ("À accepter", [CaseStatus.attribuee]), ("En cours", [.priseEnCharge]), ("En attente du directeur", [.enAttente]), ("Closes", [.close]),
        ].compactMap { title, statuses in
            let rows = summaries.filter { statuses.contains($0.status) }.map { summary in
                let urgent = CaseDeadlines.isStatutorilyUrgent(recourse: recourse[summary.id], today: today)
                return CaseRow(
                    summary, status: CaseRow.handlerStatus(summary), opened: CaseRow.openedAgo(summary, now: now),
                    late: deadlines.isLate(status: summary.status, since: (summary.assignedAt ?? summary.lastActivityAt).timeIntervalSince1970,
                                           now: now.timeIntervalSince1970, statutoryUrgent: urgent),
                    now: now
                ).flagged(recourse: recourse[summary.id], today: today)
            }
            return rows.isEmpty ? nil : DeskPage.CaseGroup(title: title, cases: rows)
        }
        let page = DeskPage(
            layout: LayoutModel(title: "Mon espace correspondant", section: .desk, config: config, context: context),
            csrf: session.csrfToken, notice: notice,
            // The card's name, as the director sees it on the case.
            name: profile.map { "\($0.0.firstName) \($0.0.lastName)" } ?? user.name,
            linked: profile != nil,
            groups: groups,
            openCount: summaries.filter { $0.status.isOpen }.count,
            position: profile?.0.position,
            departements: profile?.1.map { "\($0.code) — \($0.name)" } ?? [],
            axes: profile?.2.map(\.label) ?? [],
            capacity: profile?.0.capacity,
            absentUntil: absentUntil?.frenchLong,
            available: profile != nil && absentUntil == nil,
            availabilityAction: SiteURL.deskAvailability.path,
            absentField: FormField("absent_jusqu", label: "Absent jusqu’au", type: "date", value: typedAbsent ?? absentUntil?.iso ?? "",
                                   hint: "Laissez vide si vous êtes disponible. D’ici cette date, aucune nouvelle demande ne vous est attribuée\u{00A0}; celles en cours restent les vôtres.",
                                   error: errors["absent_jusqu"], required: false),
            capacityField: FormField("capacite", label: "Nombre de demandes actives au plus", type: "number",
                                     value: typedCapacity ?? profile.map { String($0.0.capacity) } ?? "",
                                     hint: "Au-delà, les nouvelles demandes vont à d’autres correspondants.", error: errors["capacite"])
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

extension DeskController {
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        switch self {
        case .some(let value): try await transform(value)
        case .none: nil
        }
    }
}
