import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The vademecum as readers see it: published fact sheets only.
struct VademecumController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.vademecum, use: index)
        router.get(SiteURL.Route.factSheet, use: show)
    }

    /// Every published sheet, by axis, then by theme in French alphabetical order (sheets without a
    /// theme last, under « Autres fiches »).
    @Sendable func index(request: Request, context: RelaisRequestContext) async throws -> Response {
        let sheets = try await content.publishedFactSheets()
        let page = VademecumPage(sheets: sheets, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }

    /// One published sheet, written to be read on a phone and to print well.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        guard let slug = context.parameters.get("slug"), Text.isSlug(slug),
              let (sheet, related) = try await content.publishedFactSheet(slug: slug) else {
            throw HTTPError(.notFound)
        }
        let page = FactSheetPage(sheet, related: related, bodyHTML: content.sheetHTML.html(for: sheet), association: config.associationAddress,
                                 baseURL: config.baseURL, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }
}
