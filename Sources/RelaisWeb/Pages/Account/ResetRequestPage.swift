import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct ResetRequestPage: Page {
    static let template = Template.resetRequest

    let layout: LayoutModel
    let csrf: String
    let action: String
    let email: FormField
    let errors: [FormErrors.ErrorLink]
    let sent: Bool
}

extension ResetRequestPage {
    /// `sent`: the request was made; the page says the same whether the address has an account or not.
    init(email: String, errors: FormErrors, sent: Bool, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Mot de passe oublié", section: .account, demo: demo, viewer: viewer),
            csrf: csrf, action: SiteURL.forgotPassword.path,
            email: FormField("email", label: "Adresse électronique de votre compte", type: "email", value: email, error: errors["email"], autocomplete: "username"),
            errors: errors.summary, sent: sent
        )
    }
}
