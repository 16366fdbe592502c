import ArgumentParser
import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database to a new file, online and consistent (the server may keep running).",
        discussion: """
            Uses SQLite's backup API: one consistent snapshot, whatever the server writes meanwhile. The copy \
            is checked with PRAGMA integrity_check. To restore, stop the server, replace the database file by \
            the copy (and delete any -wal and -shm files beside it), and start the server: migrations bring an \
            older copy up to date.
            """
    )

    @Option(name: .customLong("to"), help: "The new file to write (it must not exist).")
    var destination: String

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let source = try openDatabase(try database.config())
        let report: AppDatabase.BackupReport
        do {
            report = try source.backup(to: destination)
        } catch let error as DatabaseOpeningError {
            throw fail(error.description)
        }
        guard report.integrity == "ok" else { throw fail("the copy at \(destination) failed its integrity check: \(report.integrity)") }
        print("backup written to \(destination) (\(report.bytes) bytes, integrity ok)")
    }
}
