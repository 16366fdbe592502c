import Foundation
import RelaisCore
import RelaisStore

/// « Avis d’un expert » on the case page: each request with its status; for the director, a proposal
/// to decide on (exactly what would be shared, and with whom) and access to revoke; for the
/// correspondent and staff, the thread with the expert.
extension CasePage {
    struct ReferralItem: Encodable, Sendable {
        let id: String
        let expert: String
        let status: String
        let question: String
        let summary: String
        let shared: [ReferralViews.Document]
        let duration: String
        let until: String?
        let conflictReason: String?
        let refusalReason: String?
        /// For the director, while it waits for their decision.
        let review: Review?
        let revokeURL: String?
        /// For the correspondent and staff, while the director has not decided.
        let withdrawURL: String?
        let messages: [ReferralViews.Message]
        let canWrite: Bool
        let messageAction: String
        let messageField: TextArea
        let messageFiles: FileField
    }

    struct Review: Encodable, Sendable {
        let action: String
        let summaryField: TextArea
        let documents: [ReferralProposalPage.CheckOption]
        let durations: [FormOption]
        let reasonField: TextArea
    }

    static func referralItems(_ details: [AppDatabase.ReferralDetail], caseFile: CaseFile, documents: [AppDatabase.DocumentRow], reader: User,
                              role: CaseActorRole, now: Date, limits: DocumentLimits) -> [ReferralItem] {
        let reference = caseFile.reference ?? ""
        let shareable = documents.map(\.document).filter { !$0.isWithdrawn && $0.messageId != nil }
        return details.map { detail in
            let referral = detail.referral, id = referral.id ?? 0
            let status = ReferralRules.effectiveStatus(referral.status, expiresAt: referral.expiresAt, caseOpen: caseFile.status.isOpen, now: now)
            let url = { (document: Int64) in SiteURL.caseDocument(reference, document).path }
            let sharedIds = Set(detail.shared.compactMap(\.id))
            let review: Review? = role == .director && status == .proposed ? Review(
                action: SiteURL.caseReferralDecision(reference, id).path,
                summaryField: TextArea("resume-\(id)", label: "Le résumé que l’expert lira (vous pouvez le modifier)", value: referral.summary,
                                       hint: nil, error: nil),
                documents: shareable.map {
                    ReferralProposalPage.CheckOption(id: "piece-\($0.id ?? 0)", value: String($0.id ?? 0),
                                                     label: "\($0.name) (\($0.kind.label), \(DocumentLimits.label(bytes: $0.size)))",
                                                     checked: sharedIds.contains($0.id ?? 0))
                },
                durations: ReferralRules.allowedDays.map { FormOption(value: String($0), label: "\($0) jours", selected: $0 == referral.durationDays) },
                reasonField: TextArea("motif-\(id)", label: "Si vous refusez, pourquoi (facultatif, lu par votre correspondant)", value: "", hint: nil, error: nil)
            ) : nil
            return ReferralItem(
                id: String(id),
                expert: "\(detail.expert.name) — \(detail.expert.field.label), \(detail.expert.organisation)",
                status: status.label, question: referral.question, summary: referral.summary,
                shared: detail.shared.map { ReferralViews.document($0, url: url) },
                duration: "\(referral.durationDays) jours", until: status.isLive ? referral.expiresAt.map { CaseDates.dateTime($0) } : nil,
                conflictReason: role != .director && !referral.conflictReason.isEmpty ? referral.conflictReason : nil,
                refusalReason: role != .director && !referral.refusalReason.isEmpty ? referral.refusalReason : nil,
                review: review,
                revokeURL: role == .director && status.isLive && status != .proposed ? SiteURL.caseReferralRevocation(reference, id).path : nil,
                withdrawURL: role != .director && status == .proposed ? SiteURL.caseReferralWithdrawal(reference, id).path : nil,
                messages: ReferralViews.messages(detail, reader: reader, forExpert: false, url: url),
                canWrite: role != .director && status == .open,
                messageAction: SiteURL.caseReferralMessage(reference, id).path,
                messageField: TextArea("avis-message-\(id)", label: "Écrire à l’expert", value: "", hint: "Lu par l’expert et par le directeur.", error: nil),
                messageFiles: FileField(for: "avis-\(id)", limits: limits, errors: [])
            )
        }
    }
}
