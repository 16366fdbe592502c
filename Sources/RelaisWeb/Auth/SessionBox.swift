import Foundation
import NIOConcurrencyHelpers
import RelaisCore
import RelaisStore
import RelaisUseCases

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
        /// The visitor's form nonce, as received or as made for this response.
        var formNonce: String?
        var formNonceToSet: String?
        var usedFormNonce = false
        /// A known-device cookie to send after a sign-in.
        var deviceCookieToSet: String?
    }

    typealias KnownDevice = RelaisCore.KnownDevice

    private let state: NIOLockedValueBox<State>
    /// The nonce the browser sent, the only one a posted anonymous form token is checked against.
    let receivedFormNonce: String?
    /// The browser's known-device cookie, checked only when asked (a sign-in): checking its
    /// signature on every request cost a few percent of every page.
    private let deviceCookie: String?
    private let verifyDevice: @Sendable (String?) -> KnownDevice?
    /// The browser's `User-Agent`, kept with a session it starts.
    let userAgent: String

    init(current: Current?, formNonce: String? = nil, deviceCookie: String? = nil,
         verifyDevice: @escaping @Sendable (String?) -> KnownDevice? = { _ in nil }, userAgent: String = "") {
        self.userAgent = userAgent
        let nonce = formNonce.flatMap { $0.isEmpty || $0.count > 100 ? nil : $0 }
        receivedFormNonce = nonce
        self.deviceCookie = deviceCookie
        self.verifyDevice = verifyDevice
        state = NIOLockedValueBox(State(current: current, formNonce: nonce))
    }

    /// The account this browser signed in to before, when its cookie's signature holds.
    var knownDevice: KnownDevice? { verifyDevice(deviceCookie) }

    var current: Current? { state.withLockedValue { $0.current } }
    var cookieToSet: String? { state.withLockedValue { $0.cookieToSet } }
    var formNonceToSet: String? { state.withLockedValue { $0.formNonceToSet } }
    var usedFormNonce: Bool { state.withLockedValue { $0.usedFormNonce } }
    var deviceCookieToSet: String? { state.withLockedValue { $0.deviceCookieToSet } }

    func setDeviceCookie(_ value: String) {
        state.withLockedValue { $0.deviceCookieToSet = value }
    }

    /// The browser's form nonce, made (and its cookie to be set) when it has none.
    func formNonce(orMake make: () -> String) -> String {
        state.withLockedValue { state in
            state.usedFormNonce = true
            if let nonce = state.formNonce { return nonce }
            let nonce = make()
            state.formNonce = nonce
            state.formNonceToSet = nonce
            return nonce
        }
    }

    func replace(with current: Current?, cookie: String) {
        state.withLockedValue { state in
            state.current = current
            state.cookieToSet = cookie
        }
    }
}
