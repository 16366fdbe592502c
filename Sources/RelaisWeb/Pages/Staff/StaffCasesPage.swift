import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct StaffCasesPage: Page {
    static let template = Template.staffCases

    let layout: LayoutModel
    let statuses: [FormOption]
    let axes: [FormOption]
    let regions: [FormOption]
    let lateOnly: Bool
    let cases: [CaseRow]
    let count: Int
    let pagination: Pagination?
    let exportURL: String
}

extension StaffCasesPage {
    /// Page `pageNumber` of the cases matching the filters (`status`, `axis`, `region`, `lateOnly`);
    /// `hasMore`: another page follows. `recourse`: the recourse deadlines directors shared on them.
    init(summaries: [AppDatabase.CaseSummary], hasMore: Bool, pageNumber: Int, status: CaseStatus?, axis: Axis?, region: String?, lateOnly: Bool,
         regions: [Region], recourse: [Int64: Day], now: Date, viewer: LayoutModel.Viewer?, demo: Bool) {
        var filters: [(String, String)] = []
        if let status { filters.append(("statut", status.rawValue)) }
        if let axis { filters.append(("axe", axis.rawValue)) }
        if let region { filters.append(("region", region)) }
        if lateOnly { filters.append(("retard", "oui")) }
        self.init(
            layout: LayoutModel(title: "Demandes", section: .staff, demo: demo, viewer: viewer),
            statuses: CaseStatus.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == status) },
            axes: Axis.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == axis) },
            regions: regions.map { FormOption(value: $0.code, label: $0.name, selected: $0.code == region) },
            lateOnly: lateOnly,
            cases: summaries.map { summary in
                CaseRow(
                    summary, status: CaseRow.handlerStatus(summary) + (summary.assigneeFirstName.map { " · \($0)" } ?? ""),
                    opened: CaseRow.openedAgo(summary, now: now) + " · département \(summary.departementCode)",
                    late: summary.escalated && summary.status.isOpen, now: now
                ).flagged(recourse: recourse[summary.id], today: Day(now))
            },
            count: summaries.count,
            pagination: Pagination(page: pageNumber, hasNext: hasMore) { SiteURL.staffCases.absolute(base: "", query: filters + [("page", String($0))]) },
            exportURL: SiteURL.staffCaseExport.path
        )
    }
}
