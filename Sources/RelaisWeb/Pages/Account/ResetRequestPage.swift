import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct ResetRequestPage: Page {
    static let template = Template.resetRequest

    let layout: LayoutModel
    let csrf: String
    let action: String
    let email: FormField
    let errors: [FormErrors.ErrorLink]
    let sent: Bool
}
