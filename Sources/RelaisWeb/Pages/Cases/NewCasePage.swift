import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct NewCasePage: Page {
    static let template = Template.newCase

    let layout: LayoutModel
    let csrf: String
    let action: String
    let token: String
    let signedIn: Bool
    let signInURL: String
    let situations: [FormOption]
    let situationError: String?
    let axes: [CheckField]
    let axesError: String?
    let employer: EmployerFields
    let narrative: TextArea
    let urgencies: [FormOption]
    let urgencyError: String?
    let notificationEmail: FormField
    let phone: FormField
    let callTimes: FormField
    let outside: CheckField
    // The account, for a visitor.
    let name: FormField
    let email: FormField
    let positions: [FormOption]
    let positionError: String?
    let password: FormField
    let confirmation: FormField
    let errors: [FormErrors.ErrorLink]
    /// The director is past their case limits: why, and their open cases to carry on in.
    var caseLimit: LimitNotice? = nil

    struct LimitNotice: Encodable, Sendable {
        struct CaseLink: Encodable, Sendable {
            let reference: String
            let url: String
        }

        let message: String
        let openCases: [CaseLink]
    }
}
