import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SheetListPage: Page {
    static let template = Template.staffVademecum

    let layout: LayoutModel
    let newURL: String
    let overdueCount: Int?
    /// Sheets whose latest version awaits a reviewer: the reviewers' queue, first on the page.
    let reviewQueue: [Line]
    let lines: [Line]
    /// Readers' reports waiting, beside the review reminders (the first few; the queue has them all).
    let reports: [Report]
    let reportCount: Int?
    let reportsURL: String

    struct Report: Encodable, Sendable {
        let url: String
        let title: String
        let when: String
        let status: String
    }

    struct Line: Encodable, Sendable {
        let url: String
        let title: String
        let axis: String
        let status: String
        let draft: String?
        let nextReview: String?
        let overdue: Bool
        /// « 12 oui · 3 non », from « Cette fiche vous a-t-elle aidé ? »; nil without answers.
        var helpful: String? = nil
    }

    /// How many reports the list shows before « tous les signalements ».
    static let reportsShown = 5
}

extension SheetListPage {
    /// Every sheet (`curation`), the published ones past their review date first; the sheets whose
    /// latest version awaits a reviewer again in the reviewers' queue.
    init(curation: [AppDatabase.CurationLine], reports: [AppDatabase.SheetReportLine] = [], votes: [Int64: AppDatabase.SheetVoteCount] = [:],
         today: Day, viewer: LayoutModel.Viewer?, demo: Bool) {
        let lines = curation.map { line in
            let overdue = line.sheet.status == .publiee && (line.sheet.nextReview.map { $0 < today } ?? false)
            let pending = line.latest.flatMap { latest -> String? in
                guard line.sheet.status == .publiee, latest.status == .brouillon || latest.status == .enRelecture else { return nil }
                return "nouvelle version \(latest.status.label.lowercased())"
            }
            let count = line.sheet.id.flatMap { votes[$0] }
            return Line(url: SiteURL.staffSheet(line.sheet.slug).path, title: line.sheet.title, axis: line.sheet.axis.label,
                        status: line.sheet.status.label, draft: pending, nextReview: line.sheet.nextReview?.frenchLong, overdue: overdue,
                        helpful: count.map { "\($0.helpful)\u{00A0}oui · \($0.notHelpful)\u{00A0}non" })
        }
        let overdue = lines.filter(\.overdue).count
        self.init(
            layout: LayoutModel(title: "Vademecum", section: .staff, demo: demo, viewer: viewer),
            newURL: SiteURL.staffSheet("nouvelle").path, overdueCount: overdue > 0 ? overdue : nil,
            reviewQueue: curation.filter { $0.latest?.status == .enRelecture }.map {
                Line(url: SiteURL.staffSheet($0.sheet.slug).path, title: $0.sheet.title, axis: $0.sheet.axis.label, status: $0.sheet.status.label,
                     draft: $0.latest.map { "version \($0.version), par \($0.author)" }, nextReview: nil, overdue: false)
            },
            lines: lines.sorted { ($0.overdue ? 0 : 1, $0.title) < ($1.overdue ? 0 : 1, $1.title) },
            reports: reports.prefix(Self.reportsShown).map { line in
                Report(url: SiteURL.staffSheetReports.path + "#signalement-\(line.report.id ?? 0)", title: line.sheetTitle,
                       when: CaseDates.day(line.report.at), status: line.report.status.label)
            },
            reportCount: reports.isEmpty ? nil : reports.count, reportsURL: SiteURL.staffSheetReports.path
        )
    }
}
