import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

/// The three forms of `/compte` that edit one thing (name and phone, address, password): one model,
/// each with its own template, named by `Form`.
struct AccountFormPage<Form: AccountForm>: Page {
    static var template: Template { Form.template }

    let layout: LayoutModel
    let csrf: String
    let action: String
    let accountURL: String
    let fields: [FormField]
    let errors: [FormErrors.ErrorLink]
    /// Shown above the form (the address change waiting for its confirmation).
    let notice: String?
    let currentAddress: String?
}

/// Which of the account's forms an `AccountFormPage` is.
protocol AccountForm: Sendable {
    static var template: Template { get }
}

enum ProfileForm: AccountForm {
    static let template = Template.accountProfile
}

enum AddressForm: AccountForm {
    static let template = Template.accountAddress
}

enum PasswordForm: AccountForm {
    static let template = Template.accountPassword
}
