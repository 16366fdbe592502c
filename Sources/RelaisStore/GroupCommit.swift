import Foundation
import GRDB

/// Commits concurrent writes together: one transaction, hence one `fsync` of the WAL, for every write
/// that arrived while the previous commit was on its way to the disk.
///
/// SQLite's default `synchronous = FULL` makes each commit wait for the disk (about 4 ms on the
/// machine of `bench/`), which alone held case openings under 230 per second whatever the CPU did.
/// Relaxing it to `NORMAL` would let a power cut lose commits already answered — and the mails they
/// queued may already have gone out, telling a director about a case that no longer exists. Grouping
/// keeps every answered write on disk and pays the wait once per group.
///
/// Each write runs in its own savepoint inside the group's transaction, so it stays atomic and a
/// write that throws undoes only itself; its caller gets the error at once. Callers whose write
/// succeeded are answered only once the whole transaction has committed. If the commit itself fails,
/// every write of the group gets that error and none of them is stored.
public final class GroupCommit: Sendable {
    /// One write waiting for its group: runs its body in a savepoint and returns what to tell its
    /// caller once the transaction is over (nil when it threw and was answered already).
    private typealias Pending = @Sendable (Database) -> (@Sendable (Result<Void, any Error>) -> Void)?

    private struct State {
        var queue: [Pending] = []
        var draining = false
    }

    private let writer: any DatabaseWriter
    /// At most this many writes in one transaction, so a long queue does not make a huge one.
    private let maxGroup: Int
    private let state = LockedState(State())

    public init(writer: any DatabaseWriter, maxGroup: Int = 64) {
        self.writer = writer
        self.maxGroup = maxGroup
    }

    /// Runs `body` in the next group and returns its result once it is committed.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let pending: Pending = { db in
                do {
                    let box = ResultBox<T>()
                    try db.inSavepoint {
                        box.value = try body(db)
                        return .commit
                    }
                    let value = box.value!
                    return { outcome in continuation.resume(with: outcome.map { value }) }
                } catch {
                    continuation.resume(throwing: error)
                    return nil
                }
            }
            let startDrain = state.withLock { state -> Bool in
                state.queue.append(pending)
                defer { state.draining = true }
                return !state.draining
            }
            if startDrain {
                Task { await self.drain() }
            }
        }
    }

    /// Commits groups until the queue is empty.
    private func drain() async {
        while true {
            let group: [Pending] = state.withLock { state in
                let group = Array(state.queue.prefix(maxGroup))
                state.queue.removeFirst(group.count)
                if group.isEmpty { state.draining = false }
                return group
            }
            if group.isEmpty { return }
            let answers = AnswerList()
            let outcome: Result<Void, any Error>
            do {
                try await writer.write { db in
                    answers.items = group.compactMap { $0(db) }
                }
                outcome = .success(())
            } catch {
                outcome = .failure(error)
            }
            for answer in answers.items { answer(outcome) }
        }
    }
}

/// A value set inside a database closure and read after it, on the same task.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

private final class AnswerList: @unchecked Sendable {
    var items: [@Sendable (Result<Void, any Error>) -> Void] = []
}

/// A value behind a lock (Foundation's, so this target needs nothing more).
final class LockedState<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
