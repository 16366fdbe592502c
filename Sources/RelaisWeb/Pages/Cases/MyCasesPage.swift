import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct MyCasesPage: Page {
    static let template = Template.myCases

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    /// Why a draft could not be sent (the limits), with the open cases to carry on in.
    let refusal: String?
    let drafts: [DraftRow]
    /// « Mes échéances », when the director kept some (DeadlinesController).
    let deadlines: MyDeadlinesBlock?
    let open: [CaseRow]
    let closed: [CaseRow]
    let draftAction: String
    let accountURL: String
    let newCaseURL: String
    let parcoursURL: String

    /// A case prepared with the person's address before they signed in, shown whole before
    /// « Envoyer »: it may have been typed by someone else, and everything here leaves with it.
    struct DraftRow: Encodable, Sendable {
        let id: String
        let title: String
        let prepared: String
        let urgency: String
        let axes: String
        let departement: String
        let employer: String?
        let narrative: String
        let notificationEmail: String
        let phone: String?
        let callTimes: String?
        let outside: Bool
    }
}
