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
