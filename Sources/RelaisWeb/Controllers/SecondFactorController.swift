import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// A person's own two-factor sign-in: set it up (QR code and secret, a first code, ten recovery
/// codes shown once), set it up again on a new phone, turn it off (directors and correspondents
/// only), and the browsers they trust.
struct SecondFactorController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.secondFactor, use: show)
        router.post(SiteURL.Route.secondFactorStart, use: start)
        router.post(SiteURL.Route.secondFactorConfirm, use: confirm)
        router.post(SiteURL.Route.secondFactorDisable, use: disable)
        router.post(SiteURL.Route.trustedDevices, use: revokeDevices)
    }

    /// Where « Continuer » leads once set up: the page the person was heading to, or their home.
    private func returnPath(_ value: String?, for user: User) -> String {
        value.flatMap(safeReturnPath) ?? SiteURL.landing(for: user.role).path
    }

    /// The page: the state of the second factor, the set-up in progress, trusted browsers.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.secondFactor.path)
        let query = request.uri.queryParameters
        let notice = SecondFactorPage.notice(query["message"].map(String.init), remaining: query["restants"].flatMap { Int(String($0)) } ?? 0)
        return try await page(context, user: user, returnTo: returnPath(query["suite"].map(String.init), for: user), notice: notice)
    }

    /// Creates a new secret to scan; the current one, if any, stays valid until the new one is confirmed.
    @Sendable func start(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.secondFactor.path)
        guard let id = user.id else { throw HTTPError(.notFound) }
        try await secondFactor.beginEnrolment(userId: id)
        let suite = returnPath(context.form?["suite"], for: user)
        return Response(status: .seeOther, headers: [.location: SiteURL.secondFactor.absolute(base: "", query: [("suite", suite)]) + "#configuration"])
    }

    /// Confirms the set-up with a first code and shows the recovery codes, once.
    @Sendable func confirm(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.secondFactor.path)
        let form = context.form ?? FormData(fields: [:])
        let returnTo = returnPath(form["suite"], for: user)
        var errors = FormErrors()
        switch try await secondFactor.confirmEnrolment(user, code: form["code"], address: context.clientAddress) {
        case .enrolled(let codes):
            return renderer.page(RecoveryCodesPage(codes: codes, continueURL: returnTo, viewer: LayoutModel.Viewer(context), demo: config.demo))
        case .refused:
            errors.add("code", "Ce code ne correspond pas. Saisissez les 6 chiffres affichés en ce moment par l’application pour Relais.")
            return try await page(context, user: user, returnTo: returnTo, errors: errors, status: .unprocessableContent)
        case .throttled(let wait):
            errors.add("code", FormMessages.retry("Trop de codes erronés.", wait: wait))
            return try await page(context, user: user, returnTo: returnTo, errors: errors, status: .tooManyRequests)
        case .nothingPending:
            return Response(status: .seeOther, headers: [.location: SiteURL.secondFactor.path])
        }
    }

    /// Turns the second factor off, with the password and a code. Staff cannot: it is required.
    @Sendable func disable(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.secondFactor.path)
        guard !user.role.isStaff, user.secondFactorAt != nil else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        let password = form.raw("motdepasse") ?? "", code = form["code_desactivation"]
        var errors = FormErrors()
        let returnTo = SiteURL.landing(for: user.role).path
        guard let hash = user.passwordHash, !password.isEmpty, try await accounts.hasher.verify(password, hash: hash) else {
            errors.add("motdepasse", "Mot de passe incorrect\u{00A0}: la double authentification reste active.")
            return try await page(context, user: user, returnTo: returnTo, errors: errors, status: .unprocessableContent)
        }
        switch try await secondFactor.check(user, input: code, address: context.clientAddress) {
        case .accepted, .recoveryCodeUsed:
            try await secondFactor.disable(user, address: context.clientAddress)
            return Response(status: .seeOther, headers: [.location: SiteURL.secondFactor.path + "?message=desactivee"])
        case .refused:
            errors.add("code_desactivation", "Ce code n’est pas valable ou a déjà servi\u{00A0}: la double authentification reste active.")
            return try await page(context, user: user, returnTo: returnTo, errors: errors, status: .unprocessableContent)
        case .throttled(let wait):
            errors.add("code_desactivation", FormMessages.retry("Trop de codes erronés.", wait: wait))
            return try await page(context, user: user, returnTo: returnTo, errors: errors, status: .tooManyRequests)
        }
    }

    /// Withdraws the trust given to one browser (`appareil` = its number) or to all (`tous`).
    @Sendable func revokeDevices(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.secondFactor.path)
        let choice = context.form?["appareil"] ?? ""
        let id: Int64? = choice == "tous" ? nil : Int64(choice)
        guard choice == "tous" || id != nil else { throw HTTPError(.badRequest) }
        try await trustedDevices.revoke(id, of: user, address: context.clientAddress)
        var response = Response(status: .seeOther, headers: [.location: SiteURL.secondFactor.path + "?message=appareils"])
        if choice == "tous" {
            // This browser's own cookie is worthless now; clear it rather than send it for nothing.
            response.setCookie(trustedDevices.cookie("", secure: config.isHTTPS))
        }
        return response
    }
}
