import Hummingbird
import Logging
import RelaisCore
import RelaisUseCases

/// Turns errors into calm French pages. A 404 says the page does not exist; anything unexpected
/// answers 500 with the request id, and the detail goes to the log only, never to the page.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext

    let renderer: PageRenderer
    let demo: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let redirect as Redirect {
            return redirect.response
        } catch let error as HTTPResponseError {
            let status = error.status
            if status.code >= 500 {
                context.logger.error("request failed", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            }
            return page(for: status, requestId: context.id)
        } catch {
            context.logger.error("unexpected error", metadata: ["error": "\(error)", "path": "\(request.uri.path)"])
            return page(for: .internalServerError, requestId: context.id)
        }
    }

    func page(for status: HTTPResponse.Status, requestId: String) -> Response {
        var response = renderer.page(ErrorPage(status: status, requestId: requestId, demo: demo), status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
