import Foundation
import NIOPosix
#if canImport(Glibc)
import Glibc
#endif

/// Where the work of receiving files runs: MultipartKit's parser, the encryption, the writes and the
/// `fsync`s. One thread of its own, at a lower scheduling priority (nice 10), so that fifty uploads
/// arriving together wait for each other instead of for the threads that answer every other request:
/// the uploads benchmark measured `/livez` falling to 4 % of its idle rate when they ran there.
final class UploadWorker: Sendable {
    private let pool: NIOThreadPool

    init() {
        pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
    }

    /// Runs `body` on the worker's thread.
    func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await pool.runIfActive {
            Self.lowerPriority()
            return try body()
        }
    }

    /// The calling thread's niceness raised once (Linux schedules threads one by one).
    private static func lowerPriority() {
        struct Once { nonisolated(unsafe) static var done = false }
        guard !Once.done else { return }
        Once.done = true
        // The thread's id: `/proc/thread-self` points to `<pid>/task/<tid>` (gettid needs _GNU_SOURCE).
        guard let link = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/thread-self"),
              let tid = link.split(separator: "/").last.flatMap({ id_t($0) }) else { return }
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), tid, 10)
    }
}
