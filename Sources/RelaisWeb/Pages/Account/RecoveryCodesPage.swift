import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct RecoveryCodesPage: Page {
    static let template = Template.recoveryCodes

    let layout: LayoutModel
    let codes: [String]
    let continueURL: String
}

extension RecoveryCodesPage {
    /// The recovery codes, shown once; `continueURL`: where « Continuer » leads.
    init(codes: [String], continueURL: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(layout: LayoutModel(title: "Vos codes de secours", section: .account, demo: demo, viewer: viewer), codes: codes, continueURL: continueURL)
    }
}
