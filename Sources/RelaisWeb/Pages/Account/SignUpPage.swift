import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct SignUpPage: Page {
    static let template = Template.signUp

    let layout: LayoutModel
    let csrf: String
    let action: String
    let name: FormField
    let email: FormField
    let notificationEmail: FormField
    let positions: [FormOption]
    let positionError: String?
    let employer: EmployerFields
    let phone: FormField
    let password: FormField
    let confirmation: FormField
    let errors: [FormErrors.ErrorLink]
    let signInURL: String
}
