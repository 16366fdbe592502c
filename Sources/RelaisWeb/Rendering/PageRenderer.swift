import Foundation
import Hummingbird
import Mustache
import RelaisCore
import RelaisUseCases

/// The templates Relais renders; each must exist at start-up.
enum Template: String, CaseIterable {
    case home = "site/home"
    case axis = "site/axis"
    case about = "site/about"
    case parcoursIndex = "parcours/index"
    case situation = "parcours/situation"
    case saveDeadlines = "parcours/echeances"
    case vademecumIndex = "vademecum/index"
    case factSheet = "vademecum/sheet"
    case error = "errors/error"
    case partners = "annuaire/partenaires"
    case networks = "annuaire/reseaux"
    case directory = "annuaire/index"
    case directoryDepartement = "annuaire/departement"
    case search = "recherche/index"
    case signIn = "compte/connexion"
    case resetRequest = "compte/mot-de-passe-oublie"
    case newPassword = "compte/nouveau-mot-de-passe"
    case signUp = "compte/inscription"
    case checkMail = "compte/verifiez-votre-messagerie"
    case confirmation = "compte/confirmation"
    case account = "compte/compte"
    case myData = "compte/mes-donnees"
    case accountProfile = "compte/profil"
    case accountAddress = "compte/adresse"
    case addressConfirmation = "compte/adresse-confirmation"
    case accountPassword = "compte/mot-de-passe"
    case accountDeleted = "compte/compte-supprime"
    case desk = "correspondant/accueil"
    case staff = "equipe/accueil"
    case staffAudit = "equipe/journal"
    case staffOutbox = "equipe/courrier"
    case newCase = "demandes/nouvelle"
    case myCases = "demandes/mes-demandes"
    case caseFile = "demandes/demande"
    case caseConfirm = "demandes/confirmer"
    case staffCases = "equipe/demandes"
    case staffOutboxMessage = "equipe/message"
    case staffCorrespondents = "equipe/correspondants"
    case staffCorrespondent = "equipe/correspondant"
    case staffEditor = "equipe/editeur"
    case staffList = "equipe/liste"
    case staffSituation = "equipe/situation"
    case staffVademecum = "equipe/vademecum"
    case staffSheet = "equipe/fiche"
    case staffSheetHistory = "equipe/historique"
    case signInCode = "compte/code"
    case secondFactor = "compte/double-authentification"
    case recoveryCodes = "compte/codes-de-secours"
    case staffAccounts = "equipe/comptes"
    case staffSynonyms = "equipe/synonymes"
    case layout = "layout"
}

/// Renders view models with the templates of `Templates/`, loaded once at start-up.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads every template; a missing folder or template stops the start-up with one clear line.
    static func load(from path: String) async throws -> PageRenderer {
        let library = try TemplateLibrary.load(from: path)
        for template in Template.allCases where library.getTemplate(named: template.rawValue) == nil {
            throw StartupError("template \(template.rawValue).mustache is missing from \(path)")
        }
        return PageRenderer(library: library)
    }

    /// Renders `model` with `template` as an HTML response.
    func page(_ model: Any, _ template: Template, status: HTTPResponse.Status = .ok) -> Response {
        // Every template was checked at start-up, so rendering cannot miss one.
        let html = library.render(model, withTemplate: template.rawValue) ?? ""
        return Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}
