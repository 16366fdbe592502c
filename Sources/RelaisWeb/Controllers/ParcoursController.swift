import Hummingbird
import RelaisCore
import RelaisStore

/// The parcours: the situations, and for each its steps on the four axes.
struct ParcoursController: Sendable {
    let database: AppDatabase
    let renderer: PageRenderer
    let config: AppConfig

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.parcours, use: index)
        router.get(SiteURL.Route.situation, use: show)
    }

    struct IndexPage: Sendable {
        let layout: LayoutModel
        let situations: [SituationLink]
    }

    /// The situations a director can start from.
    @Sendable func index(request: Request, context: RelaisRequestContext) async throws -> Response {
        let page = IndexPage(
            layout: LayoutModel(title: "Mon parcours : quelle est votre situation ?", section: .parcours, config: config, context: context),
            situations: try await database.situations().map(SituationLink.init)
        )
        return renderer.page(page, .parcoursIndex)
    }

    struct SituationPage: Sendable {
        struct Step: Sendable {
            let number: Int
            let title: String
            let body: String
            let factSheets: [FactSheetLink]
            let partnerKinds: [String]
        }

        struct AxisGroup: Sendable {
            let axis: AxisLink
            let steps: [Step]
        }

        let layout: LayoutModel
        let title: String
        let summary: String
        let urgent: Bool
        let urgency: String
        let endOfFunctions: Bool
        let groups: [AxisGroup]
        let parcoursURL: String
    }

    /// One situation's parcours, step by step on each axis.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        guard let slug = context.parameters.get("situation"), Text.isSlug(slug),
              let detail = try await database.situationDetail(slug: slug) else {
            throw HTTPError(.notFound)
        }
        let groups = Axis.allCases.compactMap { axis -> SituationPage.AxisGroup? in
            let steps = detail.steps.filter { $0.step.axis == axis }
            guard !steps.isEmpty else { return nil }
            return SituationPage.AxisGroup(axis: AxisLink(axis), steps: steps.enumerated().map { index, step in
                SituationPage.Step(
                    number: index + 1, title: step.step.title, body: step.step.body,
                    factSheets: step.factSheets.map(FactSheetLink.init),
                    partnerKinds: step.partnerKinds.map(\.label)
                )
            })
        }
        let situation = detail.situation
        let page = SituationPage(
            layout: LayoutModel(title: situation.title, description: situation.summary, section: .parcours, config: config, context: context),
            title: situation.title,
            summary: situation.summary,
            urgent: situation.urgency == .haute,
            urgency: situation.urgency.label,
            endOfFunctions: situation.endOfFunctions,
            groups: groups,
            parcoursURL: SiteURL.parcours.path
        )
        return renderer.page(page, .situation)
    }
}
