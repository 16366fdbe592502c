import RelaisCore
import RelaisStore

/// The French words staff read for the machine names stored with mails and audit lines: the pages
/// never show « case-closed » or « fiche_publiee ». The words of mail kinds and audit actions are
/// the domain's (`MailKind.label`, `AuditAction.label`).
enum StaffLabels {
    static let outboxStatus: [OutboxMessage.Status: String] = [.pending: "en attente", .sending: "en cours", .delivered: "remis", .failed: "en échec"]

    static func mailKind(_ kind: String) -> String { MailKind.label(of: kind) }

    static func auditAction(_ action: String) -> String { AuditAction.label(of: action) }
}
