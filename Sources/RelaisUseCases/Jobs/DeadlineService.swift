import Foundation
@_spi(UseCases) import RelaisStore
import Logging
import ServiceLifecycle

/// Runs the deadline jobs (`DeadlineJobs`) every `interval` while the server runs. The jobs read the
/// injected clock, so tests call `DeadlineJobs.run` after moving it instead of waiting.
/// On SIGTERM (graceful shutdown) the wait is cancelled at once, so the server stops promptly.
public struct DeadlineService: Service {
    public let jobs: DeadlineJobs
    public let interval: Duration
    public let logger: Logger

    public init(jobs: DeadlineJobs, interval: Duration, logger: Logger) {
        self.jobs = jobs
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                do {
                    let report = try await jobs.run()
                    if report.total > 0 {
                        logger.info("deadline jobs applied", metadata: .init(uniqueKeysWithValues: report.counts.filter { $0.value > 0 }.map {
                            ($0.key, .string("\($0.value)"))
                        }))
                    }
                } catch {
                    logger.error("deadline jobs failed", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
