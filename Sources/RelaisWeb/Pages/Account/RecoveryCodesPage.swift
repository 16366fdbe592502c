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
