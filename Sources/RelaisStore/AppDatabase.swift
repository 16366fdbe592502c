import Foundation
import GRDB

/// The one database of a Relais process: a `DatabasePool` on a file in production, an in-memory
/// `DatabaseQueue` in tests. It owns the schema (migrations) and the named queries and writes of
/// `Queries/`. Its connection stays inside this module: the pages read through named queries, and
/// only the use cases (`RelaisUseCases`, which import the `UseCases` SPI) open write transactions.
public struct AppDatabase: Sendable {
    /// Reads and writes. `DatabasePool` gives concurrent readers beside one writer (WAL).
    let writer: any DatabaseWriter

    var reader: any DatabaseReader { writer }

    /// Writes committed together when they arrive together (see `GroupCommit`): for the writes many
    /// people may make at the same moment, like opening a case.
    @_spi(UseCases) public let groupCommit: GroupCommit

    /// One write transaction, for a use case: everything in `updates` commits together or not at all.
    @_spi(UseCases) public func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await writer.write(updates)
    }

    /// A read, for a use case that must decide before it writes, and for tests.
    @_spi(UseCases) public func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await reader.read(value)
    }

    /// The same, blocking: for the command line and fixtures outside async code.
    @_spi(UseCases) public func writeNow<T>(_ updates: (Database) throws -> T) throws -> T {
        try writer.write(updates)
    }

    @_spi(UseCases) public func readNow<T>(_ value: (Database) throws -> T) throws -> T {
        try reader.read(value)
    }

    /// Wraps a writer and brings its schema up to date.
    public init(_ writer: any DatabaseWriter) throws {
        self.writer = writer
        groupCommit = GroupCommit(writer: writer)
        try Self.migrator.migrate(writer)
    }

    /// The connection settings every Relais database uses.
    public static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A writer waits for another instead of failing at once with SQLITE_BUSY.
        configuration.busyMode = .timeout(5)
        configuration.label = "relais"
        return configuration
    }

    /// Opens (creating it and its folder if needed) the database file at `path`, in WAL mode.
    public static func open(path: String) throws -> AppDatabase {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw DatabaseOpeningError(path: path, reason: "cannot create folder \(folder.path)")
        }
        guard FileManager.default.isWritableFile(atPath: folder.path) else {
            throw DatabaseOpeningError(path: path, reason: "folder \(folder.path) is not writable")
        }
        if FileManager.default.fileExists(atPath: path), !FileManager.default.isWritableFile(atPath: path) {
            throw DatabaseOpeningError(path: path, reason: "the file is not writable")
        }
        do {
            let pool = try DatabasePool(path: path, configuration: configuration())
            return try AppDatabase(pool)
        } catch let error as DatabaseError {
            throw DatabaseOpeningError(path: path, reason: error.message ?? "\(error.resultCode)")
        }
    }

    /// A fresh, migrated, empty in-memory database (tests and tools).
    public static func inMemory() throws -> AppDatabase {
        try AppDatabase(DatabaseQueue(configuration: configuration()))
    }

    /// Whether the seeds were never imported (no département yet).
    public func isEmpty() throws -> Bool {
        try reader.read { db in try Departement.fetchCount(db) == 0 }
    }

    /// Checks the database answers a trivial query: used by `/healthz`.
    public func ping() async throws {
        _ = try await reader.read { db in try Int.fetchOne(db, sql: "SELECT 1") }
    }
}

/// The database file could not be opened; `description` is the one line the server prints.
public struct DatabaseOpeningError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String

    public var description: String { "cannot open the database at \(path): \(reason)" }
}

extension AppDatabase {
    /// What `backup(to:)` wrote.
    public struct BackupReport: Sendable, Equatable {
        public var bytes: Int
        public var integrity: String
    }

    /// Copies the whole database to a new file at `path`, online: SQLite's backup API reads one
    /// consistent snapshot while the server keeps serving and writing. The copy is checked with
    /// `PRAGMA integrity_check` before this returns. An existing file at `path` is refused.
    public func backup(to path: String) throws -> BackupReport {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw DatabaseOpeningError(path: path, reason: "a file already exists there; choose a new name")
        }
        let destination: DatabaseQueue
        do {
            destination = try DatabaseQueue(path: path)
        } catch let error as DatabaseError {
            throw DatabaseOpeningError(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        try reader.backup(to: destination)
        let integrity = try destination.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } ?? "?"
        try destination.close()
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        return BackupReport(bytes: bytes, integrity: integrity)
    }
}
