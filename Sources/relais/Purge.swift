import ArgumentParser
import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove personal data past its retention period (run it daily, e.g. from cron).",
        discussion: """
            Deletes sessions past their limits, used or expired links, old sign-in failures, and mails \
            delivered or failed before the period; anonymises cases closed before the period (they stay \
            for the figures, without narrative, messages, notes, contact details or director).
            """
    )

    @Option(name: .customLong("older-than"), help: "Retention period: 90d, 12w, 18m or 3y (default).")
    var olderThan = "3y"

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        guard let period = RetentionPeriod(parsing: olderThan) else {
            throw fail("--older-than takes a number and a unit: 90d, 12w, 18m or 3y")
        }
        let now = Date()
        let report = try openDatabase(try database.config()).purge(
            before: now.addingTimeInterval(-period.seconds), now: now,
            sessionIdle: SessionLimits.idle, sessionAbsolute: SessionLimits.absolute
        )
        print("purged: \(report)")
    }
}
