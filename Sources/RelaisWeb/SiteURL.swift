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
        }
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
    }
}
