import GRDB

/// Calls `onChange` as each transaction that changed one of `tables` commits, in this process, before
/// the write returns to its caller; `onError` says the watch failed. Watching stops when this is
/// released. Caches kept in memory in front of the database (the sessions' one) are cleared with it.
public final class TableChangeObservation: Sendable {
    private let cancellable: AnyDatabaseCancellable

    public init(database: AppDatabase, tables: [String], onError: @escaping @Sendable () -> Void, onChange: @escaping @Sendable () -> Void) {
        cancellable = DatabaseRegionObservation(tracking: tables.map { Table($0) }).start(
            in: database.writer,
            onError: { _ in onError() },
            onChange: { _ in onChange() }
        )
    }
}
