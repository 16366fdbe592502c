import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Staff's board of « remontées » (`equipe/remontees`): the themes' trends, then the remontées
/// grouped by theme, unanswered first, each with its answer form.
struct StaffRemonteesPage: Page {
    static let template = Template.staffRemontees

    let layout: LayoutModel
    let staffURL: String
    let csrf: String
    let notice: String?
    let refusal: String?
    let trendDays: Int
    let trends: [TrendRow]
    let groups: [Group]

    struct TrendRow: Encodable, Sendable {
        let theme: String
        let recent: Int
        let previous: Int
        let growing: Bool
    }

    struct Group: Encodable, Sendable {
        let id: String
        let theme: String
        let count: Int
        let waiting: Int
        let items: [Item]
    }

    struct Item: Encodable, Sendable {
        let id: String
        let anchor: String
        let author: String
        let when: String
        let text: String
        let status: String
        let answered: String?
        let action: String
        let answerField: TextArea
        let sheets: [FormOption]
        let situations: [FormOption]
        let links: [RemonteesPage.Link]
    }

    static func notice(_ code: String?) -> String? {
        code == "repondue" ? "Réponse enregistrée. Son auteur reçoit un courriel neutre l’invitant à la lire." : nil
    }
}

extension StaffRemonteesPage {
    init(board: AppDatabase.RemonteeBoard, now: Date, notice: String?, refusal: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let trends = RemonteeRules.trends(board.lines.map { (theme: $0.remontee.theme, at: $0.remontee.createdAt) }, now: now)
        self.init(
            layout: LayoutModel(title: "Remontées du terrain", section: .staff, demo: demo, viewer: viewer),
            staffURL: SiteURL.staff.path, csrf: csrf, notice: notice, refusal: refusal, trendDays: RemonteeRules.trendDays,
            trends: trends.map { TrendRow(theme: $0.theme.label, recent: $0.recent, previous: $0.previous, growing: $0.isGrowing) },
            groups: RemonteeTheme.allCases.compactMap { theme in
                let lines = board.lines.filter { $0.remontee.theme == theme }
                guard !lines.isEmpty else { return nil }
                return Group(id: theme.rawValue, theme: theme.label, count: lines.count,
                             waiting: lines.filter { $0.remontee.status == .received }.count,
                             items: lines.map { Self.item($0, board: board) })
            }
        )
    }

    static func item(_ line: AppDatabase.RemonteeLine, board: AppDatabase.RemonteeBoard) -> Item {
        let remontee = line.remontee, id = remontee.id ?? 0
        let role = remontee.authorRole == Role.correspondant.rawValue ? "correspondant" : "membre"
        return Item(
            id: String(id), anchor: "remontee-\(id)", author: "\(line.authorName ?? "Compte supprimé") (\(role))",
            when: CaseDates.dateTime(remontee.createdAt), text: remontee.body, status: remontee.status.label,
            answered: remontee.answeredAt.map { "Répondue le \(CaseDates.dateTime($0))" + (remontee.answeredBy.map { " par \($0)" } ?? "") },
            action: SiteURL.staffRemontee(id).path,
            answerField: TextArea("reponse-\(id)", label: "Réponse de l’équipe", value: remontee.answer,
                                  hint: "Lue par l’auteur dans «\u{00A0}Mes remontées\u{00A0}».", error: nil),
            sheets: [FormOption(value: "", label: "Aucune fiche", selected: line.sheetSlug == nil)]
                + board.sheets.map { FormOption(value: $0.slug, label: $0.title, selected: $0.slug == line.sheetSlug) },
            situations: [FormOption(value: "", label: "Aucune situation", selected: line.situationSlug == nil)]
                + board.situations.map { FormOption(value: $0.slug, label: $0.title, selected: $0.slug == line.situationSlug) },
            links: RemonteesPage.links(line)
        )
    }
}
