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
        let submitted = query["action"] == "voir"
        let page = ParcoursPage(
            layout: LayoutModel(title: "Mon parcours", section: .parcours, config: config, context: context),
            action: SiteURL.parcours.path,
            positions: Position.allCases.map { .init(value: $0.rawValue, label: $0.label, hint: nil, selected: $0 == answers.position) },
            situations: situations.map { .init(value: $0.slug, label: $0.title, hint: $0.summary, selected: $0.slug == chosen?.slug) },
            situationError: submitted && chosen == nil ? "Choisissez la situation qui ressemble le plus à la vôtre." : nil,
            urgencies: ParcoursAnswers.Urgency.allCases.map { .init(value: $0.rawValue, label: $0.label, hint: nil, selected: $0 == answers.urgency) },
            employerQuery: employerQuery,
            employerResults: found.map { .init(value: $0.code, label: EmployerFields.label(of: $0), hint: nil, selected: $0.code == answers.employerCode) },
            searched: searching,
            departements: try await content.departements().map {
                .init(value: $0.code, label: "\($0.code) — \($0.name)", hint: nil, selected: $0.code == answers.departementCode)
            },
            dates: ParcoursAnswers.dateFields.map { field in
                .init(name: field.name, label: field.label, value: answers.dates[field.name]?.iso ?? query[field.name] ?? "",
                      error: answers.invalidDates.contains(field.name) ? Day.problem(with: query[field.name] ?? "") : nil)
            }
        )
        return renderer.page(page, status: page.situationError == nil && answers.invalidDates.isEmpty ? .ok : .unprocessableContent)
    }

    /// How many partners a parcours shows unfolded: every one inline made a phone page 15,000 px long.
    static let partnersShown = 3

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
        let situation = detail.situation
        let groups = Axis.allCases.compactMap { axis -> SituationPage.AxisGroup? in
            let steps = detail.steps.filter { $0.step.axis == axis }
            guard !steps.isEmpty else { return nil }
            return SituationPage.AxisGroup(axis: AxisLink(axis), steps: steps.enumerated().map { index, step in
                SituationPage.Step(number: index + 1, title: step.step.title, body: step.step.body,
                                   factSheets: step.factSheets.map(FactSheetLink.init), partnerKinds: step.partnerKinds.map(\.label))
            })
        }
        let today = Day(clock())
        var place: String?
        var correspondents: [SituationPage.Correspondent] = []
        var intro: String?
        if let code = answers.departementCode, let (departement, region) = try await content.departement(code: code) {
            place = "\(departement.name) (\(departement.code))"
            let (reach, cards) = try await content.correspondentsNear(departementCode: code, today: today)
            intro = switch reach {
            case .departement: "Les correspondants qui couvrent votre département (\(departement.name))."
            case .region: "Personne ne couvre encore votre département (\(departement.name))\u{00A0}: voici les correspondants de votre région (\(region.name))."
            case .national: "Personne ne couvre encore votre région (\(region.name))\u{00A0}: voici des correspondants d’autres régions, qui peuvent vous accompagner à distance."
            }
            correspondents = cards.map {
                .init(firstName: $0.firstName, position: $0.position, presentation: $0.presentation, place: $0.mainDepartement,
                      axes: $0.axes.map(\.label), absentUntil: $0.absentUntil?.frenchLong)
            }
        }
        let kinds = Array(Set(detail.steps.flatMap(\.partnerKinds))).sorted { $0.rawValue < $1.rawValue }
        let partners = try await content.partners(kinds: kinds, departementCode: answers.departementCode)
        var calendar: [SituationPage.CalendarLine] = []
        var disclaimer: String?
        var hasDeadlines = false
        if situation.endOfFunctions, !answers.dates.isEmpty {
            let result = endOfFunctionsCalendar(answers.facts, today: today)
            hasDeadlines = !result.deadlines.isEmpty
            disclaimer = result.disclaimer
            calendar = result.lines.map {
                .init(title: $0.title, date: $0.date?.frenchLong, explanation: $0.explanation, source: $0.source,
                      alert: $0.severity == .alert, warning: $0.severity == .warning, past: $0.past)
            }
        }
        let queryString = answers.queryString
        let caseQuery = "situation=\(situation.slug)" + (queryString.isEmpty ? "" : "&" + queryString)
        let sameQuery = queryString.isEmpty ? "" : "?" + queryString
        let page = SituationPage(
            layout: LayoutModel(title: situation.title, description: situation.summary, section: .parcours, config: config, context: context),
            title: situation.title,
            summary: situation.summary,
            urgent: situation.urgency == .haute && situation.endOfFunctions,
            crisis: CrisisHelp.applies(toSituation: situation.slug) ? CrisisHelp.contacts : [],
            urgency: situation.urgency.label,
            personal: answers.departementCode != nil,
            place: place,
            groups: groups,
            correspondents: correspondents,
            correspondentsIntro: intro,
            partners: partners.prefix(Self.partnersShown).map(PartnerCard.init),
            morePartners: partners.dropFirst(Self.partnersShown).map(PartnerCard.init),
            calendar: calendar,
            calendarDisclaimer: disclaimer,
            calendarHint: situation.endOfFunctions && answers.dates.isEmpty,
            deadlinesICSURL: hasDeadlines ? SiteURL.situationDeadlines(situation.slug).path + sameQuery : nil,
            saveDeadlinesURL: hasDeadlines ? SiteURL.situationDeadlinesSave(situation.slug).path + sameQuery : nil,
            openCaseURL: "/demandes/nouvelle?" + caseQuery,
            changeAnswersURL: SiteURL.parcours.path + "?" + caseQuery,
            parcoursURL: SiteURL.parcours.path
        )
        return renderer.page(page)
    }
}
