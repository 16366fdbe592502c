import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct SignInPage: Page {
    static let template = Template.signIn

    let layout: LayoutModel
    let csrf: String
    let action: String
    let email: FormField
    let password: FormField
    let returnTo: String
    let errors: [FormErrors.ErrorLink]
    let notice: String?
    let signUpURL: String
    let forgotPasswordURL: String
    let demoAccounts: [DemoAccount]
    let demoNote: String
}

extension SignInPage {
    /// `returnTo`: where to go once signed in; `demo`: the demo's accounts are listed.
    init(email: String, returnTo: String, errors: FormErrors, notice: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Se connecter", section: .account, demo: demo, viewer: viewer),
            csrf: csrf,
            action: SiteURL.signIn.path,
            email: FormField("email", label: "Adresse électronique", type: "email", value: email, error: errors["email"], autocomplete: "username"),
            password: FormField("motdepasse", label: "Mot de passe", type: "password", error: errors["motdepasse"], autocomplete: "current-password"),
            returnTo: returnTo,
            errors: errors.summary,
            notice: notice,
            signUpURL: SiteURL.signUp.path,
            forgotPasswordURL: SiteURL.forgotPassword.path,
            demoAccounts: demo ? DemoAccounts.list : [],
            demoNote: "Les comptes Équipe et Administrateur doivent d’abord activer la double authentification\u{00A0}: "
                + "à la première connexion, Relais affiche un code QR à scanner avec une application d’authentification. "
                + "Chaque correspondant de l’annuaire a aussi un compte\u{00A0}: l’adresse de sa fiche, même mot de passe que le compte Correspondant."
        )
    }

    /// The notice that a redirection to the sign-in page asks for with `?message=`.
    static func notice(_ code: String?) -> String? {
        switch code {
        case "deconnecte": "Vous êtes déconnecté."
        case "mot-de-passe-change": "Votre mot de passe a été changé. Connectez-vous avec le nouveau."
        case "adresse-confirmee": "Votre adresse est confirmée. Vous pouvez vous connecter."
        case "adresse-notification": "Votre nouvelle adresse de notification est confirmée."
        case "demande-envoyee": "Votre adresse est confirmée et votre demande est partie vers un correspondant. Connectez-vous pour la suivre."
        case "code-expire": "Le délai pour saisir le code est dépassé. Connectez-vous à nouveau."
        default: nil
        }
    }
}
