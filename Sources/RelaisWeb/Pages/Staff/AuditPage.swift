import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct AuditPage: Page {
    static let template = Template.staffAudit

    struct Line: Encodable, Sendable {
        let at: String
        let actor: String
        let action: String
        let target: String
        let address: String
        let detail: String
    }

    let layout: LayoutModel
    let lines: [Line]
}
