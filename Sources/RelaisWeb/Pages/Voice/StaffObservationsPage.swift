import Foundation
import RelaisCore
import RelaisStore

/// `/equipe/remontees`: what members sent, grouped by theme (each with its count and how many wait),
/// open ones first.
struct StaffObservationsPage: Page {
    static let template = Template.staffObservations

    let layout: LayoutModel
    let themes: [Theme]
    let allURL: String
    let allCurrent: Bool
    let theme: String?
    let rows: [Line]

    struct Theme: Encodable, Sendable {
        let label: String
        let url: String
        let count: Int
        let waiting: Int?
        let current: Bool
    }

    struct Line: Encodable, Sendable {
        let title: String
        let url: String
        let meta: String
        let status: String
        let waiting: Bool
    }
}

extension StaffObservationsPage {
    init(rows: [AppDatabase.ObservationRow], counts: [ObservationTheme: (all: Int, new: Int)], theme: ObservationTheme?,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Remontées des membres", section: .staff, demo: demo, viewer: viewer),
            themes: ObservationTheme.allCases.compactMap { item in
                guard let count = counts[item] else { return nil }
                return Theme(label: item.label, url: SiteURL.staffObservations.absolute(base: "", query: [("theme", item.rawValue)]),
                             count: count.all, waiting: count.new.nonZero, current: item == theme)
            },
            allURL: SiteURL.staffObservations.path, allCurrent: theme == nil, theme: theme?.label,
            rows: rows.map { row in
                let observation = row.observation
                return Line(title: observation.title, url: SiteURL.staffObservation(observation.id ?? 0).path,
                            meta: "\(observation.theme.label) · \(observation.kind.label) · \(row.authorRole.label.lowercasedFirst) · \(Day(observation.createdAt).frenchLong)",
                            status: observation.status.label, waiting: observation.status == .new)
            }
        )
    }
}
