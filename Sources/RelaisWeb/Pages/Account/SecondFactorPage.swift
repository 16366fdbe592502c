import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SecondFactorPage: Page {
    static let template = Template.secondFactor

    struct Setup: Encodable, Sendable {
        /// The QR code, drawn by `QRCode` from the otpauth address: Relais's own markup.
        let qrSVG: String?
        /// The secret in base32, in groups of four, for typing by hand.
        let secret: String
    }

    struct DeviceRow: Encodable, Sendable {
        let id: Int64
        let label: String
        let added: String
        let lastUsed: String?
        let expires: String
    }

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    let errors: [FormErrors.ErrorLink]
    /// Staff and admins must have a second factor; the page says why.
    let required: Bool
    let enrolledOn: String?
    let unusedRecoveryCodes: Int
    let setup: Setup?
    let returnTo: String
    let code: FormField
    let canDisable: Bool
    let password: FormField
    let disableCode: FormField
    let devices: [DeviceRow]
    let startURL: String
    let confirmURL: String
    let disableURL: String
    let devicesURL: String
    let accountURL: String
}

extension SecondFactorPage {
    /// The second factor of `user` as `state` says it is, with the browsers they trust (`devices`).
    /// `returnTo`: where « Continuer » leads once set up.
    init(_ user: User, state: SecondFactorService.Status, devices: [TrustedDevice], returnTo: String, notice: String?, errors: FormErrors,
         csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let setup = state.pendingSecret.map { secret in
            let address = SecondFactorService.authenticatorURL(secret: secret, email: user.email)
            // An address too long for the versions drawn here still leaves the secret to type.
            let svg = try? QRCode(address).svg(label: "Code QR à scanner avec votre application d’authentification")
            return Setup(qrSVG: svg, secret: SecondFactorService.typedSecret(secret))
        }
        self.init(
            layout: LayoutModel(title: "Double authentification", section: .account, demo: demo, viewer: viewer),
            csrf: csrf, notice: notice, errors: errors.summary,
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
            devices: devices.compactMap { device in
                device.id.map {
                    DeviceRow(id: $0, label: device.label, added: CaseDates.numeric(device.createdAt),
                              lastUsed: device.lastUsedAt.map(CaseDates.numeric), expires: CaseDates.numeric(device.expiresAt))
                }
            },
            startURL: SiteURL.secondFactorStart.path, confirmURL: SiteURL.secondFactorConfirm.path,
            disableURL: SiteURL.secondFactorDisable.path, devicesURL: SiteURL.trustedDevices.path, accountURL: SiteURL.account.path
        )
    }

    /// The notice that a redirection to the page asks for with `?message=` (and, after a recovery
    /// code, `remaining`: how many are left).
    static func notice(_ code: String?, remaining: Int) -> String? {
        switch code {
        case "code-secours":
            "Vous vous êtes connecté avec un code de secours\u{00A0}; il vous en reste \(remaining). "
                + "Si votre téléphone est perdu, configurez à nouveau la double authentification\u{00A0}: vous recevrez dix nouveaux codes."
        case "desactivee": "La double authentification est désactivée."
        case "appareils": "La confiance accordée à ces appareils est retirée."
        default: nil
        }
    }
}
