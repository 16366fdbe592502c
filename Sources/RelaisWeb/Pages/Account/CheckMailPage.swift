import RelaisCore

/// « Vérifiez votre messagerie », after a sign-up or a visitor's case form.
struct CheckMailPage: Page {
    static let template = Template.checkMail

    let layout: LayoutModel
    let email: String
    /// The page follows a case form: the case leaves once the address is confirmed.
    var withCase = false
}

extension CheckMailPage {
    /// `email`: where the link went.
    init(email: String, withCase: Bool = false, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(layout: LayoutModel(title: "Vérifiez votre messagerie", section: .account, demo: demo, viewer: viewer), email: email, withCase: withCase)
    }
}
