import NIOConcurrencyHelpers
import NIOCore
import RelaisCore
import RelaisStore

/// Sessions as they were last read, so that a signed-in person's request checks its session from
/// memory instead of hopping to a reader thread and back on every request.
///
/// **Changes made by this process** (sign-out, « déconnecter mes autres appareils », a password or
/// role change, an account deleted) clear the cache as their transaction commits, before the write
/// returns: the next request reads the database. **Changes made by another process** (`relais user`
/// beside a live server) are seen within `freshness`, because an entry older than that is read again.
/// So a revoked session stops working within one second in every case.
final class SessionCache: Sendable {
    private struct Entry {
        let session: Session
        let user: User?
        let readAt: NIODeadline
    }

    /// How long a read session is trusted without reading the database again.
    static let freshness = TimeAmount.seconds(1)
    /// At most this many sessions are kept; past it, the cache starts again empty.
    static let capacity = 10_000

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    /// Only kept so that the observation lives as long as this object; never read.
    private let observation: TableChangeObservation

    init(database: AppDatabase) {
        let entries = self.entries
        observation = TableChangeObservation(
            database: database, tables: ["session", "user"],
            onError: { entries.withLockedValue { $0.removeAll() } },
            onChange: { entries.withLockedValue { $0.removeAll() } }
        )
    }

    /// The session and its user, when read less than `freshness` ago.
    func fresh(_ idHash: String) -> (Session, User?)? {
        let now = NIODeadline.now()
        return entries.withLockedValue { entries in
            guard let entry = entries[idHash], now - entry.readAt < Self.freshness else { return nil }
            return (entry.session, entry.user)
        }
    }

    /// Keeps what was just read; `readAt` is taken before the read, so that a change committed during
    /// it cannot be hidden for longer than `freshness`.
    func store(_ idHash: String, session: Session, user: User?, readAt: NIODeadline) {
        entries.withLockedValue { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[idHash] = Entry(session: session, user: user, readAt: readAt)
        }
    }
}
