import Hummingbird
import RelaisCore
import RelaisStore

/// The vademecum as readers see it: published fact sheets only.
struct VademecumController: Sendable {
    let database: AppDatabase
    let renderer: PageRenderer
    let config: AppConfig

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.vademecum, use: index)
        router.get(SiteURL.Route.factSheet, use: show)
    }

    struct IndexPage: Sendable {
        struct AxisGroup: Sendable {
            let axis: AxisLink
            let factSheets: [FactSheetLink]
        }

        let layout: LayoutModel
        let groups: [AxisGroup]
        let count: Int
    }

    /// Every published sheet, by axis.
    @Sendable func index(request: Request, context: RelaisRequestContext) async throws -> Response {
        let sheets = try await database.publishedFactSheets()
        let groups = Axis.allCases.compactMap { axis -> IndexPage.AxisGroup? in
            let onAxis = sheets.filter { $0.axis == axis }
            return onAxis.isEmpty ? nil : IndexPage.AxisGroup(axis: AxisLink(axis), factSheets: onAxis.map(FactSheetLink.init))
        }
        let page = IndexPage(
            layout: LayoutModel(title: "Vademecum juridique", section: .vademecum, config: config, context: context),
            groups: groups,
            count: sheets.count
        )
        return renderer.page(page, .vademecumIndex)
    }

    struct SheetPage: Sendable {
        let layout: LayoutModel
        let title: String
        let summary: String
        let axis: AxisLink
        let tags: [String]
        let legalReferences: [String]
        /// HTML produced by `Markdown.html` from the sheet's Markdown: safe to insert raw.
        let bodyHTML: String
        let lastReviewed: String
        let nextReview: String?
        let needsCheck: Bool
        let version: Int
        let related: [FactSheetLink]
        let vademecumURL: String
    }

    /// One published sheet, written to be read on a phone and to print well.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        guard let slug = context.parameters.get("slug"), Text.isSlug(slug),
              let (sheet, related) = try await database.publishedFactSheet(slug: slug) else {
            throw HTTPError(.notFound)
        }
        let page = SheetPage(
            layout: LayoutModel(title: sheet.title, description: sheet.summary, section: .vademecum, config: config, context: context),
            title: sheet.title,
            summary: sheet.summary,
            axis: AxisLink(sheet.axis),
            tags: sheet.tagList,
            legalReferences: sheet.legalReferenceList,
            bodyHTML: Markdown.html(sheet.bodyMarkdown),
            lastReviewed: sheet.lastReviewed?.frenchLong ?? "",
            nextReview: sheet.nextReview?.frenchLong,
            needsCheck: sheet.needsCheck,
            version: sheet.currentVersion,
            related: related.map(FactSheetLink.init),
            vademecumURL: SiteURL.vademecum.path
        )
        return renderer.page(page, .factSheet)
    }
}
