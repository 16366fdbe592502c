import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct PartnersPage: Page {
    static let template = Template.partners

    let layout: LayoutModel
    let action: String
    let kinds: [FormOption]
    let axes: [FormOption]
    let regions: [FormOption]
    let partners: [PartnerCard]
    let count: Int
    let filtered: Bool
    let networksURL: String
}

extension PartnersPage {
    /// `found`: the partners matching the filters chosen (`kind`, `axis`, `region`), among `regions`.
    init(found: [Partner], kind: PartnerKind?, axis: Axis?, region: Region?, regions: [Region], viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Partenaires", section: .network, demo: demo, viewer: viewer),
            action: SiteURL.partners.path,
            kinds: PartnerKind.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == kind) },
            axes: Axis.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == axis) },
            regions: regions.map { FormOption(value: $0.code, label: $0.name, selected: $0.code == region?.code) },
            partners: found.map(PartnerCard.init),
            count: found.count,
            filtered: kind != nil || axis != nil || region != nil,
            networksURL: SiteURL.networks.path
        )
    }
}
