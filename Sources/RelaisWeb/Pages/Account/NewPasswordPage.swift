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

extension NewPasswordPage {
    /// The form that sets a password from a mailed link `token`: a reset, or an invitation.
    /// `valid`: the link may still be used.
    init(token: String, invitation: Bool, valid: Bool, errors: FormErrors, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: invitation ? "Bienvenue sur Relais" : "Nouveau mot de passe", section: .account, demo: demo, viewer: viewer),
            csrf: csrf,
            action: invitation ? SiteURL.invitation.path : SiteURL.newPassword.path,
            token: token, valid: valid,
            heading: invitation ? "Bienvenue sur Relais\u{00A0}: choisissez votre mot de passe" : "Choisissez un nouveau mot de passe",
            password: .newPassword(error: errors["motdepasse"]),
            confirmation: .passwordConfirmation(error: errors["confirmation"]),
            errors: errors.summary,
            forgotPasswordURL: SiteURL.forgotPassword.path
        )
    }
}
