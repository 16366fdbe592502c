import Foundation
import RelaisStore
import Logging
import ServiceLifecycle

/// Runs the case deadlines (`CaseService.runDeadlines`) every `interval` while the server runs.
/// The rules read the injected clock, so tests call `runDeadlines` after moving it instead of waiting.
/// On SIGTERM (graceful shutdown) the wait is cancelled at once, so the server stops promptly.
public struct CaseDeadlineService: Service {
    public let cases: CaseService
    public let interval: Duration
    public let logger: Logger

    public init(cases: CaseService, interval: Duration, logger: Logger) {
        self.cases = cases
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled, !Task.isShuttingDownGracefully {
                do {
                    let result = try await cases.runDeadlines()
                    if result.escalated + result.reminded + result.erased > 0 {
                        logger.info("case deadlines applied", metadata: [
                            "late": "\(result.escalated)", "reminded": "\(result.reminded)", "erasedDrafts": "\(result.erased)",
                        ])
                    }
                } catch {
                    logger.error("case deadlines failed", metadata: ["error": "\(error)"])
                }
                try await Task.sleep(for: interval)
            }
        }
    }
}
