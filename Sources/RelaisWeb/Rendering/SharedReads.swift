import NIOConcurrencyHelpers
import NIOCore
import RelaisStore

/// Counts the commits this process makes (`CommitObservation`), but those that only change
/// `ignoring`: a value read before the count moved may be out of date.
final class CommitCount: Sendable {
    private struct State {
        var count: UInt64 = 0
        /// False once the watch failed: nothing is trusted from memory any more.
        var watching = true
    }

    private let state: NIOLockedValueBox<State>
    /// Only kept so that the observation lives as long as this object; never read.
    private let observation: CommitObservation

    init(database: AppDatabase, ignoring: Set<String> = []) throws {
        let state = NIOLockedValueBox(State())
        self.state = state
        observation = try CommitObservation(
            database: database, ignoring: ignoring,
            onError: { state.withLockedValue { $0.watching = false } },
            onCommit: { state.withLockedValue { $0.count &+= 1 } }
        )
    }

    /// The number of commits so far, or nil when the watch failed.
    var current: UInt64? {
        state.withLockedValue { $0.watching ? $0.count : nil }
    }
}

/// Values read from the database, kept in memory by key and read again when this process has
/// committed anything since (as `commits` counts), or after `maxAge`: a commit by another process
/// (`relais user add` beside the server) is not observable, so it is seen within `maxAge`, as
/// `ContentGeneration` sees content.
///
/// The staff dashboard's figures (the same for every staff member) and a case page's data (by case
/// and reader) then cost one read between two changes instead of one per view; anything changed
/// through Relais shows on the next view.
final class ReadCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let commits: UInt64
        let readAt: NIODeadline
    }

    private let commits: CommitCount
    private let maxAge: TimeAmount
    /// Past this many entries the cache starts again empty: it holds what is read over about a
    /// second, never a copy of the database.
    private let capacity: Int
    private let entries = NIOLockedValueBox<[Key: Entry]>([:])

    init(commits: CommitCount, maxAge: TimeAmount = .seconds(1), capacity: Int = 1) {
        self.commits = commits
        self.maxAge = maxAge
        self.capacity = capacity
    }

    /// The value of `key`, from memory when nothing was committed since it was read; else `read()`,
    /// kept when `keep` says so.
    func value(key: Key, read: () async throws -> Value, keep: (Value) -> Bool = { _ in true }) async throws -> Value {
        let now = NIODeadline.now()
        // Taken before reading: a commit during the read makes the stored value stale at once.
        guard let count = commits.current else { return try await read() }
        if let kept = entries.withLockedValue({ entries in
            entries[key].flatMap { $0.commits == count && now - $0.readAt < maxAge ? $0.value : nil }
        }) {
            return kept
        }
        let value = try await read()
        guard keep(value) else { return value }
        entries.withLockedValue { entries in
            if entries.count >= capacity, entries[key] == nil { entries.removeAll(keepingCapacity: true) }
            entries[key] = Entry(value: value, commits: count, readAt: now)
        }
        return value
    }
}
