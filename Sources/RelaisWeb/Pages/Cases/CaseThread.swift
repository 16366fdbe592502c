import RelaisCore
import RelaisStore

/// The parts of a case page that change only with the case and its reader: the messages (a thread of
/// thirty is most of the page) and the history. They are rendered once with the page's data and kept
/// with it (`AppParts.casePages`), so a page seen again before anything changed renders only the rest.
struct CaseThread: Sendable {
    let hasMessages: Bool
    let messagesHTML: String
    let timelineHTML: String

    init(_ detail: AppDatabase.CaseDetail, reader: User, role: CaseActorRole, renderer: PageRenderer) {
        let messages = CasePage.messages(detail, reader: reader, role: role)
        hasMessages = !messages.isEmpty
        messagesHTML = String(decoding: renderer.html(Messages(messages: messages)), as: UTF8.self)
        timelineHTML = String(decoding: renderer.html(Timeline(timeline: detail.events.map { CasePage.line($0, for: role) })), as: UTF8.self)
    }

    /// `demandes/fil`: the loop of messages of `demandes/demande`.
    struct Messages: Page {
        static let template = Template.caseThread
        let messages: [CasePage.Message]
    }

    /// `demandes/historique`: the loop of the history of `demandes/demande`.
    struct Timeline: Page {
        static let template = Template.caseTimeline
        let timeline: [CasePage.Line]
    }
}
