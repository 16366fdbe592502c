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

extension SignUpConfirmationPage {
    /// `email`: the address the link `token` would confirm; nil when the link is no longer valid.
    init(token: String, email: String?, errors: FormErrors, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Confirmer mon adresse", section: .account, demo: demo, viewer: viewer),
            csrf: csrf, action: SiteURL.signUpConfirmation.path, token: token, valid: email != nil, signUpURL: SiteURL.signUp.path,
            email: email ?? "", errors: errors.summary,
            password: FormField("motdepasse", label: "Le mot de passe choisi à l’inscription", type: "password",
                                hint: "Il confirme que c’est bien vous qui avez créé ce compte.",
                                error: errors["motdepasse"], autocomplete: "current-password"),
            forgotPasswordURL: SiteURL.forgotPassword.path
        )
    }
}
