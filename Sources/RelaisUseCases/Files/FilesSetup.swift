import Foundation
import RelaisCore
import RelaisFiles
@_spi(UseCases) import RelaisStore

/// Where the files and their master key come from, decided once at start-up (server and commands).
///
/// The master key is `RELAIS_FILES_KEY` or, when unset, `files.key` beside the database, made at first
/// start with mode 0600 and named in the start-up log. The database keeps the key's check value: a
/// server given another key refuses to start, saying so, rather than failing on every download. A
/// rotation interrupted between its commit and the key file's replacement is finished here
/// (`files.key.new` holds the new key until then).
public enum FilesSetup {
    public struct Resolved: Sendable {
        public let vault: FileVault
        /// The key file used, nil when the key came from the environment (or the database is in memory).
        public let keyFile: String?
        /// Whether the key file was made now.
        public let createdKeyFile: Bool
    }

    /// The key of in-memory databases (tests, one-off commands), made once per process.
    static let processKey = FilesMasterKey(text: FilesMasterKey.randomText())!

    public static func keyFilePath(forDatabase databasePath: String) -> String {
        URL(fileURLWithPath: databasePath).deletingLastPathComponent().appendingPathComponent("files.key").path
    }

    public static func directory(config: AppConfig) -> URL {
        if let path = config.filesPath { return URL(fileURLWithPath: path) }
        if config.databasePath == ":memory:" {
            return URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("relais-files-\(getpid())")
        }
        return URL(fileURLWithPath: config.databasePath).deletingLastPathComponent().appendingPathComponent("files")
    }

    public static func resolve(config: AppConfig, database: AppDatabase, now: Date = Date()) throws -> Resolved {
        let directory = directory(config: config)
        var key: FilesMasterKey
        var keyFile: String?
        var created = false
        if let configured = config.filesKey {
            key = configured
        } else if config.databasePath == ":memory:" {
            // One key for the process: every in-memory database of a test run opens the same files.
            key = processKey
        } else {
            let path = keyFilePath(forDatabase: config.databasePath)
            (key, created) = try readOrCreate(path)
            keyFile = path
        }
        let stored = try database.filesKeyCheck()
        if let stored, stored != key.checkValue {
            // A rotation that committed but did not get to replace the key file.
            if let keyFile, let pending = try? String(contentsOfFile: keyFile + ".new", encoding: .utf8),
               let newKey = FilesMasterKey(text: pending), newKey.checkValue == stored, rename(keyFile + ".new", keyFile) == 0 {
                key = newKey
            } else {
                throw StartupError(config.filesKey != nil
                    ? "RELAIS_FILES_KEY is not the key the case files were encrypted with (was it rotated? see `relais files rotate-key`)"
                    : "\(keyFile ?? "the files key") is not the key the case files were encrypted with; restore the right key file")
            }
        } else if stored == nil {
            try database.setFilesKeyCheck(key.checkValue, at: now)
        }
        if let keyFile { unlink(keyFile + ".new") }
        return Resolved(vault: try vaultOrFail(directory, key), keyFile: keyFile, createdKeyFile: created)
    }

    static func vaultOrFail(_ directory: URL, _ key: FilesMasterKey) throws -> FileVault {
        do {
            return try FileVault(directory: directory, masterKey: key)
        } catch {
            throw StartupError("\(error)")
        }
    }

    /// The key in `path`, or a new key written there (O_EXCL, mode 0600).
    static func readOrCreate(_ path: String) throws -> (FilesMasterKey, Bool) {
        if FileManager.default.fileExists(atPath: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), let key = FilesMasterKey(text: text) else {
                throw StartupError("the files key \(path) is unreadable or too short; without it the case files cannot be read")
            }
            return (key, false)
        }
        let text = FilesMasterKey.randomText()
        try write(text, to: path)
        guard let key = FilesMasterKey(text: text) else { throw StartupError("could not make a files key") }
        return (key, true)
    }

    /// Writes a key file that did not exist, synced, readable by its owner only.
    public static func write(_ text: String, to path: String) throws {
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StartupError("could not create the key file \(path) (errno \(errno))") }
        defer { close(descriptor) }
        let bytes = Array((text + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else { throw StartupError("could not write the key file \(path)") }
    }

    /// Holds `files/.lock` while the server runs: a key rotation needs the server stopped.
    public static func lock(_ vault: FileVault) -> Int32? {
        let descriptor = open(vault.directory.appendingPathComponent(".lock").path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return nil }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            return nil
        }
        return descriptor
    }
}
