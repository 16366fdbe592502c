import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The directory: the map of France coloured by coverage, the same as a list by région, and one page
/// per département with who can help there.
struct DirectoryController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.directory, use: index)
        router.get(SiteURL.Route.directoryDepartement, use: show)
    }

    /// The map and the list by région.
    @Sendable func index(request: Request, context: RelaisRequestContext) async throws -> Response {
        let coverage = try await content.coverage(today: Day(clock()))
        let drawn = try await content.coverageMap(today: Day(clock()), map: map, title: DirectoryPage.mapTitle)
        return renderer.page(DirectoryPage(coverage: coverage, drawn: drawn, map: map, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    /// One département: its correspondents, the others of its région, the nearest help if it has none.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        guard let code = context.parameters.get("departement"), Territory.isDepartementCode(code),
              let entry = try await content.directoryEntry(departementCode: code, today: Day(clock())) else {
            throw HTTPError(.notFound)
        }
        return renderer.page(DepartementPage(entry, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }
}
