import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct OutboxPage: Page {
    static let template = Template.staffOutbox

    struct Line: Encodable, Sendable {
        let id: Int64
        let url: String
        let status: String
        let kind: String
        let recipient: String
        let subject: String
        let attempts: Int
        let createdAt: String
        let lastError: String?
    }

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    let failed: Int?
    let retryFailedURL: String
    let lines: [Line]
}

extension OutboxPage {
    /// `messages`: the latest of the outbox; `failed`: how many failed in all. `retried`: how many
    /// were just put back in the queue, as the redirection after « Renvoyer » says.
    init(messages: [OutboxMessage], failed: Int?, retried: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let labels = StaffLabels.outboxStatus
        self.init(
            layout: LayoutModel(title: "Courrier sortant", section: .staff, demo: demo, viewer: viewer),
            csrf: csrf,
            notice: retried.map { "\($0) message(s) remis dans la file d’envoi." },
            failed: failed.flatMap { $0 > 0 ? $0 : nil },
            retryFailedURL: SiteURL.staffOutboxRetryFailed.path,
            lines: messages.map {
                .init(id: $0.id ?? 0, url: SiteURL.staffOutboxMessage($0.id ?? 0).path, status: labels[$0.status] ?? $0.status.rawValue, kind: StaffLabels.mailKind($0.kind), recipient: $0.recipient,
                      subject: $0.subject, attempts: $0.attempts, createdAt: CaseDates.numeric($0.createdAt),
                      lastError: $0.status == .delivered ? nil : $0.lastError)
            }
        )
    }
}
