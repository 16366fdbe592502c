import Foundation
import Hummingbird
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

/// Directors create their account here; correspondents and staff arrive by invitation.
struct SignUpController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    /// Signs the person in once their address is confirmed.
    var signIn: SignInController { SignInController(parts) }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.signUp, use: form)
        router.post(SiteURL.Route.signUp, use: submit)
        router.get(SiteURL.Route.signUpConfirmation, use: confirmationForm)
        router.post(SiteURL.Route.signUpConfirmation, use: confirm)
        router.get(SiteURL.Route.invitation, use: invitationForm)
        router.post(SiteURL.Route.invitation, use: acceptInvitation)
    }

    /// What the person typed, kept whole when the form comes back.
    struct Typed: Sendable {
        var name = "", email = "", notificationEmail = "", position = "", employerQuery = "", employerCode = ""
        var employerName = "", departement = "", phone = ""

        init() {}

        init(_ form: FormData) {
            name = form["nom"]; email = form["email"]; notificationEmail = form["notification"]; position = form["poste"]
            employerQuery = form["employeur_recherche"]; employerCode = form["employeur_code"]; employerName = form["employeur_nom"]
            departement = form["departement"]; phone = form["telephone"]
        }
    }

    private func page(_ context: RelaisRequestContext, typed: Typed = Typed(), errors: FormErrors = FormErrors(), searched: Bool = false,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let employer = try await EmployerFields.make(
            query: typed.employerQuery, code: typed.employerCode, name: typed.employerName, departement: typed.departement,
            searched: searched, errors: errors, database: database
        )
        let page = SignUpPage(typed: typed, employer: employer, errors: errors, csrf: session.csrfToken,
                              viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// The sign-up form.
    @Sendable func form(request: Request, context: RelaisRequestContext) async throws -> Response {
        try await page(context)
    }

    /// Searches employers (the form comes back with the results and everything typed), or creates
    /// the account and shows the « check your mail » page.
    @Sendable func submit(request: Request, context: RelaisRequestContext) async throws -> Response {
        let form = context.form ?? FormData(fields: [:])
        let typed = Typed(form)
        if form["action"] == "rechercher" {
            return try await page(context, typed: typed, searched: true)
        }
        var errors = FormErrors()
        let name = typed.name
        errors.checkName(name)
        let email = errors.checkEmail(typed.email, field: "email", required: true) ?? ""
        let notification = errors.checkEmail(typed.notificationEmail, field: "notification", required: false) ?? email
        let position = Position(rawValue: typed.position)
        if position == nil { errors.add("poste", "Indiquez le poste que vous occupez.") }
        let (employerCode, departement) = try await errors.checkEmployer(
            code: typed.employerCode, name: typed.employerName, departement: typed.departement, database: database
        )
        errors.checkPhone(typed.phone)
        let password = form.raw("motdepasse") ?? "", confirmation = form.raw("confirmation") ?? ""
        errors.checkNewPassword(password, confirmation: confirmation, email: email)
        guard errors.isEmpty, let position else {
            return try await page(context, typed: typed, errors: errors, status: .unprocessableContent)
        }
        if let wait = try await accounts.admitSignUp(email: email, address: context.clientAddress) {
            errors.add("email", FormMessages.signUpThrottled(wait: wait))
            return try await page(context, typed: typed, errors: errors, status: .tooManyRequests)
        }
        try await accounts.signUp(
            AccountService.SignUp(
                name: name, email: email, notificationEmail: notification, position: position, employerCode: employerCode,
                employerName: employerCode == nil ? typed.employerName : "", departementCode: departement, phone: typed.phone, password: password
            ),
            address: context.clientAddress
        )
        return renderer.page(CheckMailPage(email: email, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    /// The link of the confirmation mail lands here: the address, and the password chosen at
    /// sign-up to confirm it (a GET changes nothing, so a mail scanner following links cannot
    /// confirm in the person's place, and only the account's creator knows the password).
    @Sendable func confirmationForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        let token = request.uri.queryParameters["jeton"].map(String.init) ?? ""
        return try await confirmationPage(context, token: token)
    }

    private func confirmationPage(_ context: RelaisRequestContext, token: String, errors: FormErrors = FormErrors(),
                                  status: HTTPResponse.Status? = nil) async throws -> Response {
        let session = try await sessions.ensure(context)
        let email = try await accounts.confirmationAddress(secret: token)
        let page = SignUpConfirmationPage(token: token, email: email, errors: errors, csrf: session.csrfToken,
                                          viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status ?? (email != nil ? .ok : .notFound))
    }

    /// Confirms the address, signs the person in and takes them to their case, or to their account.
    @Sendable func confirm(request: Request, context: RelaisRequestContext) async throws -> Response {
        let form = context.form ?? FormData(fields: [:])
        let token = form["jeton"], password = form.raw("motdepasse") ?? ""
        var errors = FormErrors()
        guard !password.isEmpty else {
            errors.add("motdepasse", "Indiquez le mot de passe choisi à l’inscription.")
            return try await confirmationPage(context, token: token, errors: errors, status: .unprocessableContent)
        }
        switch try await accounts.confirm(secret: token, password: password, address: context.clientAddress) {
        case .confirmed(let user, let opened):
            try await sessions.start(userId: user.id, user: user, context: context)
            let next = opened.first.map { SiteURL.caseFile($0).path + "?message=demande-envoyee" } ?? SiteURL.account.path + "?message=bienvenue"
            return Response(status: .seeOther, headers: [.location: next])
        case .invalidLink:
            return try await confirmationPage(context, token: "")
        case .wrongPassword:
            errors.add("motdepasse", "Ce n’est pas le mot de passe choisi à l’inscription.")
        case .throttled(let wait):
            errors.add("motdepasse", FormMessages.retry("Trop de tentatives.", wait: wait))
        }
        return try await confirmationPage(context, token: token, errors: errors, status: .unprocessableContent)
    }

    /// The invitation link: choose a password.
    @Sendable func invitationForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        try await signIn.newPasswordPage(context, token: request.uri.queryParameters["jeton"].map(String.init) ?? "", purpose: .invitation)
    }

    @Sendable func acceptInvitation(request: Request, context: RelaisRequestContext) async throws -> Response {
        try await signIn.setPassword(context, purpose: .invitation)
    }
}
