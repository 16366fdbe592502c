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

    /// The demo's accounts, listed on the sign-in page when the server runs the demo.
    var demoAccounts: [DemoAccount] { config.demo ? DemoAccounts.list : [] }

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
        let page = SignInPage(
            layout: LayoutModel(title: "Se connecter", section: .account, config: config, context: context),
            csrf: session.csrfToken,
            action: SiteURL.signIn.path,
            email: FormField("email", label: "Adresse électronique", type: "email", value: email, error: errors["email"], autocomplete: "username"),
            password: FormField("motdepasse", label: "Mot de passe", type: "password", error: errors["motdepasse"], autocomplete: "current-password"),
            returnTo: returnTo,
            errors: errors.summary,
            notice: notice,
            signUpURL: SiteURL.signUp.path,
            forgotPasswordURL: SiteURL.forgotPassword.path,
            demoAccounts: config.demo ? demoAccounts : [],
            demoNote: "Les comptes Équipe et Administrateur doivent d’abord activer la double authentification\u{00A0}: "
                + "à la première connexion, Relais affiche un code QR à scanner avec une application d’authentification. "
                + "Chaque correspondant de l’annuaire a aussi un compte\u{00A0}: l’adresse de sa fiche, même mot de passe que le compte Correspondant."
        )
        return renderer.page(page, status: status)
    }

    /// The sign-in form; `?suite=` says where to go back afterwards.
    @Sendable func signInForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        let returnTo = request.uri.queryParameters["suite"].map(String.init).flatMap(safeReturnPath) ?? ""
        let notice: String? = switch request.uri.queryParameters["message"].map(String.init) {
        case "deconnecte": "Vous êtes déconnecté."
        case "mot-de-passe-change": "Votre mot de passe a été changé. Connectez-vous avec le nouveau."
        case "adresse-confirmee": "Votre adresse est confirmée. Vous pouvez vous connecter."
        case "adresse-notification": "Votre nouvelle adresse de notification est confirmée."
        case "demande-envoyee": "Votre adresse est confirmée et votre demande est partie vers un correspondant. Connectez-vous pour la suivre."
        case "code-expire": "Le délai pour saisir le code est dépassé. Connectez-vous à nouveau."
        default: nil
        }
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
        let page = ResetRequestPage(
            layout: LayoutModel(title: "Mot de passe oublié", section: .account, config: config, context: context),
            csrf: session.csrfToken, action: SiteURL.forgotPassword.path,
            email: FormField("email", label: "Adresse électronique de votre compte", type: "email", value: email, error: errors["email"], autocomplete: "username"),
            errors: errors.summary, sent: sent
        )
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
        let invitation = purpose == .invitation
        let page = NewPasswordPage(
            layout: LayoutModel(title: invitation ? "Bienvenue sur Relais" : "Nouveau mot de passe", section: .account, config: config, context: context),
            csrf: session.csrfToken,
            action: invitation ? SiteURL.invitation.path : SiteURL.newPassword.path,
            token: token, valid: valid,
            heading: invitation ? "Bienvenue sur Relais\u{00A0}: choisissez votre mot de passe" : "Choisissez un nouveau mot de passe",
            password: .newPassword(error: errors["motdepasse"]),
            confirmation: .passwordConfirmation(error: errors["confirmation"]),
            errors: errors.summary,
            forgotPasswordURL: SiteURL.forgotPassword.path
        )
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
