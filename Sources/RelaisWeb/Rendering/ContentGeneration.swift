import NIOConcurrencyHelpers
import NIOCore
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The database's content generation (see `PageCache`) as the page cache reads it: from memory, not
/// from the database on every request. A read costs a hop to a reader thread and back, which was a
/// quarter of the time of serving a cached page.
///
/// **Writes made by this process** are seen at once: a region observation on the `contentGeneration`
/// row runs in the writer's queue as each transaction that bumps it commits, before the write returns
/// to its caller, and stores the new value. **Writes made by another process** (`relais seed` beside a
/// live server) are not observable from here; they are seen within `recheck`, because a value older
/// than that is read again from the database by the next request.
final class ContentGeneration: Sendable {
    private struct State {
        var value: Int64
        var readAt: NIODeadline
    }

    private let database: AppDatabase
    private let recheck: TimeAmount
    private let state: NIOLockedValueBox<State>
    /// Only kept so that the observation lives as long as this object; never read.
    private let observation: ContentGenerationObservation

    init(database: AppDatabase, recheck: TimeAmount = .seconds(1)) throws {
        self.database = database
        self.recheck = recheck
        let state = NIOLockedValueBox(State(value: try database.contentGenerationNow(), readAt: .now()))
        self.state = state
        observation = ContentGenerationObservation(
            database: database,
            onError: {
                // The next request reads the database instead of trusting memory.
                state.withLockedValue { $0.readAt = .distantPast }
            },
            onChange: { value in
                state.withLockedValue { state in
                    if let value {
                        state = State(value: value, readAt: .now())
                    } else {
                        state.readAt = .distantPast
                    }
                }
            }
        )
    }

    /// The current generation: from memory when it was read or observed within `recheck`.
    func current() async throws -> Int64 {
        let now = NIODeadline.now()
        if let value = state.withLockedValue({ now - $0.readAt < recheck ? $0.value : nil }) {
            return value
        }
        let read = try await database.contentGeneration()
        return state.withLockedValue { state in
            // A commit observed meanwhile may have stored a newer value: generations only grow.
            state = State(value: max(read, state.value), readAt: now)
            return state.value
        }
    }
}
