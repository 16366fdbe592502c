import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// « Remontées »: the member's form and list (`/remontees`), and staff's side (`/equipe/remontees`):
/// grouped by theme, answered, linked to a sheet or a situation, filed.
struct ObservationController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    var observations: ObservationService { parts.useCases.observations }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.observations, use: show)
        router.post(SiteURL.Route.observations, use: send)
        router.get(SiteURL.Route.staffObservations, use: staffList)
        router.get(SiteURL.Route.staffObservation, use: staffShow)
        router.post(SiteURL.Route.staffObservation, use: staffAct)
    }

    // MARK: Members

    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let notice = request.uri.queryParameters["message"].flatMap { ObservationsPage.notices[String($0)] }
        return try await page(context: context, typed: .init(), errors: FormErrors(), notice: notice)
    }

    private func page(context: RelaisRequestContext, typed: ObservationsPage.Typed, errors: FormErrors, notice: String? = nil, problem: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = context.user
        let member = user.map { ObservationRules.mayObserve($0.role) } ?? false
        let sent = member ? try await database.observations(authorUserId: user?.id ?? 0) : []
        let csrf = member ? try await sessions.ensure(context).csrfToken : nil
        let page = ObservationsPage(user: user, sent: sent, typed: typed, errors: errors, notice: notice, problem: problem, csrf: csrf,
                                    viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    @Sendable func send(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.observations.path)
        guard ObservationRules.mayObserve(user.role) else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        var typed = ObservationsPage.Typed()
        typed.theme = ObservationTheme(rawValue: form["theme"])
        typed.kind = ObservationKind(rawValue: form["nature"]) ?? .autre
        typed.title = form["titre"]
        typed.body = CaseController.cleanText(form.raw("texte") ?? "")
        var errors = FormErrors()
        if typed.theme == nil { errors.add("theme", "Choisissez un thème.") }
        if typed.title.isEmpty {
            errors.add("titre", "Résumez en une ligne ce qui bloque.")
        } else if typed.title.count > ObservationRules.titleLimit {
            errors.add("titre", "La ligne dépasse \(ObservationRules.titleLimit) caractères.")
        }
        if typed.body.isEmpty {
            errors.add("texte", "Décrivez ce que vous observez.")
        } else if typed.body.count > ObservationRules.textLimit {
            errors.add("texte", "Le texte dépasse \(ObservationRules.textLimit) caractères.")
        }
        guard errors.isEmpty, let theme = typed.theme else {
            return try await page(context: context, typed: typed, errors: errors, status: .unprocessableContent)
        }
        do {
            try await observations.send(theme: theme, kind: typed.kind, title: typed.title, body: typed.body, author: user, address: context.clientAddress)
        } catch let refusal as ObservationService.Refusal {
            return try await page(context: context, typed: typed, errors: FormErrors(), problem: refusal.message, status: .tooManyRequests)
        }
        throw Redirect(location: SiteURL.observations.path + "?message=envoyee")
    }

    // MARK: Staff

    @Sendable func staffList(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffObservations.path)
        let theme = request.uri.queryParameters["theme"].flatMap { ObservationTheme(rawValue: String($0)) }
        let (rows, counts) = try await database.observationList(theme: theme)
        return renderer.page(StaffObservationsPage(rows: rows, counts: counts, theme: theme, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    private func observationId(_ context: RelaisRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("remontee", as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }

    @Sendable func staffShow(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try observationId(context)
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffObservation(id).path)
        let notice = request.uri.queryParameters["message"].flatMap { StaffObservationPage.notices[String($0)] }
        return try await staffPage(id, context: context, notice: notice)
    }

    private func staffPage(_ id: Int64, context: RelaisRequestContext, typedAnswer: String? = nil, answerError: String? = nil, notice: String? = nil,
                           problem: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let row = try await database.observation(id: id) else { throw HTTPError(.notFound) }
        let targets = try await database.observationTargets()
        let session = try await sessions.ensure(context)
        let page = StaffObservationPage(row, sheets: targets.sheets, situations: targets.situations, groups: targets.groups, typedAnswer: typedAnswer, answerError: answerError,
                                        notice: notice, problem: problem, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    @Sendable func staffAct(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try observationId(context)
        let staff = try context.require(.useBackOffice, returnTo: SiteURL.staffObservation(id).path)
        let form = context.form ?? FormData(fields: [:])
        let message: String
        do {
            switch form["action"] {
            case "repondre":
                let answer = CaseController.cleanText(form.raw("reponse") ?? "")
                if answer.isEmpty || answer.count > ObservationRules.answerLimit {
                    let error = answer.isEmpty ? "Écrivez la réponse." : "La réponse dépasse \(ObservationRules.answerLimit) caractères."
                    return try await staffPage(id, context: context, typedAnswer: answer, answerError: error, status: .unprocessableContent)
                }
                try await observations.answer(answer, observationId: id, staff: staff, address: context.clientAddress)
                message = "reponse"
            case "lier":
                try await observations.link(observationId: id, sheetSlug: form["fiche"].nonEmpty, situationSlug: form["parcours"].nonEmpty,
                                            groupId: Int64(form["equipe"]), staff: staff, address: context.clientAddress)
                message = "liens"
            case "classer", "rouvrir":
                let filed = form["action"] == "classer"
                try await observations.file(filed, observationId: id, staff: staff, address: context.clientAddress)
                message = filed ? "classee" : "rouverte"
            default:
                throw HTTPError(.badRequest)
            }
        } catch is ObservationService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as ObservationService.Refusal {
            return try await staffPage(id, context: context, problem: refusal.message, status: .unprocessableContent)
        }
        throw Redirect(location: SiteURL.staffObservation(id).path + "?message=" + message)
    }
}
