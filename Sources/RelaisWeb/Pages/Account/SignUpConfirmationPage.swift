import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct SignUpConfirmationPage: Page {
    static let template = Template.confirmation

    let layout: LayoutModel
    let csrf: String
    let action: String
    let token: String
    let valid: Bool
    let signUpURL: String
    /// The address being confirmed.
    let email: String
    let errors: [FormErrors.ErrorLink]
    let password: FormField
    let forgotPasswordURL: String
}
