import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct AxisPage: Page {
    static let template = Template.axis

    let layout: LayoutModel
    let axis: AxisLink
    let offers: [String]
    let factSheets: [FactSheetLink]
    let partners: [PartnerCard]
    let networks: [NetworkCard]
    let ateliers: [AtelierItem]
    let situations: [SituationLink]
    let otherAxes: [AxisLink]
    let parcoursURL: String
}
