import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

extension SecondFactorController {

    func page(_ context: RelaisRequestContext, user: User, returnTo: String, notice: String? = nil, errors: FormErrors = FormErrors(),
              status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let id = user.id else { throw HTTPError(.notFound) }
        let session = try await sessions.ensure(context)
        let state = try await secondFactor.status(userId: id)
        let setup = state.pendingSecret.map { secret in
            let address = SecondFactorService.authenticatorURL(secret: secret, email: user.email)
            // An address too long for the versions drawn here still leaves the secret to type.
            let svg = try? QRCode(address).svg(label: "Code QR à scanner avec votre application d’authentification")
            return SecondFactorPage.Setup(qrSVG: svg, secret: SecondFactorService.typedSecret(secret))
        }
        let devices = try await trustedDevices.list(userId: id).compactMap { device in
            device.id.map {
                SecondFactorPage.DeviceRow(id: $0, label: device.label, added: CaseDates.numeric(device.createdAt),
                                           lastUsed: device.lastUsedAt.map(CaseDates.numeric), expires: CaseDates.numeric(device.expiresAt))
            }
        }
        let page = SecondFactorPage(
            layout: LayoutModel(title: "Double authentification", section: .account, config: config, context: context),
            csrf: session.csrfToken, notice: notice, errors: errors.summary,
            required: user.role.isStaff,
            enrolledOn: state.enrolledAt.map(CaseDates.numeric),
            unusedRecoveryCodes: state.unusedRecoveryCodes,
            setup: setup, returnTo: returnTo,
            code: FormField("code", label: "Code affiché par l’application", hint: "6 chiffres, par exemple 123456.",
                            error: errors["code"], autocomplete: "one-time-code"),
            canDisable: !user.role.isStaff && state.enrolledAt != nil,
            password: FormField("motdepasse", label: "Votre mot de passe", type: "password", error: errors["motdepasse"],
                                autocomplete: "current-password"),
            disableCode: FormField("code_desactivation", label: "Un code de l’application ou un code de secours",
                                   error: errors["code_desactivation"], autocomplete: "one-time-code"),
            devices: devices,
            startURL: SiteURL.secondFactorStart.path, confirmURL: SiteURL.secondFactorConfirm.path,
            disableURL: SiteURL.secondFactorDisable.path, devicesURL: SiteURL.trustedDevices.path, accountURL: SiteURL.account.path
        )
        return renderer.page(page, status: status)
    }
}
