import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct OutboxMessagePage: Page {
    static let template = Template.staffOutboxMessage

    struct Attempt: Encodable, Sendable {
        let at: String
        let outcome: String
        let detail: String
    }

    let layout: LayoutModel
    let csrf: String
    let id: Int64
    let status: String
    let kind: String
    let headers: [String]
    let text: String
    /// The message holds a one-time link: its text stays hidden.
    let carriesSecret: Bool
    let attempts: [Attempt]
    let canRetry: Bool
    let retryURL: String
    let backURL: String
}
