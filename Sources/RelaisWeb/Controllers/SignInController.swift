import Foundation
import Hummingbird
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

/// Signing in and out, and the forgotten password.
struct SignInController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.signIn, use: signInForm)
        router.post(SiteURL.Route.signIn, use: signIn)
        router.post(SiteURL.Route.signOut, use: signOut)
        router.get(SiteURL.Route.forgotPassword, use: resetRequestForm)
        router.post(SiteURL.Route.forgotPassword, use: requestReset)
        router.get(SiteURL.Route.newPassword, use: newPasswordForm)
        router.post(SiteURL.Route.newPassword, use: setNewPassword)
        router.get(SiteURL.Route.signInCode, use: codeForm)
        router.post(SiteURL.Route.signInCode, use: checkCode)
    }

    private func signInPage(_ context: RelaisRequestContext, email: String = "", returnTo: String = "", errors: FormErrors = FormErrors(),
                            notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = SignInPage(email: email, returnTo: returnTo, errors: errors, notice: notice, csrf: session.csrfToken,
                              viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// The sign-in form; `?suite=` says where to go back afterwards.
    @Sendable func signInForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        let returnTo = request.uri.queryParameters["suite"].map(String.init).flatMap(safeReturnPath) ?? ""
        let notice = SignInPage.notice(request.uri.queryParameters["message"].map(String.init))
        return try await signInPage(context, returnTo: returnTo, notice: notice)
    }

    /// Checks the password, opens a new session and goes where the person was heading.
    @Sendable func signIn(request: Request, context: RelaisRequestContext) async throws -> Response {
        let form = context.form ?? FormData(fields: [:])
        let email = form["email"], password = form.raw("motdepasse") ?? ""
        let returnTo = safeReturnPath(form["suite"]) ?? ""
        var errors = FormErrors()
        if email.isEmpty { errors.add("email", "Indiquez votre adresse électronique.") }
        if password.isEmpty { errors.add("motdepasse", "Indiquez votre mot de passe.") }
        guard errors.isEmpty else {
            return try await signInPage(context, email: email, returnTo: returnTo, errors: errors, status: .unprocessableContent)
        }
        switch try await accounts.signIn(email: email, password: password, address: context.clientAddress,
                                              knownDevice: context.sessions?.knownDevice) {
        case .signedIn(let user):
            return try await continueSignIn(user, request: request, context: context, returnTo: returnTo)
        case .refused:
            errors.add("email", "Adresse électronique ou mot de passe incorrect.")
        case .unconfirmed:
            errors.add("email", "Votre adresse n’est pas encore confirmée\u{00A0}: ouvrez le lien que nous vous avons envoyé à l’inscription.")
        case .throttled(let wait):
            errors.add("email", FormMessages.retry("Trop de tentatives pour ce compte.", wait: wait))
        }
        return try await signInPage(context, email: email, returnTo: returnTo, errors: errors, status: .unprocessableContent)
    }

    /// Ends the session of this browser.
    @Sendable func signOut(request: Request, context: RelaisRequestContext) async throws -> Response {
        try await sessions.end(context)
        return Response(status: .seeOther, headers: [.location: SiteURL.signIn.path + "?message=deconnecte"])
    }

    private func resetRequestPage(_ context: RelaisRequestContext, email: String = "", errors: FormErrors = FormErrors(), sent: Bool = false,
                                  status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = ResetRequestPage(email: email, errors: errors, sent: sent, csrf: session.csrfToken,
                                    viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    @Sendable func resetRequestForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        try await resetRequestPage(context)
    }

    /// Mails a one-hour link if the address has an account; the page says the same either way.
    @Sendable func requestReset(request: Request, context: RelaisRequestContext) async throws -> Response {
        let email = (context.form ?? FormData(fields: [:]))["email"]
        var errors = FormErrors()
        if (try? MailAddress(email)) == nil {
            errors.add("email", "Indiquez une adresse électronique valide, par exemple nom@exemple.fr.")
            return try await resetRequestPage(context, email: email, errors: errors, status: .unprocessableContent)
        }
        if let wait = try await accounts.requestReset(email: email, address: context.clientAddress) {
            errors.add("email", FormMessages.retry("Trop de demandes pour cette adresse.", wait: wait))
            return try await resetRequestPage(context, email: email, errors: errors, status: .tooManyRequests)
        }
        return try await resetRequestPage(context, email: email, sent: true)
    }

    /// The form that sets a password from a mailed link: reset, or invitation (`purpose`).
    func newPasswordPage(_ context: RelaisRequestContext, token: String, purpose: UserToken.Purpose, errors: FormErrors = FormErrors(),
                         status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let valid = try await accounts.isValid(secret: token, purpose: purpose)
        let page = NewPasswordPage(token: token, invitation: purpose == .invitation, valid: valid, errors: errors, csrf: session.csrfToken,
                                   viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: valid ? status : .notFound)
    }

    @Sendable func newPasswordForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        try await newPasswordPage(context, token: request.uri.queryParameters["jeton"].map(String.init) ?? "", purpose: .reset)
    }

    @Sendable func setNewPassword(request: Request, context: RelaisRequestContext) async throws -> Response {
        try await setPassword(context, purpose: .reset)
    }

    /// Shared by reset and invitation: checks the password, sets it, sends to the sign-in page.
    func setPassword(_ context: RelaisRequestContext, purpose: UserToken.Purpose) async throws -> Response {
        let form = context.form ?? FormData(fields: [:])
        let token = form["jeton"], password = form.raw("motdepasse") ?? "", confirmation = form.raw("confirmation") ?? ""
        var errors = FormErrors()
        errors.checkNewPassword(password, confirmation: confirmation, email: "")
        guard errors.isEmpty else {
            return try await newPasswordPage(context, token: token, purpose: purpose, errors: errors, status: .unprocessableContent)
        }
        guard try await accounts.setPassword(secret: token, purpose: purpose, password: password, address: context.clientAddress) != nil else {
            return try await newPasswordPage(context, token: "", purpose: purpose)
        }
        return Response(status: .seeOther, headers: [.location: SiteURL.signIn.path + "?message=mot-de-passe-change"])
    }
}
