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

extension AuditPage {
    init(events: [AuditEvent], viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Journal d’audit", section: .staff, demo: demo, viewer: viewer),
            lines: events.map {
                .init(at: CaseDates.numeric($0.at), actor: $0.actorEmail, action: StaffLabels.auditAction($0.action), target: $0.target, address: $0.address, detail: $0.detail)
            }
        )
    }
}
