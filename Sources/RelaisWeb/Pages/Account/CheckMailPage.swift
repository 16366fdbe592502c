import RelaisCore

/// « Vérifiez votre messagerie », after a sign-up or a visitor's case form.
struct CheckMailPage: Page {
    static let template = Template.checkMail

    let layout: LayoutModel
    let email: String
    /// The page follows a case form: the case leaves once the address is confirmed.
    var withCase = false
}
