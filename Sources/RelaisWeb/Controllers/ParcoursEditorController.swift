import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Staff edit the parcours without a release: a situation's title, explanation and urgency, and its
/// steps per axis with the fact sheets and partner kinds linked to each. One form per situation,
/// without JavaScript: each step is a group of fields, one more group adds a step, a box removes one.
struct ParcoursEditorController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }
    static let maximumSteps = 40

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staffParcours, use: list)
        router.get(SiteURL.Route.staffSituation, use: form)
        router.post(SiteURL.Route.staffSituation, use: save)
    }

    @Sendable func list(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffParcours.path)
        let situations = try await database.situations()
        return renderer.page(ListPage(situations: situations, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    /// A step as typed: the form's values, before they are checked.
    struct TypedStep: Sendable {
        var axis = "", position = "", title = "", body = "", sheets = "", kinds: Set<String> = [], remove = false
    }

    private func page(_ context: RelaisRequestContext, slug: String, title: String, summary: String, urgency: String, endOfFunctions: Bool,
                      steps: [TypedStep], errors: FormErrors = FormErrors(), stepErrors: [Int: String] = [:], notice: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = SituationEditorPage(
            slug: slug, title: title, summary: summary, urgency: urgency, endOfFunctions: endOfFunctions, steps: steps, errors: errors,
            stepErrors: stepErrors, notice: notice, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        return renderer.page(page, status: status)
    }

    @Sendable func form(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffParcours.path)
        let slug = context.parameters.get("slug") ?? ""
        guard let detail = try await database.situationDetail(slug: slug) else { throw HTTPError(.notFound) }
        // Every linked sheet, published or not, so saving never drops a link silently.
        let links = try await database.sheetSlugsByStep(situationId: detail.situation.id ?? 0)
        let steps = detail.steps.map { step in
            TypedStep(axis: step.step.axis.rawValue, position: String(step.step.position), title: step.step.title, body: step.step.body,
                      sheets: (links[step.step.id ?? 0] ?? []).joined(separator: " "), kinds: Set(step.partnerKinds.map(\.rawValue)))
        }
        let situation = detail.situation
        return try await page(context, slug: slug, title: situation.title, summary: situation.summary, urgency: situation.urgency.rawValue,
                              endOfFunctions: situation.endOfFunctions, steps: steps,
                              notice: SituationEditorPage.notice(request.uri.queryParameters["message"].map(String.init)))
    }

    @Sendable func save(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffParcours.path)
        let slug = context.parameters.get("slug") ?? ""
        guard let detail = try await database.situationDetail(slug: slug), detail.situation.id != nil else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        var errors = FormErrors()
        let title = form["titre"], summary = form.text("resume"), urgencyText = form["urgence"], endOfFunctions = form.has("fin_de_fonctions")
        if title.isEmpty || title.count > 200 { errors.add("titre", "Indiquez le titre de la situation (200 caractères au plus).") }
        if summary.isEmpty || summary.count > 1000 { errors.add("resume", "Expliquez la situation en une ou deux phrases (1 000 caractères au plus).") }
        let urgency = SituationUrgency(rawValue: urgencyText)
        if urgency == nil { errors.add("urgence", "Choisissez une urgence.") }

        var typed: [TypedStep] = []
        for index in 0...Self.maximumSteps {
            let prefix = "etape_\(index)_"
            guard form.has(prefix + "titre") else { break }
            typed.append(TypedStep(
                axis: form[prefix + "axe"], position: form[prefix + "ordre"], title: form[prefix + "titre"], body: form.text(prefix + "texte"),
                sheets: form[prefix + "fiches"], kinds: Set(PartnerKind.allCases.map(\.rawValue).filter { form.has(prefix + "type_\($0)") }),
                remove: form.has(prefix + "supprimer")
            ))
        }
        // The empty "add a step" group is ignored; a removed step goes.
        let kept = typed.enumerated().filter { _, step in !step.remove && !(step.title.isEmpty && step.body.isEmpty) }
        let knownSheets = try await database.factSheetIdsBySlug()
        var stepErrors: [Int: String] = [:]
        for (index, step) in kept {
            var problems: [String] = []
            if Axis(rawValue: step.axis) == nil { problems.append("choisissez un axe") }
            if step.title.isEmpty || step.title.count > 200 { problems.append("un titre de 200 caractères au plus") }
            if step.body.isEmpty || step.body.count > 2000 { problems.append("un texte de 2 000 caractères au plus") }
            if !step.position.isEmpty, Int(step.position) == nil { problems.append("un ordre en chiffres") }
            let unknown = step.sheets.split(separator: " ").map(String.init).filter { knownSheets[$0] == nil }
            if !unknown.isEmpty { problems.append("des fiches existantes (inconnues\u{00A0}: \(unknown.joined(separator: ", ")))") }
            if !problems.isEmpty {
                stepErrors[index] = "Cette étape demande " + problems.joined(separator: ", ") + "."
                errors.add("etape_\(index)_titre", "Étape \(index + 1)\u{00A0}: " + problems.joined(separator: ", ") + ".")
            }
        }
        if kept.isEmpty { errors.add("titre", "Gardez au moins une étape.") }
        guard errors.isEmpty, let urgency else {
            return try await page(context, slug: slug, title: title, summary: summary, urgency: urgencyText, endOfFunctions: endOfFunctions,
                                  steps: typed, errors: errors, stepErrors: stepErrors, status: .unprocessableContent)
        }
        // Axis order, then the order typed, then as they came.
        let ordered = kept.map(\.element).enumerated().sorted { a, b in
            let axisA = Axis.allCases.firstIndex { $0.rawValue == a.element.axis } ?? 0
            let axisB = Axis.allCases.firstIndex { $0.rawValue == b.element.axis } ?? 0
            if axisA != axisB { return axisA < axisB }
            let positionA = Int(a.element.position) ?? Int.max, positionB = Int(b.element.position) ?? Int.max
            return positionA != positionB ? positionA < positionB : a.offset < b.offset
        }.map(\.element)
        let steps = ordered.map { typed in
            AppDatabase.StepContent(axis: Axis(rawValue: typed.axis)!, title: typed.title, body: typed.body,
                                    sheetIds: typed.sheets.split(separator: " ").compactMap { knownSheets[String($0)] },
                                    partnerKinds: typed.kinds.sorted())
        }
        try await curation.saveSituation(detail.situation, .init(title: title, summary: summary, urgency: urgency, endOfFunctions: endOfFunctions,
                                                                 steps: steps), by: user, address: context.clientAddress)
        throw Redirect(location: SiteURL.staffSituation(slug).path + "?message=enregistre")
    }
}
