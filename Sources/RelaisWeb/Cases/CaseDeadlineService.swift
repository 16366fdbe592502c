import Foundation
import Logging
import ServiceLifecycle

/// Runs the case deadlines (`CaseService.runDeadlines`) every `interval` while the server runs.
/// The rules read the injected clock, so tests call `runDeadlines` after moving it instead of waiting.
/// On SIGTERM (graceful shutdown) the wait is cancelled at once, so the server stops promptly.
struct CaseDeadlineService: Service {
    let cases: CaseService
    let interval: Duration
    let logger: Logger

    func run() async throws {
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
