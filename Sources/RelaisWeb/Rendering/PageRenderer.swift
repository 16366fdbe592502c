import Foundation
import Hummingbird
import RelaisCore
import RelaisTemplates
import RelaisUseCases

/// The templates Relais renders; each must exist at start-up.
enum Template: String, CaseIterable {
    case home = "site/home"
    case initiativeForm = "groupes/initiative-formulaire"
    case initiative = "groupes/initiative"
    case staffInitiatives = "equipe/initiatives"
    case staffInitiative = "equipe/initiative"
    case axis = "site/axis"
    case about = "site/about"
    case parcoursIndex = "parcours/index"
    case situation = "parcours/situation"
    case situationSteps = "parcours/etapes"
    case saveDeadlines = "parcours/echeances"
    case vademecumIndex = "vademecum/index"
    case factSheet = "vademecum/sheet"
    case error = "errors/error"
    case partners = "annuaire/partenaires"
    case networks = "annuaire/reseaux"
    case atelier = "annuaire/atelier"
    case staffAtelier = "equipe/atelier-inscriptions"
    case groups = "groupes/index"
    case groupForm = "groupes/proposer"
    case group = "groupes/groupe"
    case meetingForm = "groupes/reunion-nouvelle"
    case meeting = "groupes/reunion"
    case notesVersion = "groupes/notes-version"
    case staffGroups = "equipe/groupes"
    case staffGroup = "equipe/groupe"
    case peers = "pairs/index"
    case peerProposals = "pairs/propositions"
    case peerProfile = "pairs/profil"
    case peerExchange = "pairs/echange"
    case observations = "remontees/index"
    case staffObservations = "equipe/remontees"
    case staffObservation = "equipe/remontee"
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
    case caseThread = "demandes/fil"
    case caseTimeline = "demandes/historique"
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
    case staffExperts = "equipe/experts"
    case expertDesk = "expert/accueil"
    case referral = "expert/avis"
    case referralProposal = "demandes/avis-nouveau"
    case closingFeedback = "demandes/retour"
    case sheetVote = "vademecum/avis"
    case sheetReport = "vademecum/signalement"
    case sheetThanks = "vademecum/merci"
    case staffFeedback = "equipe/retours"
    case staffSheetReports = "equipe/signalements"
    case layout = "layout"
}

/// Renders pages with the templates of `Templates/`, compiled once at start-up (`RelaisTemplates`).
struct PageRenderer: Sendable {
    let templates: TemplateSet

    /// Loads every template; a missing folder, a template that does not parse or a missing page
    /// template stops the start-up with one clear line.
    static func load(from path: String) async throws -> PageRenderer {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            throw StartupError("templates folder not found at \(path) (set RELAIS_TEMPLATES or run from the project folder)")
        }
        let templates: TemplateSet
        do {
            templates = try TemplateSet.load(from: path)
        } catch {
            throw StartupError("\(error) in \(path)")
        }
        for template in Template.allCases where !templates.contains(template.rawValue) {
            throw StartupError("template \(template.rawValue).mustache is missing from \(path)")
        }
        return PageRenderer(templates: templates)
    }

    /// The page's HTML: its model encoded into a value tree, walked by its own template.
    func html<P: Page>(_ page: P) -> [UInt8] {
        // Every template was checked at start-up, and encoding into a value tree cannot fail (the
        // encoder has no error of its own and the pages' conformances are synthesized).
        (try? templates.render(page, template: P.template.rawValue)) ?? []
    }

    /// The page as an HTML response.
    func page<P: Page>(_ page: P, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status,
            headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: html(page)))
        )
    }
}
