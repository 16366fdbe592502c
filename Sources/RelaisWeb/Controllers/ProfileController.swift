import Foundation
import Hummingbird
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

/// Editing one's own account: name and phone, the notification address (confirmed by a link sent to
/// it), the password. `/compte` itself (AccountController) shows the account and its sessions.
struct ProfileController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.accountProfile, use: profile)
        router.post(SiteURL.Route.accountProfile, use: saveProfile)
        router.get(SiteURL.Route.accountAddress, use: addressForm)
        router.post(SiteURL.Route.accountAddress, use: requestAddress)
        router.get(SiteURL.Route.addressConfirmation, use: addressConfirmation)
        router.post(SiteURL.Route.addressConfirmation, use: confirmAddress)
        router.get(SiteURL.Route.accountPassword, use: passwordForm)
        router.post(SiteURL.Route.accountPassword, use: changePassword)
    }

    // MARK: Name and phone

    private func profilePage(_ context: RelaisRequestContext, name: String, phone: String, errors: FormErrors = FormErrors(),
                             status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = AccountFormPage<ProfileForm>(name: name, phone: phone, errors: errors, csrf: session.csrfToken,
                                                viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// The form with the name and phone as they are.
    @Sendable func profile(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.accountProfile.path)
        return try await profilePage(context, name: user.name, phone: user.phone)
    }

    /// Saves the name and phone, or shows the form again with what was typed.
    @Sendable func saveProfile(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.accountProfile.path)
        let form = context.form ?? FormData(fields: [:])
        let name = form["nom"], phone = form["telephone"]
        var errors = FormErrors()
        if name.isEmpty { errors.add("nom", "Indiquez votre nom.") } else if name.count > 120 {
            errors.add("nom", "Ce nom est trop long (120 caractères au plus).")
        }
        errors.checkPhone(phone)
        guard errors.isEmpty else { return try await profilePage(context, name: name, phone: phone, errors: errors, status: .unprocessableContent) }
        try await accounts.updateProfile(user, name: name, phone: phone, address: context.clientAddress)
        return Response(status: .seeOther, headers: [.location: SiteURL.account.path + "?message=profil"])
    }

    // MARK: Notification address

    private func addressPage(_ context: RelaisRequestContext, user: User, typed: String = "", errors: FormErrors = FormErrors(),
                             status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = AccountFormPage<AddressForm>(typed: typed, currentAddress: user.notificationEmail, errors: errors, csrf: session.csrfToken,
                                                viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    @Sendable func addressForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.accountAddress.path)
        return try await addressPage(context, user: user)
    }

    /// Mails a confirmation link to the new address.
    @Sendable func requestAddress(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.accountAddress.path)
        let typed = (context.form ?? FormData(fields: [:]))["notification"]
        var errors = FormErrors()
        let address = errors.checkEmail(typed, field: "notification", required: true, missing: "Indiquez la nouvelle adresse.")
        if let address, address.lowercased() == user.notificationEmail.lowercased() {
            errors.add("notification", "C’est déjà votre adresse de notification.")
        }
        guard errors.isEmpty, let address else {
            return try await addressPage(context, user: user, typed: typed, errors: errors, status: .unprocessableContent)
        }
        if let wait = try await accounts.requestNotificationAddress(user, newAddress: address.lowercased(), address: context.clientAddress) {
            errors.add("notification", FormMessages.retry("Trop de demandes de changement d’adresse.", wait: wait))
            return try await addressPage(context, user: user, typed: typed, errors: errors, status: .tooManyRequests)
        }
        return Response(status: .seeOther, headers: [.location: SiteURL.account.path + "?message=adresse"])
    }

    /// Shows the address and a button: opening the link alone changes nothing (mail scanners open links).
    @Sendable func addressConfirmation(request: Request, context: RelaisRequestContext) async throws -> Response {
        let token = request.uri.queryParameters["jeton"].map(String.init) ?? ""
        let session = try await sessions.ensure(context)
        let newAddress = try await accounts.pendingNotificationAddress(secret: token)
        let page = AddressConfirmationPage(token: token, newAddress: newAddress, csrf: session.csrfToken,
                                           viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: page.newAddress == nil ? .notFound : .ok)
    }

    @Sendable func confirmAddress(request: Request, context: RelaisRequestContext) async throws -> Response {
        let token = context.form?.raw("jeton") ?? ""
        guard try await accounts.confirmNotificationAddress(secret: token, address: context.clientAddress) != nil else {
            return try await addressConfirmation(request: request, context: context)
        }
        let next = context.user == nil ? SiteURL.signIn.path + "?message=adresse-notification" : SiteURL.account.path + "?message=adresse-confirmee"
        return Response(status: .seeOther, headers: [.location: next])
    }

    // MARK: Password

    private func passwordPage(_ context: RelaisRequestContext, errors: FormErrors = FormErrors(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = AccountFormPage<PasswordForm>(errors: errors, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    @Sendable func passwordForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.manageOwnAccount, returnTo: SiteURL.accountPassword.path)
        return try await passwordPage(context)
    }

    /// Changes the password; this browser stays signed in with a new session, every other one ends.
    @Sendable func changePassword(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.accountPassword.path)
        let form = context.form ?? FormData(fields: [:])
        let current = form.raw("actuel") ?? "", new = form.raw("motdepasse") ?? "", confirmation = form.raw("confirmation") ?? ""
        var errors = FormErrors()
        if current.isEmpty { errors.add("actuel", "Indiquez votre mot de passe actuel.") }
        if let problem = PasswordRules.problem(with: new, email: user.email) {
            errors.add("motdepasse", problem)
        } else if new != confirmation {
            errors.add("confirmation", "Les deux mots de passe ne sont pas identiques.")
        }
        guard errors.isEmpty else { return try await passwordPage(context, errors: errors, status: .unprocessableContent) }
        switch try await accounts.changePassword(user, current: current, new: new, address: context.clientAddress) {
        case .changed(let updated):
            try await sessions.start(userId: updated.id, user: updated, context: context)
            return Response(status: .seeOther, headers: [.location: SiteURL.account.path + "?message=mot-de-passe"])
        case .wrongCurrentPassword:
            errors.add("actuel", "Ce n’est pas votre mot de passe actuel.")
        case .throttled(let wait):
            errors.add("actuel", FormMessages.retry("Trop de tentatives.", wait: wait))
        }
        return try await passwordPage(context, errors: errors, status: .unprocessableContent)
    }
}
