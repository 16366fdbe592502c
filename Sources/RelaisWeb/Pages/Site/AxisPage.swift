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

extension AxisPage {
    /// `content`: what Relais has on `axis`, public content only.
    init(_ axis: Axis, content: AppDatabase.AxisContent, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: axis.label, description: axis.summary, section: .axes, demo: demo, viewer: viewer),
            axis: AxisLink(axis),
            offers: axis.offers,
            factSheets: content.factSheets.map(FactSheetLink.init),
            partners: content.partners.map(PartnerCard.init),
            networks: content.networks.map(NetworkCard.init),
            ateliers: content.ateliers.map(AtelierItem.init),
            situations: content.situations.map(SituationLink.init),
            otherAxes: Axis.allCases.filter { $0 != axis }.map(AxisLink.init),
            parcoursURL: SiteURL.parcours.path
        )
    }
}
