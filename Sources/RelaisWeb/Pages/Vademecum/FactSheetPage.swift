import RelaisCore
import RelaisStore
import RelaisUseCases

struct FactSheetPage: Page {
    static let template = Template.factSheet

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
    /// « Cette fiche vous a-t-elle aidé ? » (a GET form: this page is cached for every visitor and
    /// carries no token; the form page does) and « Signaler une erreur ou un changement de la loi ».
    let voteURL: String
    let reportURL: String

    /// What a printed sheet carries at its top: who published it, where to find it again, which
    /// version, and the day it was printed. The page is the same for every visitor and is cached
    /// for the day (`PageCache`), so the print day is not written here: `impression.js` fills it in
    /// the reader's browser, on load and again just before printing.
    struct PrintHeader: Encodable, Sendable {
        let association: String?
        /// The sheet's public address, e.g. https://relais.example/vademecum/conge-special.
        let sheetAddress: String
        let scriptURL: String
    }

    /// A reference, with the link to its official text when one can be built from it.
    struct Reference: Encodable, Sendable {
        let text: String
        let url: String?

        init(_ text: String) {
            let reference = LegalReference(text)
            self.text = reference.text
            url = reference.officialURL
        }
    }
}

extension FactSheetPage {
    /// The published `sheet` with its `related` ones. `bodyHTML`: its text, rendered from its Markdown;
    /// `association` and `baseURL`: who publishes it and the site's public address, for its print header.
    init(_ sheet: FactSheet, related: [FactSheetHeading], bodyHTML: String, association: String?, baseURL: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: sheet.title, description: sheet.summary, section: .vademecum, demo: demo, viewer: viewer),
            title: sheet.title,
            summary: sheet.summary,
            axis: AxisLink(sheet.axis),
            theme: sheet.theme.nonEmpty,
            tags: sheet.tagList,
            legalReferences: sheet.legalReferenceList.map(Reference.init),
            bodyHTML: bodyHTML,
            lastReviewed: sheet.lastReviewed?.frenchLong ?? "",
            nextReview: sheet.nextReview?.frenchLong,
            needsCheck: sheet.needsCheck,
            version: sheet.currentVersion,
            related: related.map(FactSheetLink.init),
            vademecumURL: SiteURL.vademecum.path,
            printHeader: PrintHeader(association: association,
                                     sheetAddress: SiteURL.factSheet(sheet.slug).absolute(base: baseURL),
                                     scriptURL: SiteURL.printScript.path),
            voteURL: SiteURL.sheetVote(sheet.slug).path,
            reportURL: SiteURL.sheetReport(sheet.slug).path
        )
    }
}
