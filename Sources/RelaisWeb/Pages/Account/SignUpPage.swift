import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct SignUpPage: Page {
    static let template = Template.signUp

    let layout: LayoutModel
    let csrf: String
    let action: String
    let name: FormField
    let email: FormField
    let notificationEmail: FormField
    let positions: [FormOption]
    let positionError: String?
    let employer: EmployerFields
    let phone: FormField
    let password: FormField
    let confirmation: FormField
    let errors: [FormErrors.ErrorLink]
    let signInURL: String
}

extension SignUpPage {
    /// The sign-up form with what was `typed` and the `errors` found in it.
    init(typed: SignUpController.Typed, employer: EmployerFields, errors: FormErrors, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Créer mon compte", section: .account, demo: demo, viewer: viewer),
            csrf: csrf,
            action: SiteURL.signUp.path,
            name: FormField("nom", label: "Prénom et nom", value: typed.name, error: errors["nom"], autocomplete: "name"),
            email: FormField("email", label: "Adresse électronique de connexion", type: "email", value: typed.email, error: errors["email"], autocomplete: "email"),
            notificationEmail: FormField(
                "notification", label: "Adresse où recevoir les notifications", type: "email", value: typed.notificationEmail,
                hint: "Une adresse personnelle est plus sûre\u{00A0}: votre employeur ne voit pas les messages de Relais. Laissée vide, c’est l’adresse de connexion qui sert. Nos messages ne contiennent jamais le détail de votre situation.",
                error: errors["notification"], autocomplete: "email", required: false
            ),
            positions: Position.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == typed.position) },
            positionError: errors["poste"],
            employer: employer,
            phone: FormField("telephone", label: "Téléphone", type: "tel", value: typed.phone,
                             hint: "Pour que votre correspondant puisse vous appeler, si vous le souhaitez.", error: errors["telephone"],
                             autocomplete: "tel", required: false),
            password: .newPassword(error: errors["motdepasse"]),
            confirmation: .passwordConfirmation(error: errors["confirmation"]),
            errors: errors.summary,
            signInURL: SiteURL.signIn.path
        )
    }
}
