import Foundation
import RelaisCore
import RelaisStore

/// A « fiche initiative » as the members of its group read it; its author may change it and propose
/// it to the association's staff for the vademecum.
struct InitiativePage: Page {
    static let template = Template.initiative

    let layout: LayoutModel
    let csrf: String
    let backURL: String
    let groupTitle: String
    let notice: String?
    let title: String
    let byline: String
    let status: String
    let sections: [Section]
    let editURL: String?
    let proposalURL: String?
    let sheetURL: String?

    struct Section: Encodable, Sendable {
        let heading: String
        let text: String
    }
}

extension InitiativePage {
    static let notices = [
        "ecrite": "La fiche est enregistrée dans l’équipe.",
        "modifiee": "La fiche est modifiée.",
        "proposee": "La fiche est proposée à l’équipe de l’association, qui pourra la publier comme retour d’expérience dans le vademecum.",
    ]

    init(_ row: AppDatabase.InitiativeRow, reader: User, notice: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let initiative = row.initiative, groupId = initiative.groupId, id = initiative.id ?? 0
        let isAuthor = initiative.authorUserId != nil && initiative.authorUserId == reader.id
        self.init(
            layout: LayoutModel(title: initiative.title, section: .account, demo: demo, viewer: viewer),
            csrf: csrf, backURL: SiteURL.group(groupId).path, groupTitle: row.groupTitle, notice: notice,
            title: initiative.title,
            byline: "Par \(row.authorName ?? "un ancien membre"), le \(Day(initiative.createdAt).frenchLong)",
            status: initiative.status.label,
            sections: Self.sections(initiative.fields),
            editURL: InitiativeRules.mayEdit(initiative.status, isAuthor: isAuthor) ? SiteURL.groupInitiativeEdit(groupId, id).path : nil,
            proposalURL: InitiativeRules.mayPropose(initiative.status, isAuthor: isAuthor) ? SiteURL.groupInitiativeProposal(groupId, id).path : nil,
            sheetURL: nil
        )
    }

    static func sections(_ fields: InitiativeRules.Fields) -> [Section] {
        [("Ce qui a été fait", fields.what), ("Où", fields.place), ("Qui contacter", fields.contact), ("Ce qui en est ressorti", fields.outcome)]
            .filter { !$0.1.isEmpty }.map { Section(heading: $0.0, text: $0.1) }
    }
}
