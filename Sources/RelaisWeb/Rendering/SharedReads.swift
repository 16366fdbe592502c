import NIOConcurrencyHelpers
import NIOCore
import RelaisStore

/// Counts the commits this process makes (`CommitObservation`), but those that only change
/// `ignoring` (or, with `tracking`, only those that change one of these tables): a value read
/// before the count moved may be out of date.
final class CommitCount: Sendable {
    private struct State {
        var count: UInt64 = 0
    }

    private let state: NIOLockedValueBox<State>
    /// Only kept so that the observation lives as long as this object; never read.
    private let observation: CommitObservation

    init(database: AppDatabase, ignoring: Set<String> = [], tracking: Set<String>? = nil) {
        let state = NIOLockedValueBox(State())
        self.state = state
        observation = CommitObservation(database: database, ignoring: ignoring, tracking: tracking) {
            state.withLockedValue { $0.count &+= 1 }
        }
    }

    /// The number of commits so far.
    var current: UInt64 {
        state.withLockedValue { $0.count }
    }
}

/// Values read from the database, kept in memory by key and read again when this process has
/// committed anything since (as `commits` counts), or after `maxAge`: a commit by another process
/// (`relais user add` beside the server) is not observable, so it is seen within `maxAge`, as
/// `ContentGeneration` sees content.
///
/// The staff dashboard's figures (the same for every staff member) and a case page's data (by case
/// and reader) then cost one read between two changes instead of one per view; anything changed
/// through Relais shows on the next view. Without `commits` and `maxAge`, a value is kept for its key
/// alone: the search index, keyed by the content generation (`MemorySearch`).
final class ReadCache<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    private struct Entry {
        let value: Value
        let commits: UInt64
        let readAt: NIODeadline
    }

    private struct State {
        var entries: [Key: Entry] = [:]
        /// Reads under way, by key, with the count they started at: requests that arrive meanwhile
        /// wait for the same read rather than each reading (64 at once when a kept value expires
        /// under load).
        var reading: [Key: (commits: UInt64, task: Task<Value, any Error>)] = [:]
    }

    private enum Found {
        case kept(Value)
        case reading(Task<Value, any Error>)
    }

    private let commits: CommitCount?
    private let maxAge: TimeAmount?
    /// Past this many entries the cache starts again empty: it holds what is read over about a
    /// second, never a copy of the database.
    private let capacity: Int
    private let state = NIOLockedValueBox(State())

    init(commits: CommitCount?, maxAge: TimeAmount? = .seconds(1), capacity: Int = 1) {
        self.commits = commits
        self.maxAge = maxAge
        self.capacity = capacity
    }

    /// The value of `key`, from memory when nothing was committed since it was read; else `read()`,
    /// kept when `keep` says so.
    func value(key: Key, read: @escaping @Sendable () async throws -> Value,
               keep: @escaping @Sendable (Value) -> Bool = { _ in true }) async throws -> Value {
        let now = NIODeadline.now()
        // Taken before reading: a commit during the read makes the stored value stale at once.
        let count = commits?.current ?? 0
        let found: Found = state.withLockedValue { state in
            if let entry = state.entries[key], entry.commits == count, maxAge.map({ now - entry.readAt < $0 }) ?? true {
                return .kept(entry.value)
            }
            if let under = state.reading[key], under.commits == count {
                return .reading(under.task)
            }
            let task = Task { try await read() }
            state.reading[key] = (count, task)
            return .reading(task)
        }
        switch found {
        case .kept(let value):
            return value
        case .reading(let task):
            let result = await task.result
            state.withLockedValue { state in
                guard let under = state.reading[key], under.task == task else { return }
                state.reading[key] = nil
                if case .success(let value) = result, keep(value) {
                    if state.entries.count >= capacity, state.entries[key] == nil { state.entries.removeAll(keepingCapacity: true) }
                    state.entries[key] = Entry(value: value, commits: count, readAt: now)
                }
            }
            return try result.get()
        }
    }
}
