import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// « Mes remontées » (`compte/remontees`): the form to tell staff what blocks people, and the
/// remontées sent, with staff's answers.
struct RemonteesPage: Page {
    static let template = Template.remontees

    let layout: LayoutModel
    let accountURL: String
    let csrf: String
    let action: String
    let notice: String?
    let refusal: String?
    let errors: [FormErrors.ErrorLink]
    let theme: ChoiceGroup
    let body: TextArea
    let sent: [Sent]

    struct Sent: Encodable, Sendable {
        let theme: String
        let when: String
        let text: String
        let status: String
        let answer: String?
        let answered: String?
        let links: [Link]
    }

    struct Link: Encodable, Sendable {
        let label: String
        let url: String
    }

    enum Name {
        static let theme = "theme"
        static let body = "remontee"
    }

    static func notice(_ code: String?) -> String? {
        code == "envoyee" ? "Votre remontée est transmise à l’équipe de l’association. Merci." : nil
    }
}

extension RemonteesPage {
    init(lines: [AppDatabase.RemonteeLine], theme: String, body: String, errors: FormErrors, notice: String?, refusal: String?, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Mes remontées", section: .account, demo: demo, viewer: viewer),
            accountURL: SiteURL.account.path, csrf: csrf, action: SiteURL.remontees.path, notice: notice, refusal: refusal, errors: errors.summary,
            theme: ChoiceGroup(Name.theme, legend: "De quoi s’agit-il\u{00A0}?", choices: RemonteeTheme.allCases.map { ($0.rawValue, $0.label) },
                               selected: theme, error: errors[Name.theme]),
            body: TextArea(Name.body, label: "Ce que vous observez", value: body,
                           hint: "Une pratique, un texte, une situation qui revient\u{00A0}: ce qui bloque les directeurs, et ce qui aiderait. Ne nommez personne. 4\u{00A0}000 caractères au plus.",
                           error: errors[Name.body]),
            sent: lines.map(Self.sent)
        )
    }

    static func sent(_ line: AppDatabase.RemonteeLine) -> Sent {
        let remontee = line.remontee
        return Sent(
            theme: remontee.theme.label, when: CaseDates.dateTime(remontee.createdAt), text: remontee.body, status: remontee.status.label,
            answer: remontee.answer.isEmpty ? nil : remontee.answer, answered: remontee.answeredAt.map { "Réponse du \(CaseDates.dateTime($0))" },
            links: links(line)
        )
    }

    /// The sheet and situation staff linked the remontée to, as links to their public pages.
    static func links(_ line: AppDatabase.RemonteeLine) -> [Link] {
        var links: [Link] = []
        if let slug = line.sheetSlug, let title = line.sheetTitle { links.append(Link(label: "Fiche\u{00A0}: \(title)", url: SiteURL.factSheet(slug).path)) }
        if let slug = line.situationSlug, let title = line.situationTitle {
            links.append(Link(label: "Situation\u{00A0}: \(title)", url: SiteURL.situation(slug).path))
        }
        return links
    }
}
