import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct AccountDeletedPage: Page {
    static let template = Template.accountDeleted

    let layout: LayoutModel
    let homeURL: String
}

extension AccountDeletedPage {
    /// Shown once the account and its session are gone: the layout has nobody signed in.
    init(demo: Bool) {
        self.init(layout: LayoutModel(title: "Compte supprimé", section: .account, demo: demo), homeURL: SiteURL.home.path)
    }
}
