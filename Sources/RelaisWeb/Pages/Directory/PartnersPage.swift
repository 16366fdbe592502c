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
