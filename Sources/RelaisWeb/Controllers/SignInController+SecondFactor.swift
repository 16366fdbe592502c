import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The second step of signing in: after the password, the code of an authenticator app (or a
/// recovery code), unless this browser is trusted. Until the code is right the session is anonymous
/// and only `pendingSignIn` knows whose password was typed, so nothing protected can be reached.
extension SignInController {
    /// After a right password: a trusted browser or an account without second factor signs in at
    /// once; otherwise the code is asked. Staff without a second factor go and set it up.
    func continueSignIn(_ user: User, request: Request, context: RelaisRequestContext, returnTo: String) async throws -> Response {
        guard let userId = user.id else { throw HTTPError(.notFound) }
        let destination = returnTo.isEmpty ? SiteURL.landing(for: user.role).path : returnTo
        if user.secondFactorAt != nil {
            let cookie = request.cookies[TrustedDevices.cookieName]?.value
            if try await trustedDevices.isTrusted(cookie, user: user, address: context.clientAddress) {
                try await sessions.start(userId: userId, user: user, context: context)
                return Response(status: .seeOther, headers: [.location: destination])
            }
            // A new anonymous session: the one the visitor had before sign-in is worth nothing now.
            let session = try await sessions.start(userId: nil, user: nil, context: context)
            try await secondFactor.beginPendingSignIn(sessionIdHash: session.idHash, userId: userId, returnTo: returnTo)
            return Response(status: .seeOther, headers: [.location: SiteURL.signInCode.path])
        }
        try await sessions.start(userId: userId, user: user, context: context)
        if user.actor?.mustEnrolSecondFactor == true {
            return Response(status: .seeOther, headers: [.location: SiteURL.secondFactor.absolute(base: "", query: [("suite", destination)])])
        }
        return Response(status: .seeOther, headers: [.location: destination])
    }

    private func codePage(_ context: RelaisRequestContext, trust: Bool = false, errors: FormErrors = FormErrors(),
                          status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = SignInCodePage(trust: trust, errors: errors, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// The code form, for a browser whose password was just accepted.
    @Sendable func codeForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        guard try await secondFactor.pendingSignIn(sessionIdHash: context.sessions?.current?.idHash) != nil else {
            return Response(status: .seeOther, headers: [.location: SiteURL.signIn.path + "?message=code-expire"])
        }
        return try await codePage(context)
    }

    /// Checks the code; a right one opens the session (and trusts the browser if asked).
    @Sendable func checkCode(request: Request, context: RelaisRequestContext) async throws -> Response {
        guard let (pending, user) = try await secondFactor.pendingSignIn(sessionIdHash: context.sessions?.current?.idHash), let userId = user.id else {
            return Response(status: .seeOther, headers: [.location: SiteURL.signIn.path + "?message=code-expire"])
        }
        let form = context.form ?? FormData(fields: [:])
        let input = form["code"], trust = form["confiance"] == "oui"
        var errors = FormErrors()
        guard !input.isEmpty else {
            errors.add("code", "Indiquez le code à 6 chiffres affiché par votre application, ou un code de secours.")
            return try await codePage(context, trust: trust, errors: errors, status: .unprocessableContent)
        }
        let destination: String
        switch try await secondFactor.check(user, input: input, address: context.clientAddress) {
        case .accepted:
            destination = pending.returnTo.isEmpty ? SiteURL.landing(for: user.role).path : pending.returnTo
        case .recoveryCodeUsed(let remaining):
            // Said at once on the set-up page, where new codes are one click away.
            destination = SiteURL.secondFactor.absolute(base: "", query: [("message", "code-secours"), ("restants", String(remaining))])
        case .refused:
            errors.add("code", "Ce code n’est pas valable ou a déjà servi. Saisissez le code affiché en ce moment par votre application\u{00A0}; "
                + "si l’erreur persiste, vérifiez l’heure de votre téléphone.")
            return try await codePage(context, trust: trust, errors: errors, status: .unprocessableContent)
        case .throttled(let wait):
            errors.add("code", FormMessages.retry("Trop de codes erronés pour ce compte.", wait: wait))
            return try await codePage(context, trust: trust, errors: errors, status: .tooManyRequests)
        }
        // The half signed-in session goes (its pending row with it); a fresh one is signed in.
        try await sessions.start(userId: userId, user: user, context: context)
        var response = Response(status: .seeOther, headers: [.location: destination])
        if trust {
            response.setCookie(trustedDevices.cookie(try await trustedDevices.trust(user, userAgent: request.headers[.userAgent] ?? "", address: context.clientAddress), secure: config.isHTTPS))
        }
        return response
    }
}
