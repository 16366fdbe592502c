import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// Avis requests the clock moves: the stored status follows what `ReferralRules.effectiveStatus` says
/// (expired, ended with the case), and an open request the expert has not answered brings one
/// reminder to the expert after seven days and one alert to staff after fourteen.
public struct ReferralJob: DeadlineJob {
    public static let name = "avis requests"
    public var name: String { Self.name }
    let notifier: Notifier
    let staffEmail: String?

    public func run(now: Date, in db: Database) throws -> Int {
        var count = 0
        let live = try Referral.filter([ReferralStatus.proposed, .conflictCheck, .open].map(\.rawValue).contains(Referral.Columns.status)).fetchAll(db)
        for var referral in live {
            guard let caseFile = try CaseFile.fetchOne(db, key: referral.caseId) else { continue }
            let effective = ReferralRules.effectiveStatus(referral.status, expiresAt: referral.expiresAt, caseOpen: caseFile.status.isOpen, now: now)
            if effective != referral.status {
                let expertKnew = referral.status != .proposed
                referral.status = effective
                referral.endedAt = now
                try referral.update(db)
                if expertKnew, let (expert, account) = try ReferralService.expertWithAccount(referral.expertId, in: db) {
                    try notifier.notify(.referralEnded, to: account.notificationEmail, greeting: expert.name, values: ["toExpert": true],
                                        link: .expertDesk, date: now, in: db)
                }
                count += 1
                continue
            }
            switch ReferralRules.due(openedAt: referral.openedAt, answeredAt: referral.answeredAt, remindedAt: referral.remindedAt,
                                     staffAlertedAt: referral.staffAlertedAt, now: now) {
            case .nothing:
                continue
            case .remindExpert:
                referral.remindedAt = now
                try referral.update(db)
                if let (expert, account) = try ReferralService.expertWithAccount(referral.expertId, in: db) {
                    try notifier.notify(.referralReminder, to: account.notificationEmail, greeting: expert.name, values: [:],
                                        link: .referral(referral.id!), date: now, in: db)
                }
            case .alertStaff:
                referral.staffAlertedAt = now
                if referral.remindedAt == nil { referral.remindedAt = now }
                try referral.update(db)
                if let staffEmail, let reference = caseFile.reference {
                    try notifier.notify(.referralLate, to: staffEmail, values: ["reference": reference], link: .caseFile(reference), date: now, in: db)
                }
            }
            count += 1
        }
        return count
    }
}
