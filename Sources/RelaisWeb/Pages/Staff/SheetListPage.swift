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

    struct Line: Encodable, Sendable {
        let url: String
        let title: String
        let axis: String
        let status: String
        let draft: String?
        let nextReview: String?
        let overdue: Bool
    }
}

extension SheetListPage {
    /// Every sheet (`curation`), the published ones past their review date first; the sheets whose
    /// latest version awaits a reviewer again in the reviewers' queue.
    init(curation: [AppDatabase.CurationLine], today: Day, viewer: LayoutModel.Viewer?, demo: Bool) {
        let lines = curation.map { line in
            let overdue = line.sheet.status == .publiee && (line.sheet.nextReview.map { $0 < today } ?? false)
            let pending = line.latest.flatMap { latest -> String? in
                guard line.sheet.status == .publiee, latest.status == .brouillon || latest.status == .enRelecture else { return nil }
                return "nouvelle version \(latest.status.label.lowercased())"
            }
            return Line(url: SiteURL.staffSheet(line.sheet.slug).path, title: line.sheet.title, axis: line.sheet.axis.label,
                        status: line.sheet.status.label, draft: pending, nextReview: line.sheet.nextReview?.frenchLong, overdue: overdue)
        }
        let overdue = lines.filter(\.overdue).count
        self.init(
            layout: LayoutModel(title: "Vademecum", section: .staff, demo: demo, viewer: viewer),
            newURL: SiteURL.staffSheet("nouvelle").path, overdueCount: overdue > 0 ? overdue : nil,
            reviewQueue: curation.filter { $0.latest?.status == .enRelecture }.map {
                Line(url: SiteURL.staffSheet($0.sheet.slug).path, title: $0.sheet.title, axis: $0.sheet.axis.label, status: $0.sheet.status.label,
                     draft: $0.latest.map { "version \($0.version), par \($0.author)" }, nextReview: nil, overdue: false)
            },
            lines: lines.sorted { ($0.overdue ? 0 : 1, $0.title) < ($1.overdue ? 0 : 1, $1.title) }
        )
    }
}
