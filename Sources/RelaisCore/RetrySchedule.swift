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

/// A retention period typed by an operator: `90d`, `12w`, `18m` (months of 30 days), `3y` (years of 365).
public struct RetentionPeriod: Sendable, Equatable {
    public let seconds: TimeInterval

    public init?(parsing text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let unit = trimmed.last, let count = Int(trimmed.dropLast()), count > 0, count <= 100_000 else { return nil }
        let day: TimeInterval = 86_400
        switch unit {
        case "d": seconds = Double(count) * day
        case "w": seconds = Double(count) * 7 * day
        case "m": seconds = Double(count) * 30 * day
        case "y": seconds = Double(count) * 365 * day
        default: return nil
        }
    }
}
