import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Partners (with filters that work without JavaScript), networks and upcoming ateliers.
struct NetworkController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.partners, use: partners)
        router.get(SiteURL.Route.networks, use: networks)
    }

    /// The partners, filtered by kind, axis and région through the query string.
    @Sendable func partners(request: Request, context: RelaisRequestContext) async throws -> Response {
        let query = request.queryDictionary
        let kind = query["type"].flatMap(PartnerKind.init(rawValue:))
        let axis = query["axe"].flatMap(Axis.init(code:))
        let regions = try await database.regions()
        let region = query["region"].flatMap { code in regions.first { $0.code == code } }
        let found = try await content.partners(kind: kind, axis: axis, regionCode: region?.code)
        let page = PartnersPage(found: found, kind: kind, axis: axis, region: region, regions: regions,
                                viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }

    /// The institutions and associations the association works with, and the upcoming ateliers.
    @Sendable func networks(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (networks, ateliers) = try await database.networksAndAteliers(today: Day(clock()))
        let page = NetworksPage(networks: networks, ateliers: ateliers, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }
}
