import Foundation
import Hummingbird
import NIOCore
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Creates, finds and ends sessions. A session row exists only for a signed-in person: a visitor's
/// forms carry a token signed with the server key and bound to a nonce in their browser's cookie
/// (`relais_formulaire`), so reading the site or filling a form writes nothing until something must
/// be kept.
public struct Sessions: Sendable {
    static let cookieName = "relais_session"
    static let formCookieName = "relais_formulaire"
    /// Marks a browser that signed in to an account: throttling spares its owner (`AccountService.signIn`).
    static let deviceCookieName = "relais_navigateur"
    static let deviceLifetime: TimeInterval = 365 * 24 * 3600
    public static let idleLimit = SessionLimits.idle
    public static let absoluteLimit = SessionLimits.absolute
    /// lastSeenAt is written at most this often, not on every request.
    static let touchInterval: TimeInterval = 300

    let database: AppDatabase
    let secureCookie: Bool
    let key: ServerKey
    let clock: @Sendable () -> Date
    let cache: SessionCache

    init(database: AppDatabase, secureCookie: Bool, key: ServerKey, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.secureCookie = secureCookie
        self.key = key
        self.clock = clock
        cache = SessionCache(database: database)
    }

    /// The live session for a cookie secret, or nil (unknown, idle too long, too old).
    func load(secret: String) async throws -> SessionBox.Current? {
        guard !secret.isEmpty, secret.count <= 100 else { return nil }
        let idHash = SecretDigest.hex(secret)
        let found: (Session, User?)?
        if let cached = cache.fresh(idHash) {
            found = cached
        } else {
            let readAt = NIODeadline.now()
            found = try await database.session(idHash: idHash)
            if let (session, user) = found { cache.store(idHash, session: session, user: user, readAt: readAt) }
        }
        guard let (session, user) = found else { return nil }
        let now = clock()
        if now.timeIntervalSince(session.lastSeenAt) > Self.idleLimit || now.timeIntervalSince(session.createdAt) > Self.absoluteLimit {
            try await database.deleteSession(idHash: idHash)
            return nil
        }
        if now.timeIntervalSince(session.lastSeenAt) > Self.touchInterval {
            try await database.touchSession(idHash: idHash, at: now)
        }
        return SessionBox.Current(idHash: idHash, csrfToken: session.csrfToken, user: user)
    }

    /// What a page with a form needs: the session, or for a visitor without one, a form token
    /// signed for their browser's nonce (made, and its cookie set, on first need). Writes nothing.
    func ensure(_ context: RelaisRequestContext) async throws -> SessionBox.Current {
        if let current = context.sessions?.current { return current }
        let nonce = context.sessions?.formNonce(orMake: SecretToken.make) ?? SecretToken.make()
        return SessionBox.Current(idHash: "", csrfToken: key.token(.anonymousForm, nonce), user: nil)
    }

    /// Whether `token` is the form token of this request's session, or of its browser's nonce.
    func acceptsFormToken(_ token: String, context: RelaisRequestContext) -> Bool {
        if let current = context.sessions?.current, ConstantTime.equal(token, current.csrfToken) { return true }
        guard let nonce = context.sessions?.receivedFormNonce, !nonce.isEmpty, nonce.count <= 100 else { return false }
        return key.verify(token, .anonymousForm, nonce)
    }

    /// A brand-new session for `user` (sign-in): the old one is deleted, so a session id planted
    /// before sign-in is worth nothing after it.
    @discardableResult
    func start(userId: Int64?, user: User?, context: RelaisRequestContext) async throws -> SessionBox.Current {
        if let old = context.sessions?.current {
            try await database.deleteSession(idHash: old.idHash)
        }
        let secret = SecretToken.make()
        let session = Session(idHash: SecretDigest.hex(secret), userId: userId, csrfToken: SecretToken.make(), now: clock(),
                              userAgent: context.sessions?.userAgent ?? "", address: context.clientAddress)
        try await database.insertSession(session)
        let current = SessionBox.Current(idHash: session.idHash, csrfToken: session.csrfToken, user: user)
        context.sessions?.replace(with: current, cookie: secret)
        if let userId, context.sessions?.knownDevice?.userId != userId {
            let nonce = SecretToken.make()
            context.sessions?.setDeviceCookie("\(userId).\(nonce).\(key.token(.knownDevice, "\(userId).\(nonce)"))")
        }
        return current
    }

    /// The known device a cookie stands for, when its signature holds.
    func knownDevice(cookie: String?) -> SessionBox.KnownDevice? {
        guard let cookie, cookie.count <= 200 else { return nil }
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let userId = Int64(parts[0]), !parts[1].isEmpty,
              key.verify(String(parts[2]), .knownDevice, "\(userId).\(parts[1])") else { return nil }
        return SessionBox.KnownDevice(userId: userId, nonce: String(parts[1]))
    }

    /// Signs out of this browser.
    func end(_ context: RelaisRequestContext) async throws {
        if let current = context.sessions?.current {
            try await database.deleteSession(idHash: current.idHash)
        }
        context.sessions?.replace(with: nil, cookie: "")
    }

    /// The visitor's form nonce: lives as long as the browser, tells nothing about them.
    func formCookie(_ nonce: String) -> Cookie {
        Cookie(name: Self.formCookieName, value: nonce, path: "/", secure: secureCookie, httpOnly: true, sameSite: .lax)
    }

    func deviceCookie(_ value: String) -> Cookie {
        Cookie(name: Self.deviceCookieName, value: value, maxAge: Int(Self.deviceLifetime), path: "/",
               secure: secureCookie, httpOnly: true, sameSite: .lax)
    }

    func cookie(_ secret: String) -> Cookie {
        if secret.isEmpty {
            return Cookie(name: Self.cookieName, value: "", maxAge: 0, path: "/", secure: secureCookie, httpOnly: true, sameSite: .lax)
        }
        return Cookie(
            name: Self.cookieName, value: secret, maxAge: Int(Self.absoluteLimit), path: "/",
            secure: secureCookie, httpOnly: true, sameSite: .lax
        )
    }
}

/// Loads the session from the cookie before the handler runs, and sends the cookie it changed after.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext

    let sessions: Sessions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let cookies = request.cookies  // parsed on each use of `request.cookies`: once here
        let secret = cookies[Sessions.cookieName]?.value ?? ""
        let current = try await sessions.load(secret: secret)
        let box = SessionBox(
            current: current, formNonce: cookies[Sessions.formCookieName]?.value,
            deviceCookie: cookies[Sessions.deviceCookieName]?.value, verifyDevice: { [sessions] in sessions.knownDevice(cookie: $0) },
            userAgent: request.headers[.userAgent] ?? ""
        )
        context.sessions = box
        var response = try await next(request, context)
        if let nonce = box.formNonceToSet {
            response.setCookie(sessions.formCookie(nonce))
        }
        if let device = box.deviceCookieToSet {
            response.setCookie(sessions.deviceCookie(device))
        }
        if let cookie = box.cookieToSet {
            response.setCookie(sessions.cookie(cookie))
        } else if !secret.isEmpty, current == nil {
            // A stale cookie is cleared rather than sent again and again.
            response.setCookie(sessions.cookie(""))
        }
        if box.current != nil || box.formNonceToSet != nil || box.usedFormNonce {
            // Pages that show a person's data or a form token are never cached.
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
