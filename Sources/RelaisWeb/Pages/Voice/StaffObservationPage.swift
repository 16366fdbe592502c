import Foundation
import RelaisCore
import RelaisStore

/// One remontée for staff: what was sent and by whom, the answer the author will read, the fact
/// sheet and situation it concerns, and filing it.
struct StaffObservationPage: Page {
    static let template = Template.staffObservation

    let layout: LayoutModel
    let csrf: String
    let listURL: String
    let action: String
    let notice: String?
    let problem: String?
    let title: String
    let theme: String
    let kind: String
    let status: String
    let author: String
    let when: String
    let body: String
    let answeredOn: String?
    let answerField: TextArea
    let sheets: [FormOption]
    let situations: [FormOption]
    let groups: [FormOption]
    let sheetURL: String?
    let situationURL: String?
    let groupURL: String?
    let filed: Bool
}

extension StaffObservationPage {
    static let notices = [
        "reponse": "La réponse est enregistrée\u{00A0}; l’auteur est prévenu par un message.",
        "liens": "Les liens sont enregistrés.",
        "classee": "La remontée est classée.",
        "rouverte": "La remontée est rouverte.",
    ]

    init(_ row: AppDatabase.ObservationRow, sheets: [(slug: String, title: String)], situations: [(slug: String, title: String)],
         groups: [(id: Int64, title: String)],
         typedAnswer: String? = nil, answerError: String? = nil, notice: String?, problem: String? = nil, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let observation = row.observation, id = observation.id ?? 0
        self.init(
            layout: LayoutModel(title: "Remontée — \(observation.title)", section: .staff, demo: demo, viewer: viewer),
            csrf: csrf, listURL: SiteURL.staffObservations.path, action: SiteURL.staffObservation(id).path,
            notice: notice, problem: problem,
            title: observation.title, theme: observation.theme.label, kind: observation.kind.label, status: observation.status.label,
            author: "\(row.authorName) (\(row.authorRole.label.lowercasedFirst))", when: CaseDates.dateTime(observation.createdAt),
            body: observation.body, answeredOn: observation.answeredAt.map { CaseDates.dateTime($0) },
            answerField: TextArea("reponse", label: observation.answer.isEmpty ? "Votre réponse" : "Modifier la réponse", value: typedAnswer ?? observation.answer,
                                  hint: "L’auteur la lit sur sa page des remontées. \(ObservationRules.answerLimit) caractères au plus.", error: answerError),
            sheets: [FormOption(value: "", label: "Aucune fiche", selected: observation.sheetSlug == nil)]
                + sheets.map { FormOption(value: $0.slug, label: $0.title, selected: $0.slug == observation.sheetSlug) },
            situations: [FormOption(value: "", label: "Aucun parcours", selected: observation.situationSlug == nil)]
                + situations.map { FormOption(value: $0.slug, label: $0.title, selected: $0.slug == observation.situationSlug) },
            groups: [FormOption(value: "", label: "Aucune équipe", selected: observation.groupId == nil)]
                + groups.map { FormOption(value: String($0.id), label: $0.title, selected: $0.id == observation.groupId) },
            sheetURL: observation.sheetSlug.map { SiteURL.staffSheet($0).path },
            situationURL: observation.situationSlug.map { SiteURL.staffSituation($0).path },
            groupURL: observation.groupId.map { SiteURL.staffGroup($0).path },
            filed: observation.status == .filed
        )
    }
}
