import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The closing feedback's figures for staff (`equipe/retours`): by axis, région and delay, never a
/// name, a reference or a comment; a cell of fewer than three answers is not shown.
struct StaffFeedbackPage: Page {
    static let template = Template.staffFeedback

    let layout: LayoutModel
    let staffURL: String
    let reportsURL: String
    let asked: Int
    let answered: Int
    let minimum: Int
    let questions: [String]
    let tables: [Table]

    struct Table: Encodable, Sendable {
        let id: String
        let title: String
        let dimension: String
        let rows: [Row]
    }

    struct Row: Encodable, Sendable {
        let label: String
        /// The number of answers, or « moins de 3 » when the row is suppressed: even a count of one
        /// in a small région says too much.
        let count: String
        /// « 80 % » per question, or nil when the cell is suppressed.
        let cells: [String]?
    }
}

extension StaffFeedbackPage {
    init(figures: FeedbackFigures, viewer: LayoutModel.Viewer?, demo: Bool) {
        func table(_ id: String, _ title: String, _ dimension: String, _ rows: [FeedbackFigures.Row]) -> Table {
            Table(id: id, title: title, dimension: dimension, rows: rows.map(Self.row))
        }
        self.init(
            layout: LayoutModel(title: "Retours des directeurs", section: .staff, demo: demo, viewer: viewer),
            staffURL: SiteURL.staff.path, reportsURL: SiteURL.staffSheetReports.path,
            asked: figures.asked, answered: figures.total.count, minimum: ClosingFeedbackRules.minimumCell,
            questions: FeedbackQuestion.allCases.map(\.label),
            tables: [
                table("ensemble", "Ensemble", "Demandes", [figures.total]),
                table("axes", "Par axe", "Axe", figures.byAxis),
                table("regions", "Par région", "Région", figures.byRegion),
                table("premiere-reponse", "Par délai de première réponse écrite", "Délai", figures.byFirstAnswer),
                table("cloture", "Par délai de clôture", "Délai", figures.byClosure),
            ]
        )
    }

    static func row(_ row: FeedbackFigures.Row) -> Row {
        Row(label: row.label, count: row.yesPercent == nil ? "moins de \(ClosingFeedbackRules.minimumCell)" : String(row.count),
            cells: row.yesPercent.map { shares in FeedbackQuestion.allCases.map { "\(shares[$0] ?? 0)\u{00A0}%" } })
    }

    /// The dashboard's one line: « 12 réponses sur 20 demandes closes : à temps 80 %, … », or why not.
    static func summary(_ figures: FeedbackFigures) -> String {
        let total = figures.total
        guard let shares = total.yesPercent else {
            return "\(figures.asked) demande(s) close(s) interrogée(s), moins de \(ClosingFeedbackRules.minimumCell) réponses\u{00A0}: trop peu pour des chiffres."
        }
        let parts = FeedbackQuestion.allCases.map { "\($0.shortLabel) \(shares[$0] ?? 0)\u{00A0}%" }
        return "\(total.count) réponses sur \(figures.asked) demandes closes interrogées\u{00A0}: " + parts.joined(separator: ", ") + " (part des «\u{00A0}oui\u{00A0}»)."
    }
}
