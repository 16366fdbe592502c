import ArgumentParser
import Foundation
import RelaisCore
import RelaisFiles
import RelaisStore
import RelaisUseCases

struct Purge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Remove personal data past its retention period (run it daily, e.g. from cron).",
        discussion: """
            Deletes sessions past their limits, used or expired links, old sign-in failures, and mails \
            delivered or failed before the period; anonymises cases closed before the period (they stay \
            for the figures, without narrative, messages, notes, files, contact details or director). Case files \
            that no case names any more (left by an interrupted upload or deletion) are removed too.
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
        let config = try database.config()
        let appDatabase = try openDatabase(config)
        let files: FilesSetup.Resolved
        do {
            files = try FilesSetup.resolve(config: config, database: appDatabase)
        } catch let error as StartupError {
            throw fail(error.description)
        }
        let report = try Retention.purge(appDatabase, files: files.vault, before: now.addingTimeInterval(-period.seconds), now: now,
                                         sessionIdle: SessionLimits.idle, sessionAbsolute: SessionLimits.absolute)
        print("purged: \(report)")
    }
}
