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
        // A message or a note with files streams to disk: its handler reads the body and checks the
        // token, which must be its first field, before any file is written (`UploadForm`). Any other
        // route gets its form here, and a multipart body there is refused.
        if UploadForm.isMultipart(request), Self.acceptsFiles(request.uri.path) {
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

    /// The routes that take files: `/demandes/{reference}/message`, `/demandes/{reference}/note`,
    /// `/demandes/{reference}/avis/{id}/message` and `/avis/{id}/message`.
    static func acceptsFiles(_ path: String) -> Bool {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.first?.isEmpty == true, !parts.dropFirst().contains(where: \.isEmpty) else { return false }
        switch parts.count {
        case 4: return (parts[1] == "demandes" && (parts[3] == "message" || parts[3] == "note")) || (parts[1] == "avis" && parts[3] == "message")
        case 6: return parts[1] == "demandes" && parts[3] == "avis" && parts[5] == "message"
        default: return false
        }
    }
}
