import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// `/remontees`: a member tells staff what blocks people, and reads what they sent with staff's
/// answers. A visitor is asked to sign in; staff and experts read that it is for members.
struct ObservationsPage: Page {
    static let template = Template.observations

    let layout: LayoutModel
    let notice: String?
    let problem: String?
    let signInURL: String?
    let notMember: String?
    let member: Bool
    let csrf: String?
    let action: String
    let errorSummary: [FormErrors.ErrorLink]
    let themes: [FormOption]
    let themeError: String?
    let kinds: [FormOption]
    let titleField: FormField
    let bodyField: TextArea
    let sent: [Sent]

    struct Sent: Encodable, Sendable {
        let title: String
        let theme: String
        let when: String
        let status: String
        let answer: String?
        let answeredOn: String?
    }
}

extension ObservationsPage {
    static let notices = [
        "envoyee": "Votre remontée est envoyée à l’équipe de l’association. Merci\u{00A0}: c’est ainsi que les fiches et les parcours s’améliorent.",
    ]

    struct Typed: Sendable {
        var theme: ObservationTheme?
        var kind: ObservationKind = .pratique
        var title = ""
        var body = ""
    }

    init(user: User?, sent: [Observation], typed: Typed, errors: FormErrors, notice: String?, problem: String?, csrf: String?,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let member = user.map { ObservationRules.mayObserve($0.role) } ?? false
        self.init(
            layout: LayoutModel(title: "Faire remonter une difficulté", section: .account, demo: demo, viewer: viewer),
            notice: notice, problem: problem,
            signInURL: user == nil ? SiteURL.signIn.absolute(base: "", query: [("suite", SiteURL.observations.path)]) : nil,
            notMember: user != nil && !member ? ObservationService.Refusal.notMember.message : nil,
            member: member, csrf: csrf, action: SiteURL.observations.path,
            errorSummary: errors.summary,
            themes: [FormOption(value: "", label: "Choisir un thème", selected: typed.theme == nil)]
                + ObservationTheme.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == typed.theme) },
            themeError: errors["theme"],
            kinds: ObservationKind.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == typed.kind) },
            titleField: FormField("titre", label: "En une ligne", value: typed.title,
                                  hint: "Par exemple\u{00A0}: « Les protocoles de transition ignorent le droit au congé spécial ». \(ObservationRules.titleLimit) caractères au plus.",
                                  error: errors["titre"]),
            bodyField: TextArea("texte", label: "Ce que vous observez", value: typed.body,
                                hint: "Ce qui bloque, où, depuis quand, ce qui aiderait. Ne nommez personne\u{00A0}: l’équipe lit, elle ne traite pas une demande ici. "
                                    + "\(ObservationRules.textLimit) caractères au plus.",
                                error: errors["texte"]),
            sent: sent.map {
                Sent(title: $0.title, theme: $0.theme.label, when: Day($0.createdAt).frenchLong, status: $0.status.label,
                     answer: $0.answer.isEmpty ? nil : $0.answer, answeredOn: $0.answeredAt.map { Day($0).frenchLong })
            }
        )
    }
}
