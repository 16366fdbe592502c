import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct AccountsPage: Page {
    static let template = Template.staffAccounts

    struct Row: Encodable, Sendable {
        let name: String
        let email: String
        let role: String
        let secondFactor: String
        /// Where the reset form posts; nil without a second factor to reset.
        let resetURL: String?
    }

    let layout: LayoutModel
    let csrf: String
    let query: String
    let notice: String?
    let rows: [Row]
    let count: Int
}
