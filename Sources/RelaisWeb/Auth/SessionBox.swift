import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import RelaisStore

/// The session of the current request, shared between `SessionMiddleware` (which loads it and sets
/// the cookie afterwards) and the handlers (which may create or replace it).
final class SessionBox: Sendable {
    struct Current: Sendable {
        var idHash: String
        var csrfToken: String
        var user: User?
    }

    private struct State {
        var current: Current?
        /// A new cookie secret to send, or "" to clear the cookie.
        var cookieToSet: String?
    }

    private let state: NIOLockedValueBox<State>

    init(current: Current?) {
        state = NIOLockedValueBox(State(current: current))
    }

    var current: Current? { state.withLockedValue { $0.current } }
    var cookieToSet: String? { state.withLockedValue { $0.cookieToSet } }

    func replace(with current: Current?, cookie: String) {
        state.withLockedValue { state in
            state.current = current
            state.cookieToSet = cookie
        }
    }
}
