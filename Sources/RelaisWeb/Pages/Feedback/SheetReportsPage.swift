import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The staff's queue of readers' reports on sheets, and the « utile » figures (`equipe/signalements`).
struct SheetReportsPage: Page {
    static let template = Template.staffSheetReports

    let layout: LayoutModel
    let staffURL: String
    let vademecumURL: String
    let csrf: String
    let notice: String?
    let open: [Report]
    let handled: [Report]
    let votes: [Vote]
    let comments: [Comment]

    struct Report: Encodable, Sendable {
        let id: String
        let anchor: String
        let sheetTitle: String
        let sheetURL: String
        let editorURL: String
        let when: String
        let body: String
        let contactEmail: String?
        let status: String
        let action: String
        /// « Ouvrir un brouillon de la fiche », for a report nobody acted on yet.
        let mayDraft: Bool
        /// The draft's version, once opened.
        let draft: String?
        let handled: String?
    }

    struct Vote: Encodable, Sendable {
        let title: String
        let url: String
        let helpful: Int
        let notHelpful: Int
        let share: String
    }

    struct Comment: Encodable, Sendable {
        let title: String
        let url: String
        let when: String
        let answer: String
        let body: String
    }
}

extension SheetReportsPage {
    init(queue: AppDatabase.SheetFeedbackQueue, notice: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        func report(_ line: AppDatabase.SheetReportLine) -> Report {
            let report = line.report, id = report.id ?? 0
            return Report(
                id: String(id), anchor: "signalement-\(id)", sheetTitle: line.sheetTitle, sheetURL: SiteURL.factSheet(line.sheetSlug).path,
                editorURL: SiteURL.staffSheet(line.sheetSlug).path, when: CaseDates.dateTime(report.at), body: report.body,
                contactEmail: report.contactEmail.isEmpty ? nil : report.contactEmail, status: report.status.label,
                action: SiteURL.staffSheetReport(id).path, mayDraft: report.status == .received,
                draft: report.draftVersion.map { "version \($0)" },
                handled: report.handledAt.map { "Traité le \(CaseDates.dateTime($0))" + (report.handledBy.map { " par \($0)" } ?? "") }
            )
        }
        let votes = queue.votes.map { line in
            Vote(title: line.title, url: SiteURL.factSheet(line.slug).path, helpful: line.count.helpful, notHelpful: line.count.notHelpful,
                 share: Self.share(line.count))
        }
        self.init(
            layout: LayoutModel(title: "Signalements et avis des lecteurs", section: .staff, demo: demo, viewer: viewer),
            staffURL: SiteURL.staff.path, vademecumURL: SiteURL.staffVademecum.path, csrf: csrf, notice: notice,
            open: queue.open.map(report), handled: queue.handled.map(report), votes: votes,
            comments: queue.comments.map { item in
                Comment(title: item.title, url: SiteURL.factSheet(item.slug).path, when: CaseDates.dateTime(item.vote.at),
                        answer: item.vote.helpful ? "Oui" : "Non", body: item.vote.comment)
            }
        )
    }

    /// « 80 % » of « oui », or a dash without votes.
    static func share(_ count: AppDatabase.SheetVoteCount) -> String {
        let total = count.helpful + count.notHelpful
        return total == 0 ? "—" : "\(Int((Double(count.helpful) * 100 / Double(total)).rounded()))\u{00A0}%"
    }

    static func notice(_ code: String?) -> String? {
        switch code {
        case "traite": "Le signalement est marqué traité."
        default: nil
        }
    }
}
