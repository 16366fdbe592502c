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
