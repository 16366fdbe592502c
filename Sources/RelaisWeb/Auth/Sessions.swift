import Foundation
import Hummingbird
import RelaisCore
import RelaisStore

/// Creates, finds and ends sessions. A session row exists for a visitor only once a page with a form
/// needs a CSRF token, so reading the site writes nothing.
public struct Sessions: Sendable {
    static let cookieName = "relais_session"
    public static let idleLimit: TimeInterval = 12 * 3600
    public static let absoluteLimit: TimeInterval = 30 * 24 * 3600
    /// lastSeenAt is written at most this often, not on every request.
    static let touchInterval: TimeInterval = 300

    let database: AppDatabase
    let secureCookie: Bool
    let clock: @Sendable () -> Date

    /// The live session for a cookie secret, or nil (unknown, idle too long, too old).
    func load(secret: String) async throws -> SessionBox.Current? {
        guard !secret.isEmpty, secret.count <= 100 else { return nil }
        let idHash = SHA256.hex(secret)
        guard let (session, user) = try await database.session(idHash: idHash) else { return nil }
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

    /// The request's session, created (anonymous) if it has none yet: pages with forms call this to
    /// get a CSRF token.
    func ensure(_ context: RelaisRequestContext) async throws -> SessionBox.Current {
        if let current = context.sessions?.current { return current }
        return try await start(userId: nil, user: nil, context: context)
    }

    /// A brand-new session for `user` (sign-in): the old one is deleted, so a session id planted
    /// before sign-in is worth nothing after it.
    @discardableResult
    func start(userId: Int64?, user: User?, context: RelaisRequestContext) async throws -> SessionBox.Current {
        if let old = context.sessions?.current {
            try await database.deleteSession(idHash: old.idHash)
        }
        let secret = SecretToken.make()
        let session = Session(idHash: SHA256.hex(secret), userId: userId, csrfToken: SecretToken.make(), now: clock())
        try await database.insertSession(session)
        let current = SessionBox.Current(idHash: session.idHash, csrfToken: session.csrfToken, user: user)
        context.sessions?.replace(with: current, cookie: secret)
        return current
    }

    /// Signs out of this browser.
    func end(_ context: RelaisRequestContext) async throws {
        if let current = context.sessions?.current {
            try await database.deleteSession(idHash: current.idHash)
        }
        context.sessions?.replace(with: nil, cookie: "")
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
        let secret = request.cookies[Sessions.cookieName]?.value ?? ""
        let current = try await sessions.load(secret: secret)
        let box = SessionBox(current: current)
        context.sessions = box
        var response = try await next(request, context)
        if let cookie = box.cookieToSet {
            response.setCookie(sessions.cookie(cookie))
        } else if !secret.isEmpty, current == nil {
            // A stale cookie is cleared rather than sent again and again.
            response.setCookie(sessions.cookie(""))
        }
        if box.current != nil {
            // Pages that show a person's data or a form token are never cached.
            response.headers[.cacheControl] = "no-store"
        }
        return response
    }
}
