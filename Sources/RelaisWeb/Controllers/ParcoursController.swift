import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The parcours: a short questionnaire (no account, answers in the URL), then a personal journey
/// across the four axes with the people, sheets and partners that fit.
struct ParcoursController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.parcours, use: questionnaire)
        router.get(SiteURL.Route.situation, use: show)
    }

    /// The questionnaire. Submitted (GET) with a situation, it sends to that situation's parcours
    /// with the answers in the URL; « Rechercher » comes back with the employers found.
    @Sendable func questionnaire(request: Request, context: RelaisRequestContext) async throws -> Response {
        let query = request.queryDictionary
        var answers = ParcoursAnswers(query: query)
        let situations = try await content.situations()
        let chosen = query["situation"].flatMap { slug in situations.first { $0.slug == slug } }
        let searching = query["action"] == "rechercher"
        if let code = answers.employerCode, let employer = try await content.collectivite(code: code) {
            answers.departementCode = employer.departementCode
        }
        if let chosen, !searching, answers.invalidDates.isEmpty {
            let queryString = answers.queryString
            return Response(status: .seeOther, headers: [.location: SiteURL.situation(chosen.slug).path + (queryString.isEmpty ? "" : "?" + queryString)])
        }
        let employerQuery = query["employeur_recherche"] ?? ""
        let found = try await database.employerChoices(query: employerQuery, chosen: answers.employerCode)
        let page = ParcoursPage(
            answers: answers, query: query, situations: situations, chosen: chosen, submitted: query["action"] == "voir", searched: searching,
            employerQuery: employerQuery, employers: found, departements: try await content.departements(),
            viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        return renderer.page(page, status: page.situationError == nil && answers.invalidDates.isEmpty ? .ok : .unprocessableContent)
    }

    /// One situation's parcours, made personal by the answers in the URL.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        guard let slug = context.parameters.get("situation"), Text.isSlug(slug),
              let detail = try await content.situationDetail(slug: slug) else {
            throw HTTPError(.notFound)
        }
        var answers = ParcoursAnswers(query: request.queryDictionary)
        // An impossible date (30 February) is never dropped silently: the questionnaire shows it again
        // beside its field, with what is wrong.
        if !answers.invalidDates.isEmpty {
            let query = request.uri.query.map { "situation=\(slug)&" + $0 } ?? "situation=\(slug)"
            return Response(status: .seeOther, headers: [.location: SiteURL.parcours.path + "?" + query])
        }
        if let code = answers.employerCode, let employer = try await content.collectivite(code: code) {
            answers.departementCode = employer.departementCode
        }
        let today = Day(clock())
        var place: (departement: Departement, region: Region)?
        var near: (reach: AppDatabase.Reach, cards: [AppDatabase.CorrespondentCard])?
        if let code = answers.departementCode, let found = try await content.departement(code: code) {
            place = found
            near = try await content.correspondentsNear(departementCode: code, today: today)
        }
        let partners = try await content.partners(kinds: SituationPage.partnerKinds(of: detail), departementCode: answers.departementCode)
        let steps = try await content.value(.situationSteps(slug: slug)) { SituationSteps(detail, renderer: renderer) }
        let page = SituationPage(detail, steps: steps, answers: answers, place: place, near: near, partners: partners, today: today,
                                 viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }
}
