import Foundation
import RelaisCore
import RelaisStore

/// The expert's desk: the requests addressed to them, without anything of the cases.
struct ExpertDeskPage: Page {
    static let template = Template.expertDesk

    let layout: LayoutModel
    let name: String
    let organisation: String?
    let current: [Row]
    let past: [Row]

    struct Row: Encodable, Sendable {
        let title: String
        let url: String?
        let status: String
        let when: String
    }
}

extension ExpertDeskPage {
    init(_ user: User, expert: Expert?, referrals: [(referral: Referral, caseOpen: Bool)], now: Date, viewer: LayoutModel.Viewer?, demo: Bool) {
        var current: [Row] = [], past: [Row] = []
        for (referral, caseOpen) in referrals {
            let stage = ReferralRules.stage(referral.status, expiresAt: referral.expiresAt, caseOpen: caseOpen, now: now)
            let status = ReferralRules.effectiveStatus(referral.status, expiresAt: referral.expiresAt, caseOpen: caseOpen, now: now)
            let id = referral.id ?? 0
            let row = Row(title: "Demande d’avis n°\u{00A0}\(id)", url: stage == .none ? nil : SiteURL.referral(id).path,
                          status: stage == .conflictCheck ? "À examiner\u{00A0}: déclarez d’abord un éventuel conflit d’intérêts" : status.label,
                          when: "reçue le \(CaseDates.dateTime(referral.decidedAt ?? referral.proposedAt))"
                              + (stage != .none ? referral.expiresAt.map { ", accès jusqu’au \(CaseDates.dateTime($0))" } ?? "" : ""))
            if stage == .none { past.append(row) } else { current.append(row) }
        }
        self.init(layout: LayoutModel(title: "Mon espace expert", section: .expert, demo: demo, viewer: viewer),
                  name: expert?.name ?? user.name, organisation: expert?.organisation, current: current, past: past)
    }
}
