import HTTPTypes
import Hummingbird
import NIOConcurrencyHelpers
import RelaisCore
import RelaisUseCases

/// Rendered pages that do not depend on the visitor, kept in memory and keyed by path (and query).
///
/// **Invalidation.** A page is served from the cache only if it was rendered under the same
/// *epoch*: the database's content generation (a counter that triggers of migration `v7-search`
/// bump on every write to a table public pages show) and the Paris day (ateliers "à venir" and
/// absences end with the day). Triggers bump the counter, so no write path has to remember to; the
/// server reads it through `ContentGeneration`, which sees its own writes at once and those of other
/// processes (`relais seed` beside a live server) within a second. A page rendered while the data
/// change is stored under the epoch read
/// *before* rendering, so it can only be newer than its key, never older.
///
/// **Bounds.** At most `maxEntries` pages and `maxBytes` of bodies; the least recently used pages go
/// first. A new epoch empties the cache at the first page stored under it.
final class PageCache: Sendable {
    struct Epoch: Equatable, Sendable {
        let generation: Int64
        let day: Day
    }

    struct Page: Sendable {
        let headers: HTTPFields
        let body: ByteBuffer
    }

    private struct Entry {
        let page: Page
        var lastUse: UInt64
    }

    private struct State {
        var epoch: Epoch?
        var entries: [String: Entry] = [:]
        var bytes = 0
        var clock: UInt64 = 0
        var hits = 0
        var misses = 0
    }

    let maxEntries: Int
    let maxBytes: Int
    /// A larger page is never stored.
    let maxPageBytes: Int
    private let state = NIOLockedValueBox(State())

    init(maxEntries: Int = 1_000, maxBytes: Int = 32 << 20, maxPageBytes: Int = 1 << 20) {
        self.maxEntries = maxEntries
        self.maxBytes = maxBytes
        self.maxPageBytes = maxPageBytes
    }

    /// The page stored for `key` under `epoch`, if any.
    func page(for key: String, epoch: Epoch) -> Page? {
        state.withLockedValue { state in
            guard state.epoch == epoch, var entry = state.entries[key] else {
                state.misses += 1
                return nil
            }
            state.hits += 1
            state.clock += 1
            entry.lastUse = state.clock
            state.entries[key] = entry
            return entry.page
        }
    }

    /// Stores `page` for `key` as rendered under `epoch`.
    func store(_ page: Page, for key: String, epoch: Epoch) {
        let size = page.body.readableBytes + key.utf8.count
        guard size <= maxPageBytes else { return }
        state.withLockedValue { state in
            if state.epoch != epoch {
                state.entries.removeAll(keepingCapacity: true)
                state.bytes = 0
                state.epoch = epoch
            }
            if let old = state.entries[key] {
                state.bytes -= old.page.body.readableBytes + key.utf8.count
            }
            state.clock += 1
            state.entries[key] = Entry(page: page, lastUse: state.clock)
            state.bytes += size
            while state.entries.count > maxEntries || state.bytes > maxBytes,
                  let oldest = state.entries.min(by: { $0.value.lastUse < $1.value.lastUse }) {
                state.entries[oldest.key] = nil
                state.bytes -= oldest.value.page.body.readableBytes + oldest.key.utf8.count
            }
        }
    }

    /// Counts for tests and logs.
    var statistics: (entries: Int, bytes: Int, hits: Int, misses: Int) {
        state.withLockedValue { ($0.entries.count, $0.bytes, $0.hits, $0.misses) }
    }
}
