import NIOConcurrencyHelpers
import NIOCore
import RelaisStore

/// Counts the commits this process makes (`CommitObservation`): a value read before the count moved
/// may be out of date.
final class CommitCount: Sendable {
    private struct State {
        var count: UInt64 = 0
        /// False once the watch failed: nothing is trusted from memory any more.
        var watching = true
    }

    private let state: NIOLockedValueBox<State>
    /// Only kept so that the observation lives as long as this object; never read.
    private let observation: CommitObservation

    init(database: AppDatabase) {
        let state = NIOLockedValueBox(State())
        self.state = state
        observation = CommitObservation(
            database: database,
            onError: { state.withLockedValue { $0.watching = false } },
            onCommit: { state.withLockedValue { $0.count &+= 1 } }
        )
    }

    /// The number of commits so far, or nil when the watch failed.
    var current: UInt64? {
        state.withLockedValue { $0.watching ? $0.count : nil }
    }
}

/// One value read from the database that does not depend on who reads it (the staff dashboard's
/// figures), kept in memory and read again when this process has committed anything since, when
/// `key` differs (the day), or after `maxAge`: a commit by another process (`relais user add` beside
/// the server) is not observable, so it is seen within `maxAge`, as `ContentGeneration` sees content.
///
/// Several staff members opening the dashboard, or one reloading it, then cost one read between two
/// changes instead of one each; any change made through Relais shows on the next view.
final class SharedRead<Key: Equatable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        let key: Key
        let value: Value
        let commits: UInt64
        let readAt: NIODeadline
    }

    private let commits: CommitCount
    private let maxAge: TimeAmount
    private let entry = NIOLockedValueBox<Entry?>(nil)

    init(commits: CommitCount, maxAge: TimeAmount = .seconds(1)) {
        self.commits = commits
        self.maxAge = maxAge
    }

    func value(key: Key, read: () async throws -> Value) async throws -> Value {
        let now = NIODeadline.now()
        // Taken before reading: a commit during the read makes the stored value stale at once.
        guard let count = commits.current else { return try await read() }
        if let kept = entry.withLockedValue({ entry in
            entry.flatMap { $0.key == key && $0.commits == count && now - $0.readAt < maxAge ? $0.value : nil }
        }) {
            return kept
        }
        let value = try await read()
        entry.withLockedValue { $0 = Entry(key: key, value: value, commits: count, readAt: now) }
        return value
    }
}
