import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct AccountDeletedPage: Page {
    static let template = Template.accountDeleted

    let layout: LayoutModel
    let homeURL: String
}
