import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SignInCodePage: Page {
    static let template = Template.signInCode

    let layout: LayoutModel
    let csrf: String
    let action: String
    let code: FormField
    let trust: Bool
    let errors: [FormErrors.ErrorLink]
    let cancelURL: String
}
