import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct SignInPage: Page {
    static let template = Template.signIn

    let layout: LayoutModel
    let csrf: String
    let action: String
    let email: FormField
    let password: FormField
    let returnTo: String
    let errors: [FormErrors.ErrorLink]
    let notice: String?
    let signUpURL: String
    let forgotPasswordURL: String
    let demoAccounts: [DemoAccount]
    let demoNote: String
}
