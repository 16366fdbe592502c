import Hummingbird
import Logging
import RelaisCore
import RelaisUseCases

struct ErrorPage: Page {
    static let template = Template.error

    let layout: LayoutModel
    let status: Int
    let heading: String
    let message: String
    /// Shown for server errors only, so people can quote it to the team.
    let requestId: String?
    let homeURL: String
    let parcoursURL: String
}

extension ErrorPage {
    /// The page for `status`; `requestId` is shown for server errors only. Nobody is named in its
    /// layout: it is the same whoever asks.
    init(status: HTTPResponse.Status, requestId: String, demo: Bool) {
        let (heading, message) = Self.text(for: status)
        self.init(
            layout: LayoutModel(title: heading, section: .none, demo: demo),
            status: status.code,
            heading: heading,
            message: message,
            requestId: status.code >= 500 ? requestId : nil,
            homeURL: SiteURL.home.path,
            parcoursURL: SiteURL.parcours.path
        )
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
