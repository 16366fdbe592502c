import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct AddressConfirmationPage: Page {
    static let template = Template.addressConfirmation

    let layout: LayoutModel
    let csrf: String
    let action: String
    let token: String
    /// The address the link would set; nil when the link is no longer valid.
    let newAddress: String?
    let accountURL: String
}

extension AddressConfirmationPage {
    /// `newAddress`: the address the link `token` would set; nil when the link is no longer valid.
    init(token: String, newAddress: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Confirmer mon adresse de notification", section: .account, demo: demo, viewer: viewer),
            csrf: csrf, action: SiteURL.addressConfirmation.path, token: token,
            newAddress: newAddress, accountURL: SiteURL.account.path
        )
    }
}
