import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct NewCasePage: Page {
    static let template = Template.newCase

    let layout: LayoutModel
    let csrf: String
    let action: String
    let token: String
    let signedIn: Bool
    let signInURL: String
    let situations: [FormOption]
    let situationError: String?
    let axes: [CheckField]
    let axesError: String?
    let employer: EmployerFields
    let narrative: TextArea
    let urgencies: [FormOption]
    let urgencyError: String?
    let notificationEmail: FormField
    let phone: FormField
    let callTimes: FormField
    let outside: CheckField
    // The account, for a visitor.
    let name: FormField
    let email: FormField
    let positions: [FormOption]
    let positionError: String?
    let password: FormField
    let confirmation: FormField
    let errors: [FormErrors.ErrorLink]
    /// The director is past their case limits: why, and their open cases to carry on in.
    var caseLimit: LimitNotice? = nil

    struct LimitNotice: Encodable, Sendable {
        struct CaseLink: Encodable, Sendable {
            let reference: String
            let url: String
        }

        let message: String
        let openCases: [CaseLink]
    }
}

extension NewCasePage {
    /// The case form with what was `typed`. `token` is the typed one, or a fresh one when the form had
    /// none. `keptPasswords`: after an employer search only, the passwords typed come back in their
    /// fields, so that a search never loses anything typed (never after an error: then they are typed
    /// again). `limit`: the director is past their case limits, and the message that says so.
    init(typed: CaseFormController.Typed, token: String, signedIn: Bool, situations: [Situation], employer: EmployerFields,
         errors: FormErrors, keptPasswords: (String, String), limit: (refusal: CaseLimitRefusal, message: String)?, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Demander un accompagnement", section: .parcours, demo: demo, viewer: viewer),
            csrf: csrf,
            action: SiteURL.newCase.path,
            token: token,
            signedIn: signedIn,
            signInURL: SiteURL.signIn.path + "?suite=" + (SiteURL.newCase.path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""),
            situations: situations.map { FormOption(value: $0.slug, label: $0.title, selected: $0.slug == typed.situation) },
            situationError: errors["situation"],
            axes: Axis.allCases.map { CheckField(name: "axe_\($0.rawValue)", label: $0.label, hint: $0.summary, checked: typed.axes.contains($0.rawValue)) },
            axesError: errors["axes"],
            employer: employer,
            narrative: TextArea(
                "recit", label: "Ce qui se passe", value: typed.narrative,
                hint: "En quelques lignes\u{00A0}: ce qui s’est passé, les dates connues, ce que vous attendez de l’association. Seuls le correspondant qui prendra votre demande et, si besoin, l’équipe de l’association le liront\u{00A0}; il n’apparaît dans aucun courriel.",
                error: errors["recit"]
            ),
            urgencies: ParcoursAnswers.Urgency.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == typed.urgency) },
            urgencyError: errors["urgence"],
            notificationEmail: FormField(
                "notification", label: "Adresse où recevoir les notifications", type: "email", value: typed.notificationEmail,
                hint: "Une adresse personnelle est recommandée\u{00A0}: votre employeur ne voit pas les messages de Relais. Nos messages disent seulement qu’il y a du nouveau, jamais le contenu de votre demande.",
                error: errors["notification"], autocomplete: "email", required: signedIn
            ),
            phone: FormField("telephone", label: "Téléphone", type: "tel", value: typed.phone,
                             hint: "Si vous acceptez que votre correspondant vous appelle.", error: errors["telephone"], autocomplete: "tel", required: false),
            callTimes: FormField("creneaux", label: "Quand vous appeler", value: typed.callTimes,
                                 hint: "Par exemple « en semaine après 18 h » ou « le samedi matin ».", error: errors["creneaux"], required: false),
            outside: CheckField(name: "hors_departement", label: "Je préfère un correspondant hors de mon département",
                           hint: "Pour parler à quelqu’un qui ne connaît pas les élus et les collègues de votre territoire.", checked: typed.outside),
            name: FormField("nom", label: "Prénom et nom", value: typed.name, error: errors["nom"], autocomplete: "name"),
            // One address for everything about the case: the confirmation, the notices and signing in.
            email: FormField("email", label: "Votre adresse électronique personnelle", type: "email", value: typed.email,
                             hint: "Tout ce qui concerne votre demande arrive à cette adresse, et elle vous sert à vous connecter. Choisissez une adresse personnelle plutôt que celle de votre employeur\u{00A0}: nos messages disent seulement qu’il y a du nouveau, mais mieux vaut que personne d’autre ne les voie.",
                             error: errors["email"], autocomplete: "email"),
            positions: Position.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == typed.position) },
            positionError: errors["poste"],
            password: .newPassword(error: errors["motdepasse"], kept: keptPasswords.0),
            confirmation: .passwordConfirmation(error: errors["confirmation"], kept: keptPasswords.1),
            errors: errors.summary,
            caseLimit: limit.map { refusal, message in
                LimitNotice(message: message, openCases: refusal.openReferences.map { .init(reference: $0, url: SiteURL.caseFile($0).path) })
            }
        )
    }
}
