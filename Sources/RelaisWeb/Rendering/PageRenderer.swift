import Foundation
import Hummingbird
import Mustache

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

/// How `{{value}}` is escaped in HTML templates: the same five characters as swift-mustache's own HTML
/// escaping (`& < > " '`), by `HTML.escape`, which walks the UTF-8 bytes once and returns text with
/// nothing to escape as it is. swift-mustache's looks every character up in a dictionary, which was
/// the largest single cost of rendering a page (bench/README.md).
struct EscapedHTML: MustacheContentType {
    static let name = "RELAIS_HTML"

    func escapeText(_ text: String) -> String {
        HTML.escape(text)
    }
}

/// Renders view models with the templates of `Templates/`, loaded once at start-up.
struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads every template; a missing folder or template stops the start-up with one clear line.
    static func load(from path: String) async throws -> PageRenderer {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            throw StartupError("templates folder not found at \(path) (set RELAIS_TEMPLATES or run from the project folder)")
        }
        MustacheContentTypes.register(EscapedHTML(), named: EscapedHTML.name)
        var library = MustacheLibrary()
        let folder = path.hasSuffix("/") ? path : path + "/"
        for case let file as String in FileManager.default.enumerator(atPath: folder)?.allObjects ?? [] where file.hasSuffix(".mustache") {
            guard let source = FileManager.default.contents(atPath: folder + file).flatMap({ String(data: $0, encoding: .utf8) }) else {
                throw StartupError("template \(folder + file) cannot be read as UTF-8 text")
            }
            do {
                // A template that names its content type (the text mails) keeps it; every other one is
                // HTML escaped by `EscapedHTML`. The pragma on a line of its own renders nothing.
                let text = source.hasPrefix("{{%") ? source : "{{% CONTENT_TYPE: \(EscapedHTML.name)}}\n" + source
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            } catch {
                throw StartupError("template \(file) in \(path) does not parse: \(error)")
            }
        }
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

/// A condition that stops the server before it serves; `description` is the one line printed.
public struct StartupError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
