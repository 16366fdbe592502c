import Foundation
import GRDB
import RelaisCore
import RelaisStore

/// What the deadline service does for the director's own deadlines (issue 14).
extension CaseService {
    /// Reminds directors 14, 7 and 2 days before their recourse and indemnity deadlines, through the
    /// outbox, in the deadline run's transaction. The mail says nothing of the date, the kind or the
    /// case: only that something they saved is near. `recordReminder` refuses a second row for the same
    /// step, so a reminder is never queued twice.
    public func remindDirectorsOfDeadlines(now: Date, in db: Database) throws -> Int {
        let today = Day(now)
        var sent = 0
        for candidate in try AppDatabase.reminderCandidates(today: today, in: db) {
            guard let offset = candidate.deadline.reminderDue(today: today, alreadySent: candidate.sent),
                  try AppDatabase.recordReminder(deadlineId: candidate.deadlineId, daysBefore: offset, now: now, in: db) else { continue }
            try workflow.notifier.queueCaseNotice(
                kind: "rappel-echeance", to: candidate.address, subject: "Relais\u{00A0}: un rappel vous attend", greeting: nil,
                paragraphs: ["Une échéance que vous avez enregistrée dans Relais approche. Connectez-vous pour la consulter."],
                link: workflow.baseURL + SiteURL.myCases.path, linkLabel: "Mes demandes", date: now, in: db
            )
            sent += 1
        }
        return sent
    }

    /// A case whose director shared a recourse deadline ten days away or less cannot wait the ordinary
    /// acceptance delay: it is escalated after the shorter one.
    public func escalateStatutorilyUrgent(now: Date, in db: Database) throws -> Int {
        var escalated = 0
        let cutoff = now.addingTimeInterval(-deadlines.urgentAcceptance)
        for var caseFile in try AppDatabase.statutorilyUrgentCasesToEscalate(before: cutoff, today: Day(now), in: db) {
            try workflow.escalate(&caseFile, now: now, in: db)
            escalated += 1
        }
        return escalated
    }
}
