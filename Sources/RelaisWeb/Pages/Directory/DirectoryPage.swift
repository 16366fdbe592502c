import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct DirectoryPage: Page {
    static let template = Template.directory


    struct DepartementItem: Encodable, Sendable {
        let code: String
        let name: String
        let href: String
        let cssClass: String
        let summary: String
    }

    struct RegionGroup: Encodable, Sendable {
        let code: String
        let name: String
        let departements: [DepartementItem]
    }

    let layout: LayoutModel
    /// Produced by `FranceMap.svg` from escaped text only: safe to insert raw.
    let mapSVG: String
    let attribution: String
    let legend: [CoverageLegendItem]
    let regions: [RegionGroup]
    let parcoursURL: String
}
