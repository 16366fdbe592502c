import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct StaffCorrespondentPage: Page {
    static let template = Template.staffCorrespondent

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    let name: String
    let position: String
    let account: String?
    /// Set when the account exists but cannot sign in yet (invitation not accepted).
    let pendingInvitation: Bool
    let action: String
    let invitationAction: String
    let departements: FormField
    let axes: [CheckField]
    let axesError: String?
    let capacity: FormField
    let absent: FormField
    let active: Bool
    let load: Int
    let inviteEmail: FormField
    let errors: [FormErrors.ErrorLink]
}
