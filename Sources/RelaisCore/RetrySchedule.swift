import Foundation

/// When to try a mail again after a temporary failure: exponential backoff with jitter, from about a
/// minute up to a few hours, giving up 48 hours after the message was queued.
public struct RetrySchedule: Sendable, Equatable {
    public var first: TimeInterval = 60
    public var ceiling: TimeInterval = 4 * 3600
    /// ±20 %: workers that failed together do not all come back at the same second.
    public var jitter: Double = 0.2
    public var giveUpAfter: TimeInterval = 48 * 3600

    public init() {}

    /// The wait after the `attempt`-th failed attempt (1-based); `random` in 0..<1 picks the jitter.
    public func delay(afterAttempt attempt: Int, random: Double) -> TimeInterval {
        let exponent = Double(max(0, min(attempt - 1, 30)))
        let base = min(first * pow(2, exponent), ceiling)
        return base * (1 - jitter + 2 * jitter * min(max(random, 0), 1))
    }
}
