import Hummingbird
import RelaisCore
import RelaisUseCases

/// Every state-changing request carries the session's token in its form (`_csrf`). A missing or wrong
/// token gets a French 403 page and nothing changes. The form read here is handed to the handler, so
/// the body is read once, with the size and encoding checks of `FormData`.
struct CSRFMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext

    static let fieldName = "_csrf"

    let sessions: Sessions

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard ![.get, .head, .options].contains(request.method) else {
            return try await next(request, context)
        }
        let form = try await FormData.read(from: request, context: context)
        guard sessions.acceptsFormToken(form.raw(Self.fieldName) ?? "", context: context) else {
            context.logger.notice("CSRF token missing or wrong", metadata: ["path": "\(request.uri.path)"])
            throw HTTPError(.forbidden)
        }
        var context = context
        context.form = form
        return try await next(request, context)
    }

}
