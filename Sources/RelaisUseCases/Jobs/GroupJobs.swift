import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// The weekly digest of the exchange groups, for the members who chose it: on Mondays from 8:00
/// (Paris), one mail per person with something new, counting events by kind; nothing of a group's
/// content, not even its name.
public struct GroupDigestJob: DeadlineJob {
    public static let name = "group digests"
    public var name: String { Self.name }
    let notifier: Notifier

    public func run(now: Date, in db: Database) throws -> Int {
        var count = 0
        for due in try AppDatabase.pendingDigests(in: db) where GroupDigest.isDue(now: now, lastSentAt: due.lastDigestAt) {
            guard let user = try User.fetchOne(db, key: due.userId) else { continue }
            try notifier.notify(.groupDigest, to: user.notificationEmail, greeting: user.name,
                                values: ["groups": due.groups, "lines": Self.lines(due.counts)], link: .groups, date: now, in: db)
            try AppDatabase.digestSent(userId: due.userId, at: now, in: db)
            count += 1
        }
        return count
    }

    /// « 2 réunion(s) planifiée(s) », in a fixed order.
    static func lines(_ counts: [String: Int]) -> [String] {
        let words: [(MailKind, String)] = [
            (.meetingPlanned, "réunion(s) planifiée(s)"), (.actionAssigned, "action(s) qui vous sont confiée(s)"),
            (.groupJoinRequest, "demande(s) pour rejoindre une équipe dont vous êtes référent"), (.groupInvitation, "invitation(s) dans une équipe"),
            (.groupAdmission, "réponse(s) à vos demandes"), (.groupDecision, "décision(s) sur une équipe proposée ou confiée"),
        ]
        return words.compactMap { kind, label in counts[kind.rawValue].map { "\($0) \(label)" } }
    }
}
