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

    struct IndexPage: Sendable {
        struct ThemeGroup: Sendable {
            let id: String
            let name: String
            let factSheets: [FactSheetLink]
        }

        struct AxisGroup: Sendable {
            let axis: AxisLink
            let themes: [ThemeGroup]
        }

        let layout: LayoutModel
        let groups: [AxisGroup]
        let count: Int
        let searchURL: String
    }

    /// Every published sheet, by axis, then by theme in French alphabetical order (sheets without a
    /// theme last, under « Autres fiches »).
    @Sendable func index(request: Request, context: RelaisRequestContext) async throws -> Response {
        let sheets = try await database.publishedFactSheets()
        var themeNumber = 0
        let groups = Axis.allCases.compactMap { axis -> IndexPage.AxisGroup? in
            let onAxis = sheets.filter { $0.axis == axis }
            guard !onAxis.isEmpty else { return nil }
            let themes = Dictionary(grouping: onAxis, by: \.theme).sorted { lhs, rhs in
                if lhs.key.isEmpty != rhs.key.isEmpty { return !lhs.key.isEmpty }
                return Text.folded(lhs.key) < Text.folded(rhs.key)
            }
            return IndexPage.AxisGroup(axis: AxisLink(axis), themes: themes.map { theme, sheets in
                themeNumber += 1
                return IndexPage.ThemeGroup(id: "theme-\(themeNumber)", name: theme.isEmpty ? "Autres fiches" : theme,
                                            factSheets: sheets.map(FactSheetLink.init))
            })
        }
        let page = IndexPage(
            layout: LayoutModel(title: "Vademecum juridique", section: .vademecum, config: config, context: context),
            groups: groups,
            count: sheets.count,
            searchURL: SiteURL.search.path
        )
        return renderer.page(page, .vademecumIndex)
    }

    struct SheetPage: Sendable {
        let layout: LayoutModel
        let title: String
        let summary: String
        let axis: AxisLink
        let theme: String?
        let tags: [String]
        let legalReferences: [Reference]
        /// HTML produced by `Markdown.html` from the sheet's Markdown: safe to insert raw.
        let bodyHTML: String
        let lastReviewed: String
        let nextReview: String?
        let needsCheck: Bool
        let version: Int
        let related: [FactSheetLink]
        let vademecumURL: String
        let printHeader: PrintHeader
    }

    /// What a printed sheet carries at its top: who published it, where to find it again, which
    /// version, and the day it was printed. The page is the same for every visitor and is cached
    /// for the day (`PageCache`), so the print day is not written here: `impression.js` fills it in
    /// the reader's browser, on load and again just before printing.
    struct PrintHeader: Sendable {
        let association: String?
        /// The sheet's public address, e.g. https://relais.example/vademecum/conge-special.
        let sheetAddress: String
        let scriptURL: String
    }

    /// A reference, with the link to its official text when one can be built from it.
    struct Reference: Sendable {
        let text: String
        let url: String?

        init(_ text: String) {
            let reference = LegalReference(text)
            self.text = reference.text
            url = reference.officialURL
        }
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
            theme: sheet.theme.nonEmpty,
            tags: sheet.tagList,
            legalReferences: sheet.legalReferenceList.map(Reference.init),
            bodyHTML: Markdown.sheetHTML(sheet.bodyMarkdown),
            lastReviewed: sheet.lastReviewed?.frenchLong ?? "",
            nextReview: sheet.nextReview?.frenchLong,
            needsCheck: sheet.needsCheck,
            version: sheet.currentVersion,
            related: related.map(FactSheetLink.init),
            vademecumURL: SiteURL.vademecum.path,
            printHeader: PrintHeader(association: config.associationAddress,
                                     sheetAddress: SiteURL.factSheet(slug).absolute(base: config.baseURL),
                                     scriptURL: SiteURL.printScript.path)
        )
        return renderer.page(page, .factSheet)
    }
}
