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

extension OutboxMessagePage {
    /// The message `id` as it was (or will be) sent, read from its raw text, with its delivery `attempts`.
    init(id: Int64, message: OutboxMessage, attempts: [OutboxAttempt], csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let reader = MIMEReader(message.raw)
        self.init(
            layout: LayoutModel(title: "Message \(id)", section: .staff, demo: demo, viewer: viewer),
            csrf: csrf, id: id, status: StaffLabels.outboxStatus[message.status] ?? message.status.rawValue, kind: message.kind,
            headers: ["From", "To", "Subject", "Date", "Message-ID"].compactMap { name in reader.decodedHeader(name).map { "\(name): \($0)" } },
            // A one-time link is never shown: it would let staff open someone else's account.
            text: message.carriesSecret ? "" : reader.part("text/plain") ?? message.raw,
            carriesSecret: message.carriesSecret,
            attempts: attempts.map {
                .init(at: CaseDates.numeric($0.startedAt), outcome: $0.outcome, detail: $0.detail)
            },
            canRetry: message.status == .failed || message.status == .pending,
            retryURL: SiteURL.staffOutboxRetry(id).path, backURL: SiteURL.staffOutbox.path
        )
    }
}
