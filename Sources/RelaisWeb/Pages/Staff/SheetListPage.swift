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
