import Hummingbird
import RelaisCore
import RelaisUseCases

extension TrustedDevices {
    /// The cookie holding a trusted browser's secret, sent to the sign-in pages only; an empty secret
    /// clears it.
    func cookie(_ secret: String, secure: Bool) -> Cookie {
        Cookie(name: Self.cookieName, value: secret, maxAge: secret.isEmpty ? 0 : Int(Self.lifetime), path: SiteURL.signIn.path,
               secure: secure, httpOnly: true, sameSite: .strict)
    }
}
