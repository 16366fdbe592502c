import Hummingbird
import NIOCore
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The request context of every Relais route: the session (set by `SessionMiddleware`), the form of
/// a state-changing request (read and CSRF-checked by `CSRFMiddleware`) and the client's address.
public struct RelaisRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The network address of the client, for throttling and the audit log: the connection's peer,
    /// or what a trusted proxy says (`ClientAddressMiddleware`).
    internal(set) var clientAddress: String
    /// Filled by `SessionMiddleware`; holds the session, created on demand by pages with forms.
    var sessions: SessionBox?
    /// The body of a POST, already checked against the session's CSRF token.
    var form: FormData?

    public init(source: Source) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "inconnue"
    }

    /// Forms are small; anything larger is refused before decoding.
    public var maxUploadSize: Int { FormData.maxBytes }

    /// The signed-in person, if any.
    var user: User? { sessions?.current?.user }

    var actor: Policy.Actor? { user?.actor }
}
