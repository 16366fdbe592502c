import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct DepartementPage: Page {
    static let template = Template.directoryDepartement

    let layout: LayoutModel
    let name: String
    let code: String
    let regionName: String
    let cssClass: String
    let summary: String
    /// `FranceMap.patternsSVG`, constant markup: safe to insert raw.
    let patternsSVG: String
    let local: [CorrespondentItem]
    let regional: [CorrespondentItem]
    let national: [CorrespondentItem]
    /// Set when nobody covers the département: what the page offers instead.
    let fallback: String?
    let openCaseURL: String
    let parcoursURL: String
    let directoryURL: String
}
