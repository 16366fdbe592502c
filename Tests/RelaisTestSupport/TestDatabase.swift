import Foundation
import GRDB
import RelaisStore
import RelaisUseCases

/// Databases for tests: real SQLite, in memory.
public enum TestDatabase {
    /// A migrated, empty database.
    public static func empty() throws -> AppDatabase {
        try AppDatabase.inMemory()
    }

    /// The seeds are imported once per test process; each test gets its own copy of the result.
    private static let seededTemplate: Result<DatabaseQueue, any Error> = Result {
        let queue = try DatabaseQueue(configuration: AppDatabase.configuration())
        try SeedImporter(folder: TestPaths.seeds).run(into: AppDatabase(queue), now: TestClock.now)
        return queue
    }

    /// A database holding everything in `Seeds/`, private to the caller.
    public static func seeded() throws -> AppDatabase {
        let template = try seededTemplate.get()
        let copy = try DatabaseQueue(configuration: AppDatabase.configuration())
        try template.backup(to: copy)
        return try AppDatabase(copy)
    }

    /// The seeded database as a file in a new temporary folder, for tests where another process
    /// (another connection to the file) writes beside the server. Remove `folder` when done.
    public static func seededFile() throws -> (database: AppDatabase, path: String, folder: URL) {
        let folder = try TestPaths.temporaryFolder()
        let path = folder.appendingPathComponent("relais.sqlite").path
        _ = try seeded().backup(to: path)
        return (try AppDatabase.open(path: path), path, folder)
    }
}

/// The fixed moment tests run at: Sunday 22 November 2026, 10:00 in Paris.
public enum TestClock {
    public static let now = Date(timeIntervalSince1970: 1_795_338_000)
}
