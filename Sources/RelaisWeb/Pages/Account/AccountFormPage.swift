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

extension AccountFormPage {
    /// One of the forms: its title, where it posts, its fields.
    init(title: String, action: SiteURL, fields: [FormField], errors: FormErrors, currentAddress: String? = nil, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: title, section: .account, demo: demo, viewer: viewer), csrf: csrf,
            action: action.path, accountURL: SiteURL.account.path, fields: fields, errors: errors.summary, notice: nil,
            currentAddress: currentAddress
        )
    }
}

extension AccountFormPage where Form == ProfileForm {
    /// The name and phone, as they are or as typed.
    init(name: String, phone: String, errors: FormErrors, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(title: "Mon nom et mon téléphone", action: .accountProfile, fields: [
            FormField("nom", label: "Nom et prénom", value: name, error: errors["nom"], autocomplete: "name"),
            FormField("telephone", label: "Téléphone", type: "tel", value: phone,
                      hint: "Seul votre correspondant le voit, pour vous rappeler si vous le souhaitez.",
                      error: errors["telephone"], autocomplete: "tel", required: false),
        ], errors: errors, csrf: csrf, viewer: viewer, demo: demo)
    }
}

extension AccountFormPage where Form == AddressForm {
    /// `typed`: the new address as typed; `currentAddress`: the one notices go to now.
    init(typed: String, currentAddress: String, errors: FormErrors, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(title: "Mon adresse de notification", action: .accountAddress, fields: [
            FormField("notification", label: "Nouvelle adresse de notification", type: "email", value: typed,
                      hint: "Une adresse personnelle est plus sûre qu’une adresse professionnelle que votre employeur peut lire. Nous y enverrons un lien\u{202F}: elle ne servira qu’une fois confirmée.",
                      error: errors["notification"], autocomplete: "email"),
        ], errors: errors, currentAddress: currentAddress, csrf: csrf, viewer: viewer, demo: demo)
    }
}

extension AccountFormPage where Form == PasswordForm {
    init(errors: FormErrors, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(title: "Changer mon mot de passe", action: .accountPassword, fields: [
            FormField("actuel", label: "Mot de passe actuel", type: "password", error: errors["actuel"], autocomplete: "current-password"),
            .newPassword(error: errors["motdepasse"]),
            .passwordConfirmation(error: errors["confirmation"]),
        ], errors: errors, csrf: csrf, viewer: viewer, demo: demo)
    }
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
