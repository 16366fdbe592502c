import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct MyDataPage: Page {
    static let template = Template.myData

    let layout: LayoutModel
    let csrf: String
    let exportURL: String
    let deleteURL: String
    let password: FormField
    let errors: [FormErrors.ErrorLink]
}

extension MyDataPage {
    init(errors: FormErrors, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Mes données", section: .account, demo: demo, viewer: viewer),
            csrf: csrf, exportURL: SiteURL.myDataExport.path, deleteURL: SiteURL.deleteAccount.path,
            password: FormField("motdepasse", label: "Votre mot de passe, pour confirmer", type: "password",
                                error: errors["motdepasse"], autocomplete: "current-password"),
            errors: errors.summary
        )
    }
}
