import Foundation
import Hummingbird
import RelaisCore

/// Every page of the site, used both to register routes and to build links, so no path is typed
/// twice. DESIGN §6 lists the URLs that must stay stable.
public enum SiteURL: Sendable, Hashable {
    case home
    case parcours
    case situation(String)
    case axis(Axis)
    case vademecum
    case factSheet(String)
    case about
    case healthz
    case livez
    case stylesheet
    case partners
    case networks
    case signIn
    case signOut
    case signUp
    case signUpConfirmation
    case forgotPassword
    case newPassword
    case invitation
    case account
    case signOutEverywhere
    case myData
    case myDataExport
    case deleteAccount
    case correspondentDesk
    case staff
    case staffAudit
    case staffOutbox
    case directory
    case directoryDepartement(String)
    case search
    /// The case form (built by the cases work); the directory and the parcours link to it.
    case newCase

    /// The path of this page, percent-safe (slugs and codes are ASCII by construction).
    public var path: String {
        switch self {
        case .home: "/"
        case .parcours: "/parcours"
        case .situation(let slug): "/parcours/\(slug)"
        case .axis(let axis): "/axes/\(axis.rawValue)"
        case .vademecum: "/vademecum"
        case .factSheet(let slug): "/vademecum/\(slug)"
        case .about: "/a-propos"
        case .healthz: "/healthz"
        case .livez: "/livez"
        case .stylesheet: "/css/relais.css"
        case .partners: "/partenaires"
        case .networks: "/reseaux"
        case .signIn: "/connexion"
        case .signOut: "/deconnexion"
        case .signUp: "/inscription"
        case .signUpConfirmation: "/inscription/confirmation"
        case .forgotPassword: "/mot-de-passe-oublie"
        case .newPassword: "/mot-de-passe/nouveau"
        case .invitation: "/invitation"
        case .account: "/compte"
        case .signOutEverywhere: "/compte/deconnexion-partout"
        case .myData: "/mes-donnees"
        case .myDataExport: "/mes-donnees/export.json"
        case .deleteAccount: "/mes-donnees/suppression"
        case .correspondentDesk: "/correspondant"
        case .staff: "/equipe"
        case .staffAudit: "/equipe/journal"
        case .staffOutbox: "/equipe/courrier"
        case .directory: "/annuaire"
        case .directoryDepartement(let code): "/annuaire/\(code)"
        case .search: "/recherche"
        case .newCase: "/demandes/nouvelle"
        }
    }

    /// The absolute address of this page on the public site, for mails.
    public func absolute(base: String, query: [(String, String)] = []) -> String {
        var url = base + path
        if !query.isEmpty {
            // RFC 3986 unreserved characters stay as they are: tokens read the same in a mail.
            var unreserved = CharacterSet.alphanumerics
            unreserved.insert(charactersIn: "-._~")
            url += "?" + query.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: unreserved) ?? "")" }.joined(separator: "&")
        }
        return url
    }

    /// Route patterns, for the router.
    enum Route {
        static let home: RouterPath = "/"
        static let parcours: RouterPath = "/parcours"
        static let situation: RouterPath = "/parcours/:situation"
        static let axis: RouterPath = "/axes/:axe"
        static let vademecum: RouterPath = "/vademecum"
        static let factSheet: RouterPath = "/vademecum/:slug"
        static let about: RouterPath = "/a-propos"
        static let healthz: RouterPath = "/healthz"
        static let livez: RouterPath = "/livez"
        static let partners: RouterPath = "/partenaires"
        static let networks: RouterPath = "/reseaux"
        static let signIn: RouterPath = "/connexion"
        static let signOut: RouterPath = "/deconnexion"
        static let signUp: RouterPath = "/inscription"
        static let signUpConfirmation: RouterPath = "/inscription/confirmation"
        static let forgotPassword: RouterPath = "/mot-de-passe-oublie"
        static let newPassword: RouterPath = "/mot-de-passe/nouveau"
        static let invitation: RouterPath = "/invitation"
        static let account: RouterPath = "/compte"
        static let signOutEverywhere: RouterPath = "/compte/deconnexion-partout"
        static let myData: RouterPath = "/mes-donnees"
        static let myDataExport: RouterPath = "/mes-donnees/export.json"
        static let deleteAccount: RouterPath = "/mes-donnees/suppression"
        static let correspondentDesk: RouterPath = "/correspondant"
        static let staff: RouterPath = "/equipe"
        static let staffAudit: RouterPath = "/equipe/journal"
        static let staffOutbox: RouterPath = "/equipe/courrier"
        static let directory: RouterPath = "/annuaire"
        static let directoryDepartement: RouterPath = "/annuaire/:departement"
        static let search: RouterPath = "/recherche"
    }
}
