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
