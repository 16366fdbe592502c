import RelaisCore
import RelaisUseCases

/// What the layout template needs on every page.
struct LayoutModel: Encodable, Sendable {
    struct NavItem: Encodable, Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    /// The part of the site a page belongs to, for the navigation's `aria-current`.
    enum Section: Sendable {
        case home, parcours, directory, axes, vademecum, network, search, about, account, desk, staff, expert, none
    }

    /// The signed-in person, for the header: name, their pages and the sign-out form.
    struct Viewer: Encodable, Sendable {
        let name: String
        let accountURL: String
        let deskURL: String?
        let deskLabel: String?
        let casesURL: String
        let signOutURL: String
        let csrf: String
    }

    let title: String
    let description: String
    let viewer: Viewer?
    let signInURL: String
    let nav: [NavItem]
    let demo: Bool
    let stylesheet: String
    let homeURL: String
    let aboutURL: String
    let vademecumURL: String
    let parcoursURL: String
    let directoryURL: String
    /// The header's search form (GET, works without JavaScript).
    let searchURL: String
    let axes: [NavItem]

    init(title: String, description: String = LayoutModel.siteDescription, section: Section, demo: Bool, viewer: Viewer? = nil) {
        self.title = title
        self.description = description
        self.viewer = viewer
        self.signInURL = SiteURL.signIn.path
        self.demo = demo
        self.stylesheet = SiteURL.stylesheet.path
        self.homeURL = SiteURL.home.path
        self.aboutURL = SiteURL.about.path
        self.vademecumURL = SiteURL.vademecum.path
        self.parcoursURL = SiteURL.parcours.path
        self.directoryURL = SiteURL.directory.path
        self.searchURL = SiteURL.search.path
        self.nav = [
            NavItem(label: "Accueil", href: SiteURL.home.path, current: section == .home),
            NavItem(label: "Mon parcours", href: SiteURL.parcours.path, current: section == .parcours),
            NavItem(label: "Annuaire", href: SiteURL.directory.path, current: section == .directory),
            NavItem(label: "Vademecum juridique", href: SiteURL.vademecum.path, current: section == .vademecum),
            NavItem(label: "Partenaires", href: SiteURL.partners.path, current: section == .network),
            NavItem(label: "À propos", href: SiteURL.about.path, current: section == .about),
        ]
        self.axes = Axis.allCases.map { NavItem(label: $0.label, href: SiteURL.axis($0).path, current: false) }
    }

    static let siteDescription =
        "Relais, l’entraide entre directeurs généraux des collectivités\u{00A0}: un parcours personnel, un correspondant près de chez vous, le droit applicable, en toute confidentialité."
}

extension LayoutModel.Viewer {
    /// The header's view of the signed-in person of `context`, or nil for a visitor.
    init?(_ context: RelaisRequestContext) {
        guard let current = context.sessions?.current, let user = current.user else { return nil }
        name = user.name
        accountURL = SiteURL.account.path
        switch user.role {
        case .correspondant:
            deskURL = SiteURL.correspondentDesk.path
            deskLabel = "Mon espace correspondant"
        case .equipe, .admin:
            deskURL = SiteURL.staff.path
            deskLabel = "Espace équipe"
        case .expert:
            deskURL = SiteURL.expertDesk.path
            deskLabel = "Mon espace expert"
        case .demandeur:
            deskURL = nil
            deskLabel = nil
        }
        casesURL = SiteURL.myCases.path
        signOutURL = SiteURL.signOut.path
        csrf = current.csrfToken
    }
}

extension LayoutModel {
    /// The layout of a page seen by the person of `context`.
    init(title: String, description: String = LayoutModel.siteDescription, section: Section, config: AppConfig, context: RelaisRequestContext) {
        self.init(title: title, description: description, section: section, demo: config.demo, viewer: Viewer(context))
    }
}
