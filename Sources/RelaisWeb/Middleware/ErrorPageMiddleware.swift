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
        let (heading, message) = Self.text(for: status)
        let model = ErrorPage(
            layout: LayoutModel(title: heading, section: .none, demo: demo),
            status: status.code,
            heading: heading,
            message: message,
            requestId: status.code >= 500 ? requestId : nil,
            homeURL: SiteURL.home.path,
            parcoursURL: SiteURL.parcours.path
        )
        var response = renderer.page(model, status: status)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    static func text(for status: HTTPResponse.Status) -> (String, String) {
        switch status.code {
        case 404:
            ("Page introuvable", "Cette adresse ne correspond à aucune page de Relais. Elle a peut-être changé, ou une lettre s’est glissée de travers.")
        case 400:
            ("Demande incomprise", "Le formulaire ou l’adresse envoyés n’ont pas pu être lus. Revenez en arrière et réessayez.")
        case 403:
            ("Action refusée", "Cette action n’a pas pu être vérifiée. Rechargez la page et réessayez.")
        case 409:
            ("Modifiée entre-temps", "Ce sur quoi vous agissiez a changé entre-temps\u{00A0}: rien n’a été enregistré. Revenez à votre espace pour voir où en sont les choses.")
        case 405:
            ("Action non prévue", "Cette page ne permet pas cette action.")
        case 413:
            ("Envoi trop volumineux", "Ce que vous avez envoyé dépasse la taille autorisée (1\u{00A0}Mo). Raccourcissez le texte et réessayez.")
        case 503:
            ("Service momentanément indisponible", "Relais est momentanément indisponible. Réessayez dans quelques minutes.")
        default:
            if status.code >= 500 {
                ("Une erreur est survenue", "Relais n’a pas pu afficher cette page. Rien de ce que vous avez fait n’est perdu\u{00A0}: réessayez dans un instant. Si le problème continue, transmettez le numéro ci-dessous à l’équipe.")
            } else {
                ("Demande impossible", "Cette demande n’a pas pu aboutir.")
            }
        }
    }
}
