import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SheetEditorPage: Page {
    static let template = Template.staffSheet

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    /// Why the last action was refused. Not named `error`: Mustache would find it from inside the
    /// form fields, whose own `error` is nil, and mark them all invalid.
    let refusal: String?
    let isNew: Bool
    let heading: String
    let action: String
    let stateAction: String
    let historyURL: String?
    let publicURL: String?
    let status: String?
    let latest: String?
    let fourEyesNote: String?
    let title: FormField
    let summary: TextArea
    let axes: [FormOption]
    let axisError: String?
    let theme: FormField
    let tags: TextArea
    let references: TextArea
    let body: TextArea
    let related: FormField
    let nextReview: FormField
    /// HTML produced by `Markdown.sheetHTML` from the typed text: safe to insert raw.
    let preview: String?
    let actions: [Action]
    let errors: [FormErrors.ErrorLink]
    /// Readers' reports on this sheet still in the queue, shown above the text so the draft opened
    /// from one is written with its words at hand.
    var readerReports: [ReaderReport] = []
    var reportsURL: String = SiteURL.staffSheetReports.path

    struct ReaderReport: Encodable, Sendable {
        let heading: String
        let body: String
        let contactEmail: String?
    }

    struct Action: Encodable, Sendable {
        let value: String
        let label: String
        let primary: Bool
    }
}

extension SheetEditorPage {
    /// The editor of the sheet `slug` (nil: a new one) whose `history` is read, with the text as
    /// `typed`. The actions offered are only what `editor` (the reader's address) may do: with
    /// `fourEyes`, the last editor cannot publish their own text. `preview`: the typed text rendered.
    init(slug: String?, history: AppDatabase.SheetHistory?, typed: VademecumEditorController.Typed, editor: String?, fourEyes: Bool,
         errors: FormErrors, preview: String?, notice: String?, refusal error: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let actions = history.map { history in
            FactSheetWorkflow.moves(for: history.state, by: editor ?? "", fourEyes: fourEyes).map {
                Action(value: $0.rawValue, label: $0.label, primary: $0 == .publish)
            }
        } ?? []
        let fourEyesNote: String? = history.flatMap { history in
            guard fourEyes, history.latest?.status == .enRelecture, let lastEditor = history.lastEditor else { return nil }
            return lastEditor.lowercased() == editor?.lowercased()
                ? "Vous êtes le dernier à avoir modifié ce texte\u{00A0}: un autre membre de l’équipe doit le relire et le publier."
                : "Dernière modification par \(lastEditor)\u{00A0}: vous pouvez relire et publier."
        }
        self.init(
            layout: LayoutModel(title: history.map { "Fiche\u{00A0}: \($0.sheet.title)" } ?? "Nouvelle fiche", section: .staff, demo: demo, viewer: viewer),
            csrf: csrf, notice: notice, refusal: error, isNew: history == nil,
            heading: history?.sheet.title ?? "Nouvelle fiche",
            action: SiteURL.staffSheet(slug ?? "nouvelle").path, stateAction: SiteURL.staffSheetState(slug ?? "nouvelle").path,
            historyURL: slug.map { SiteURL.staffSheetHistory($0).path },
            publicURL: history.flatMap { $0.sheet.status == .publiee ? SiteURL.factSheet($0.sheet.slug).path : nil },
            status: history.map { $0.sheet.status.label },
            latest: history?.latest.map { "Version \($0.version)\u{00A0}: \($0.status.label.lowercased()), par \($0.author)" },
            fourEyesNote: fourEyesNote,
            title: FormField("titre", label: "Titre", value: typed.title, error: errors["titre"]),
            summary: .init("resume", label: "Résumé (deux ou trois phrases)", value: typed.summary, hint: nil, error: errors["resume"]),
            axes: Axis.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == typed.axis) },
            axisError: errors["axe"],
            theme: FormField("theme", label: "Thème", value: typed.theme, hint: "Par exemple « Fin de fonctions »\u{00A0}: les fiches sont listées par axe puis par thème.",
                             error: errors["theme"], required: false),
            tags: .init("etiquettes", label: "Étiquettes (une par ligne)", value: typed.tags, hint: nil, error: errors["etiquettes"]),
            references: .init("references", label: "Références juridiques (une par ligne)", value: typed.legalReferences, hint: nil, error: errors["references"]),
            body: .init("corps", label: "Texte (Markdown)", value: typed.body,
                        hint: "Titres avec ##, listes avec -, liens [texte](https://…). Le HTML écrit ici est affiché tel quel, jamais interprété. Écrivez « à vérifier » pour signaler un point à contrôler.",
                        error: errors["corps"]),
            related: FormField("liees", label: "Fiches liées (identifiants séparés par des espaces)", value: typed.related, error: errors["liees"], required: false),
            nextReview: FormField("prochaine_relecture", label: "Prochaine relecture", type: "date", value: typed.nextReview,
                                  error: errors["prochaine_relecture"], required: false),
            preview: preview, actions: actions, errors: errors.summary
        )
    }

    /// The reports of this sheet waiting in the queue.
    static func readerReports(_ lines: [AppDatabase.SheetReportLine]) -> [ReaderReport] {
        lines.map { line in
            ReaderReport(heading: "Signalement n°\u{00A0}\(line.report.id ?? 0), reçu le \(CaseDates.dateTime(line.report.at))"
                            + (line.report.draftVersion.map { " — brouillon ouvert (version \($0))" } ?? ""),
                         body: line.report.body, contactEmail: line.report.contactEmail.isEmpty ? nil : line.report.contactEmail)
        }
    }

    /// The notice that a redirection to the editor asks for with `?message=`.
    static func notice(_ code: String?) -> String? {
        switch code {
        case "enregistree": "Nouvelle version enregistrée."
        case "relecture": "Fiche envoyée en relecture."
        case "publiee": "Fiche publiée\u{00A0}: elle est en ligne et dans la recherche."
        case "archivee": "Fiche archivée\u{00A0}: elle n’apparaît plus sur le site."
        case "restauree": "Ancienne version restaurée comme nouveau brouillon."
        case "signalement": "Brouillon ouvert depuis le signalement d’un lecteur, rappelé ci-dessous. Une fois corrigé, demandez une relecture\u{00A0}: un autre membre de l’équipe publiera."
        default: nil
        }
    }
}
