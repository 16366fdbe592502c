import Foundation

/// Messages several forms share.
enum FormMessages {
    /// « … Réessayez dans 3 minutes. », after too many attempts.
    static func retry(_ reason: String, wait: TimeInterval) -> String {
        let minutes = max(1, Int((wait / 60).rounded(.up)))
        return "\(reason) Réessayez dans \(minutes) minute\(minutes > 1 ? "s" : "")."
    }

    /// A sign-up, or a visitor's case form, sent too often for one address or network.
    static func signUpThrottled(wait: TimeInterval) -> String {
        retry("Trop de demandes de création de compte pour cette adresse, ou depuis votre réseau, ces dernières minutes.", wait: wait)
    }
}
