import Hummingbird

/// The request context of every Relais route.
public struct RelaisRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage

    public init(source: Source) {
        self.coreContext = .init(source: source)
    }

    /// Forms are small; anything larger is refused before decoding.
    public var maxUploadSize: Int { 1024 * 1024 }
}
