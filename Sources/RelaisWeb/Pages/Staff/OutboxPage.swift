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
