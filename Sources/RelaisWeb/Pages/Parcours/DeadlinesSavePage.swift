import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct DeadlinesSavePage: Page {
    static let template = Template.saveDeadlines

    struct Row: Encodable, Sendable {
        let label: String
        let date: String
        let iso: String
        let kind: String
    }

    let layout: LayoutModel
    let csrf: String
    let action: String
    let rows: [Row]
    let backURL: String
}

extension DeadlinesSavePage {
    /// The page's own address: the situation's and the answers', which give the dates.
    static func address(slug: String, answers: ParcoursAnswers) -> String {
        let query = answers.queryString
        return SiteURL.situationDeadlinesSave(slug).path + (query.isEmpty ? "" : "?" + query)
    }

    /// What will be kept: `deadlines`, computed from `answers` for the situation `slug`.
    init(slug: String, answers: ParcoursAnswers, deadlines: [DirectorDeadline], csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let query = answers.queryString
        self.init(
            layout: LayoutModel(title: "Enregistrer mes échéances", section: .account, demo: demo, viewer: viewer),
            csrf: csrf, action: Self.address(slug: slug, answers: answers),
            rows: deadlines.map { .init(label: $0.kind.label, date: $0.day.frenchLong, iso: $0.day.iso, kind: $0.kind.rawValue) },
            backURL: SiteURL.situation(slug).path + (query.isEmpty ? "" : "?" + query)
        )
    }
}
