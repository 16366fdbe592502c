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
