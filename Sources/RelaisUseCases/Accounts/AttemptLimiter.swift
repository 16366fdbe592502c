import Foundation
import RelaisCore
@_spi(UseCases) import RelaisStore

/// Counts the attempts of a form that mails an address typed by a visitor (sign-up, the visitor's
/// « demande + compte » form), as password reset does: per target address and per network address,
/// in `authFailure`. Without it, one visitor could send a stranger as many mails as they liked.
public struct AttemptLimiter: Sendable {
    /// Sign-up and the visitor case form share one count: both mail the address typed.
    public static let signUpKind = "inscription"

    public let database: AppDatabase
    public var throttle = Throttle()

    /// Nil, after recording the attempt, when it may go ahead; otherwise the seconds to wait
    /// (a refused attempt is not recorded, so waiting is enough to be allowed again).
    public func admit(kind: String, email: String, address: String, now: Date) async throws -> TimeInterval? {
        let failures = try await database.authFailures(kind: kind, email: email, address: address, since: now.addingTimeInterval(-throttle.window))
        let origin = now.timeIntervalSinceReferenceDate
        if let wait = throttle.waitTime(byAccount: failures.byEmail.map(\.timeIntervalSinceReferenceDate),
                                        byNetworkAddress: failures.byAddress.map(\.timeIntervalSinceReferenceDate), now: origin) {
            return wait
        }
        try await database.recordAuthFailure(kind: kind, email: email, address: address, at: now)
        return nil
    }
}
