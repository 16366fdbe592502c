import ArgumentParser
import Foundation
import RelaisCore
import RelaisFiles
import RelaisStore
import RelaisUseCases

struct FilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "files",
        abstract: "The case files: check them, or change the master key that wraps their keys.",
        subcommands: [RotateKey.self, Check.self]
    )

    /// The configuration, the database and the files as the server would open them.
    static func open(_ options: DatabaseOptions) throws -> (AppConfig, AppDatabase, FilesSetup.Resolved) {
        let config = try options.config()
        let database = try openDatabase(config)
        do {
            return (config, database, try FilesSetup.resolve(config: config, database: database))
        } catch let error as StartupError {
            throw fail(error.description)
        }
    }

    struct RotateKey: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rotate-key",
            abstract: "Wrap every file's key under a new master key, without rewriting any file (the server must be stopped).",
            discussion: """
                With the key file (RELAIS_FILES_KEY unset): a new key is made and replaces files.key once every file's \
                key is rewrapped, in one transaction; an interruption is finished at the next start. With \
                RELAIS_FILES_KEY: give the new key in RELAIS_FILES_NEW_KEY, then set RELAIS_FILES_KEY to it before \
                starting the server.
                """
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let (config, appDatabase, files) = try FilesCommand.open(database)
            guard let lock = FilesSetup.lock(files.vault) else {
                throw fail("the files folder \(files.vault.directory.path) is in use: stop the server first")
            }
            defer { close(lock) }
            let old = files.vault.masterKey
            let newKey: FilesMasterKey
            var pendingFile: String?
            if let keyFile = files.keyFile {
                let text = FilesMasterKey.randomText()
                guard let key = FilesMasterKey(text: text) else { throw fail("could not make a key") }
                newKey = key
                // Written first: if the rotation commits and the rename below never happens, the next
                // start finds the new key here (`FilesSetup.resolve`).
                unlink(keyFile + ".new")
                do { try FilesSetup.write(text, to: keyFile + ".new") } catch { throw fail("\(error)") }
                pendingFile = keyFile
            } else if config.filesKey != nil {
                guard let text = ProcessInfo.processInfo.environment["RELAIS_FILES_NEW_KEY"], let key = FilesMasterKey(text: text) else {
                    throw fail("RELAIS_FILES_KEY is set: give the new key (at least 32 characters) in RELAIS_FILES_NEW_KEY")
                }
                newKey = key
            } else {
                throw fail("an in-memory database has no files to rotate")
            }
            guard newKey.checkValue != old.checkValue else { throw fail("the new key is the current key") }
            let count: Int
            do {
                count = try appDatabase.rewrapFileKeys(newCheckValue: newKey.checkValue, at: Date()) { name, wrapped in
                    Data(try old.rewrap([UInt8](wrapped), storageName: name, under: newKey))
                }
            } catch {
                if let pendingFile { unlink(pendingFile + ".new") }
                throw fail("nothing changed: \(error)")
            }
            if let pendingFile {
                guard rename(pendingFile + ".new", pendingFile) == 0 else {
                    throw fail("the keys are rewrapped but \(pendingFile).new could not replace \(pendingFile); the next start will finish it")
                }
                print("master key rotated: \(count) file keys rewrapped, \(pendingFile) replaced (keep a copy of it apart from backups)")
            } else {
                print("master key rotated: \(count) file keys rewrapped; set RELAIS_FILES_KEY to the new key before starting the server")
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read every case file through its key and report those that are missing or fail their authentication."
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let (_, appDatabase, files) = try FilesCommand.open(database)
            let documents = try appDatabase.storedDocuments()
            var problems: [String] = []
            for (id, storageName, wrappedKey) in documents {
                do {
                    try files.vault.verify(storageName, wrappedKey: [UInt8](wrappedKey))
                } catch {
                    problems.append("file \(id): \(error)")
                }
            }
            let unknown = files.vault.storedNames().subtracting(documents.map(\.storageName))
            for line in problems { print(line) }
            print("\(documents.count) files checked, \(problems.count) with a problem, \(unknown.count) on disk that the database does not name (removed at the next start)")
            if !problems.isEmpty { throw ExitCode(1) }
        }
    }
}
