import ArgumentParser
import Foundation
import RelaisCore
import RelaisFiles
import RelaisStore
import RelaisUseCases

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Copy the database and the case files, online and consistent (the server may keep running).",
        discussion: """
            Uses SQLite's backup API: one consistent snapshot, whatever the server writes meanwhile. The copy \
            is checked with PRAGMA integrity_check. The case files the snapshot names are then copied, still \
            encrypted, into a folder beside it (FILE-files/); a file withdrawn or deleted during the copy is \
            dropped from the copy's database too. The master key (files.key or RELAIS_FILES_KEY) is not copied: \
            keep it apart, without it the files cannot be read. To restore, stop the server, replace the \
            database file by the copy (and delete any -wal and -shm files beside it), replace the files folder \
            by the copy's FILE-files/ folder, put back the key, and start the server: migrations bring an older \
            copy up to date.
            """
    )

    @Option(name: .customLong("to"), help: "The new file to write (it must not exist).")
    var destination: String

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let config = try database.config()
        let source = try openDatabase(config)
        let files: FilesSetup.Resolved
        do {
            files = try FilesSetup.resolve(config: config, database: source)
        } catch let error as StartupError {
            throw fail(error.description)
        }
        let folder = URL(fileURLWithPath: destination + "-files")
        guard !FileManager.default.fileExists(atPath: folder.path) else { throw fail("\(folder.path) already exists; choose a new name") }
        let report: AppDatabase.BackupReport
        do {
            report = try source.backup(to: destination)
        } catch let error as DatabaseOpeningError {
            throw fail(error.description)
        }
        guard report.integrity == "ok" else { throw fail("the copy at \(destination) failed its integrity check: \(report.integrity)") }
        // The files the snapshot names: files are never changed once written, so copying them after
        // the snapshot gives the same bytes; one deleted since is forgotten by the copy.
        let copy = try openDatabase(AppConfig(databasePath: destination))
        var copied = 0, gone: [String] = []
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            for (_, storageName, _) in try copy.storedDocuments() {
                guard FileManager.default.fileExists(atPath: files.vault.path(of: storageName).path) else {
                    gone.append(storageName)
                    continue
                }
                try files.vault.copy(storageName, into: folder)
                copied += 1
            }
            try copy.forgetDocuments(storageNames: gone)
        } catch {
            throw fail("the database is copied to \(destination) but its files could not be: \(error)")
        }
        print("backup written to \(destination) (\(report.bytes) bytes, integrity ok) and \(folder.path) (\(copied) case files, encrypted)")
        if !gone.isEmpty { print("\(gone.count) files deleted during the backup are left out of it") }
        print("the files' master key is not in the backup: \(files.keyFile ?? "RELAIS_FILES_KEY") must be kept apart")
    }
}
