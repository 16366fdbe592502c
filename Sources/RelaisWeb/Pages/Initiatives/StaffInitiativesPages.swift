import Foundation
import RelaisCore
import RelaisStore

/// The « fiches initiatives » their authors proposed to the association, waiting ones first.
struct StaffInitiativesPage: Page {
    static let template = Template.staffInitiatives

    let layout: LayoutModel
    let rows: [Line]

    struct Line: Encodable, Sendable {
        let title: String
        let url: String
        let meta: String
        let waiting: Bool
    }
}

extension StaffInitiativesPage {
    init(_ rows: [AppDatabase.InitiativeRow], viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Fiches initiatives proposées", section: .staff, demo: demo, viewer: viewer),
            rows: rows.map { row in
                let initiative = row.initiative
                return Line(title: initiative.title, url: SiteURL.staffInitiative(initiative.id ?? 0).path,
                            meta: "\(row.groupTitle) · proposée le \(initiative.proposedAt.map { Day($0).frenchLong } ?? "—") · \(initiative.status.label)",
                            waiting: initiative.status == .proposed)
            }
        )
    }
}

/// One proposed fiche for staff: its text, and taking it up as a draft « retour d’expérience » or
/// leaving it in its group.
struct StaffInitiativePage: Page {
    static let template = Template.staffInitiative

    let layout: LayoutModel
    let csrf: String
    let listURL: String
    let action: String
    let notice: String?
    let title: String
    let byline: String
    let status: String
    let sections: [InitiativePage.Section]
    let decidable: Bool
    let sheetURL: String?
}

extension StaffInitiativePage {
    static let notices = ["ecartee": "La fiche reste dans son équipe\u{00A0}; elle n’ira pas au vademecum."]

    init(_ row: AppDatabase.InitiativeRow, notice: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let initiative = row.initiative
        self.init(
            layout: LayoutModel(title: "Fiche initiative — \(initiative.title)", section: .staff, demo: demo, viewer: viewer),
            csrf: csrf, listURL: SiteURL.staffInitiatives.path, action: SiteURL.staffInitiative(initiative.id ?? 0).path, notice: notice,
            title: initiative.title,
            byline: "Par \(row.authorName ?? "un ancien membre"), équipe « \(row.groupTitle) », proposée le \(initiative.proposedAt.map { Day($0).frenchLong } ?? "—")",
            status: initiative.status.label, sections: InitiativePage.sections(initiative.fields),
            decidable: initiative.status == .proposed,
            sheetURL: initiative.sheetSlug.map { SiteURL.staffSheet($0).path }
        )
    }
}
