import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct CasePage: Page {
    static let template = Template.caseFile

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    /// Why the last action was refused. Not named `error`: Mustache would find it from inside the
    /// form fields, whose own `error` is nil, and mark them all invalid.
    let refusal: String?
    let reference: String
    let isDirector: Bool
    let isHandler: Bool
    let isStaff: Bool
    let status: String
    let late: Bool
    let situation: String
    let axes: String
    let departement: String
    let urgency: String
    let opened: String
    let narrative: String
    // The director, for the correspondent and staff.
    let directorName: String?
    let directorPosition: String?
    let employer: String?
    let notificationEmail: String?
    let phone: String?
    let callTimes: String?
    let outside: Bool
    // The correspondent, for the director.
    let correspondentName: String?
    let correspondentPresentation: String?
    let timeline: [Line]
    let messages: [Message]
    let canWrite: Bool
    let messageAction: String
    let messageField: TextArea
    let notes: [Message]
    let noteAction: String
    let noteField: TextArea
    let actions: [ActionButton]
    let actionURL: String
    /// The case's version as this page shows it: an action sent from it after the case moved is refused.
    let version: String
    let reasonError: String?
    let correspondents: [FormOption]
    let accessHistory: [Line]
    let backURL: String
    let backLabel: String
    /// The director's deadlines, for the correspondent and staff, when the director shared them.
    var sharedDeadlines: [String] = []

    struct ActionButton: Encodable, Sendable {
        let value: String
        let label: String
        let primary: Bool
        let needsReason: Bool
        let reasonLabel: String?
        let reassign: Bool
    }

    struct Line: Encodable, Sendable {
        let when: String
        let title: String
        let detail: String?
    }

    struct Message: Encodable, Sendable {
        let author: String
        let when: String
        let body: String
        let mine: Bool
    }
}
