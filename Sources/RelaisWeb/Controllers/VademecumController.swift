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
        var themeNumber = 0
        let groups = Axis.allCases.compactMap { axis -> VademecumPage.AxisGroup? in
            let onAxis = sheets.filter { $0.axis == axis }
            guard !onAxis.isEmpty else { return nil }
            let themes = Dictionary(grouping: onAxis, by: \.theme).sorted { lhs, rhs in
                if lhs.key.isEmpty != rhs.key.isEmpty { return !lhs.key.isEmpty }
                return Text.folded(lhs.key) < Text.folded(rhs.key)
            }
            return VademecumPage.AxisGroup(axis: AxisLink(axis), themes: themes.map { theme, sheets in
                themeNumber += 1
                return VademecumPage.ThemeGroup(id: "theme-\(themeNumber)", name: theme.isEmpty ? "Autres fiches" : theme,
                                            factSheets: sheets.map(FactSheetLink.init))
            })
        }
        let page = VademecumPage(
            layout: LayoutModel(title: "Vademecum juridique", section: .vademecum, config: config, context: context),
            groups: groups,
            count: sheets.count,
            searchURL: SiteURL.search.path
        )
        return renderer.page(page)
    }

    /// One published sheet, written to be read on a phone and to print well.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        guard let slug = context.parameters.get("slug"), Text.isSlug(slug),
              let (sheet, related) = try await content.publishedFactSheet(slug: slug) else {
            throw HTTPError(.notFound)
        }
        let page = FactSheetPage(
            layout: LayoutModel(title: sheet.title, description: sheet.summary, section: .vademecum, config: config, context: context),
            title: sheet.title,
            summary: sheet.summary,
            axis: AxisLink(sheet.axis),
            theme: sheet.theme.nonEmpty,
            tags: sheet.tagList,
            legalReferences: sheet.legalReferenceList.map(FactSheetPage.Reference.init),
            bodyHTML: content.sheetHTML.html(for: sheet),
            lastReviewed: sheet.lastReviewed?.frenchLong ?? "",
            nextReview: sheet.nextReview?.frenchLong,
            needsCheck: sheet.needsCheck,
            version: sheet.currentVersion,
            related: related.map(FactSheetLink.init),
            vademecumURL: SiteURL.vademecum.path,
            printHeader: FactSheetPage.PrintHeader(association: config.associationAddress,
                                     sheetAddress: SiteURL.factSheet(slug).absolute(base: config.baseURL),
                                     scriptURL: SiteURL.printScript.path)
        )
        return renderer.page(page)
    }
}
