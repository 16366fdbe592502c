import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// A rule applied by the clock rather than by a person: each job finds what is due at `now` and acts
/// on it inside the run's transaction, with the events and mails it implies. `DeadlineJobs` runs them
/// all, once a minute while the server runs (`DeadlineService`), or when a test moves the clock.
public protocol DeadlineJob: Sendable {
    /// A short English name for the log.
    var name: String { get }
    /// Applies the rule once; returns how many things it touched.
    func run(now: Date, in db: Database) throws -> Int
}

/// The jobs of Relais, run in one write transaction so that a crash leaves none half applied.
public struct DeadlineJobs: Sendable {
    public let database: AppDatabase
    public let jobs: [any DeadlineJob]
    public let clock: @Sendable () -> Date

    public init(database: AppDatabase, jobs: [any DeadlineJob], clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.jobs = jobs
        self.clock = clock
    }

    /// The standard set: late cases, statutory urgency, the director's own deadlines, waiting cases,
    /// atelier reminders, past ateliers, sheets due for review, unconfirmed drafts.
    public static func standard(database: AppDatabase, workflow: CaseWorkflow, deadlines: CaseDeadlines,
                                clock: @escaping @Sendable () -> Date) -> DeadlineJobs {
        DeadlineJobs(database: database, jobs: [
            LateCaseJob(workflow: workflow, deadlines: deadlines),
            UrgentCaseJob(workflow: workflow, deadlines: deadlines),
            DirectorDeadlineReminderJob(notifier: workflow.notifier),
            WaitingReminderJob(workflow: workflow, deadlines: deadlines),
            AtelierWaitingListJob(ateliers: AtelierService(database: database, notifier: workflow.notifier, clock: clock)),
            AtelierReminderJob(notifier: workflow.notifier),
            AtelierArchiveJob(),
            ReviewReminderJob(notifier: workflow.notifier, staffEmail: workflow.staffEmail),
            DraftCleanupJob(),
            ReferralJob(notifier: workflow.notifier, staffEmail: workflow.staffEmail),
            GroupDigestJob(notifier: workflow.notifier),
        ], clock: clock)
    }

    /// What one run did, by job name.
    public struct Report: Sendable, Equatable {
        public var counts: [String: Int]

        public subscript(_ name: String) -> Int { counts[name] ?? 0 }
        /// Cases flagged late, by the ordinary delay or the statutory one.
        public var escalated: Int { self[LateCaseJob.name] + self[UrgentCaseJob.name] }
        public var reminded: Int { self[WaitingReminderJob.name] }
        public var erased: Int { self[DraftCleanupJob.name] }
        public var total: Int { counts.values.reduce(0, +) }
    }

    /// Runs every job once at the clock's time.
    @discardableResult
    public func run() async throws -> Report {
        let now = clock()
        let jobs = self.jobs
        return try await database.write { db in
            var counts: [String: Int] = [:]
            for job in jobs { counts[job.name, default: 0] += try job.run(now: now, in: db) }
            return Report(counts: counts)
        }
    }
}
