import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct NewPasswordPage: Page {
    static let template = Template.newPassword

    let layout: LayoutModel
    let csrf: String
    let action: String
    let token: String
    let valid: Bool
    let heading: String
    let password: FormField
    let confirmation: FormField
    let errors: [FormErrors.ErrorLink]
    let forgotPasswordURL: String
}
