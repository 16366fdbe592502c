import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SignInCodePage: Page {
    static let template = Template.signInCode

    let layout: LayoutModel
    let csrf: String
    let action: String
    let code: FormField
    let trust: Bool
    let errors: [FormErrors.ErrorLink]
    let cancelURL: String
}

extension SignInCodePage {
    /// `trust`: « trust this browser » was ticked when the form was sent.
    init(trust: Bool, errors: FormErrors, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Code de vérification", section: .account, demo: demo, viewer: viewer),
            csrf: csrf, action: SiteURL.signInCode.path,
            code: FormField("code", label: "Code de vérification",
                            hint: "Les 6 chiffres affichés par votre application d’authentification, ou l’un de vos codes de secours (xxxx-xxxx).",
                            error: errors["code"], autocomplete: "one-time-code"),
            trust: trust, errors: errors.summary, cancelURL: SiteURL.signIn.path
        )
    }
}
