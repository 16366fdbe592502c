import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// A case nobody accepted within the acceptance delay is flagged and staff are alerted.
public struct LateCaseJob: DeadlineJob {
    public static let name = "late cases"
    public var name: String { Self.name }
    let workflow: CaseWorkflow
    let deadlines: CaseDeadlines

    public func run(now: Date, in db: Database) throws -> Int {
        var count = 0
        for var caseFile in try AppDatabase.casesToEscalate(before: now.addingTimeInterval(-deadlines.acceptance), in: db) {
            try workflow.escalate(&caseFile, now: now, in: db)
            count += 1
        }
        return count
    }
}

/// A case whose director shared a recourse deadline ten days away or less cannot wait the ordinary
/// acceptance delay: it is escalated after the shorter one.
public struct UrgentCaseJob: DeadlineJob {
    public static let name = "statutorily urgent cases"
    public var name: String { Self.name }
    let workflow: CaseWorkflow
    let deadlines: CaseDeadlines

    public func run(now: Date, in db: Database) throws -> Int {
        var count = 0
        let cutoff = now.addingTimeInterval(-deadlines.urgentAcceptance)
        for var caseFile in try AppDatabase.statutorilyUrgentCasesToEscalate(before: cutoff, today: Day(now), in: db) {
            try workflow.escalate(&caseFile, now: now, in: db)
            count += 1
        }
        return count
    }
}

/// A director who keeps their correspondent waiting gets one reminder.
public struct WaitingReminderJob: DeadlineJob {
    public static let name = "waiting reminders"
    public var name: String { Self.name }
    let workflow: CaseWorkflow
    let deadlines: CaseDeadlines

    public func run(now: Date, in db: Database) throws -> Int {
        var count = 0
        for var caseFile in try AppDatabase.casesToRemind(before: now.addingTimeInterval(-deadlines.waitingReminder), in: db) {
            try workflow.remind(&caseFile, now: now, in: db)
            count += 1
        }
        return count
    }
}

/// Reminds directors 14, 7 and 2 days before their recourse and indemnity deadlines. The mail says
/// nothing of the date, the kind or the case: only that something they saved is near.
/// `recordReminder` refuses a second row for the same step, so a reminder is never queued twice.
public struct DirectorDeadlineReminderJob: DeadlineJob {
    public static let name = "director deadline reminders"
    public var name: String { Self.name }
    let notifier: Notifier

    public func run(now: Date, in db: Database) throws -> Int {
        let today = Day(now)
        var sent = 0
        for candidate in try AppDatabase.reminderCandidates(today: today, in: db) {
            guard let offset = candidate.deadline.reminderDue(today: today, alreadySent: candidate.sent),
                  try AppDatabase.recordReminder(deadlineId: candidate.deadlineId, daysBefore: offset, now: now, in: db) else { continue }
            try notifier.notify(.deadlineReminder, to: candidate.address, link: .myCases, date: now, in: db)
            sent += 1
        }
        return sent
    }
}

/// A case typed by someone who never confirmed it is erased after `pendingLifetime`.
public struct DraftCleanupJob: DeadlineJob {
    public static let name = "unconfirmed drafts"
    /// A case typed by someone who has not confirmed it yet is kept this long, then erased.
    public static let pendingLifetime: TimeInterval = 7 * 24 * 3600
    public var name: String { Self.name }

    public func run(now: Date, in db: Database) throws -> Int {
        try AppDatabase.eraseUnconfirmedCases(createdBefore: now.addingTimeInterval(-Self.pendingLifetime), in: db)
    }
}
