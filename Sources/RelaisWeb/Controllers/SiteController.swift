import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The public front of the site: home, the four axes, the about page.
struct SiteController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.home, use: home)
        router.get(SiteURL.Route.axis, use: axis)
        router.get(SiteURL.Route.about, use: about)
    }

    /// The home page: the four axes and the way into the parcours.
    @Sendable func home(request: Request, context: RelaisRequestContext) async throws -> Response {
        let situations = try await content.situations()
        let page = HomePage(
            layout: LayoutModel(title: "Relais — l’entraide entre directeurs généraux", section: .home, config: config, context: context),
            axes: Axis.allCases.map(AxisLink.init),
            situations: situations.map(SituationLink.init),
            figures: try await content.siteFigures(),
            parcoursURL: SiteURL.parcours.path,
            vademecumURL: SiteURL.vademecum.path,
            searchURL: SiteURL.search.path
        )
        return renderer.page(page)
    }

    /// One axis: what Relais offers on it, with its sheets, partners, networks and ateliers.
    @Sendable func axis(request: Request, context: RelaisRequestContext) async throws -> Response {
        guard let code = context.parameters.get("axe"), let axis = Axis(code: code) else {
            throw HTTPError(.notFound)
        }
        let content = try await content.axisContent(axis, today: Day(clock()))
        let page = AxisPage(
            layout: LayoutModel(title: axis.label, description: axis.summary, section: .axes, config: config, context: context),
            axis: AxisLink(axis),
            offers: axis.offers,
            factSheets: content.factSheets.map(FactSheetLink.init),
            partners: content.partners.map(PartnerCard.init),
            networks: content.networks.map(NetworkCard.init),
            ateliers: content.ateliers.map(AtelierItem.init),
            situations: content.situations.map(SituationLink.init),
            otherAxes: Axis.allCases.filter { $0 != axis }.map(AxisLink.init),
            parcoursURL: SiteURL.parcours.path
        )
        return renderer.page(page)
    }

    /// What Relais is, how it protects confidentiality, and the sources of its data.
    @Sendable func about(request: Request, context: RelaisRequestContext) async throws -> Response {
        let page = AboutPage(
            layout: LayoutModel(title: "À propos et sources", section: .about, config: config, context: context),
            axes: Axis.allCases.map(AxisLink.init)
        )
        return renderer.page(page)
    }
}
