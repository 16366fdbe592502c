import HTTPTypes
import Hummingbird
import RelaisCore
import RelaisUseCases

/// Reads the client's address from `X-Forwarded-For` when, and only when, the connection comes from
/// a configured trusted proxy; anyone else could write that header to pass for someone else.
struct ClientAddressMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext

    let proxies: TrustedProxies

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard !proxies.isEmpty else { return try await next(request, context) }
        var context = context
        context.clientAddress = proxies.clientAddress(peer: context.clientAddress, forwardedFor: request.headers[values: .xForwardedFor])
        return try await next(request, context)
    }
}

extension HTTPField.Name {
    static let xForwardedFor = Self("X-Forwarded-For")!
}
