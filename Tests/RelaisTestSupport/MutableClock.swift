import Foundation
import NIOConcurrencyHelpers

/// A clock a test moves by hand, so time-dependent rules are tested without sleeping.
public final class MutableClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    public init(_ start: Date = TestClock.now) {
        current = NIOLockedValueBox(start)
    }

    public var now: Date { current.withLockedValue { $0 } }

    public func advance(by interval: TimeInterval) {
        current.withLockedValue { $0 = $0.addingTimeInterval(interval) }
    }

    /// For APIs that take a clock function.
    public var function: @Sendable () -> Date { { [self] in self.now } }
}
