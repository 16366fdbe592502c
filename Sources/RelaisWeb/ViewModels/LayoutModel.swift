import RelaisCore

/// What the layout template needs on every page.
struct LayoutModel: Sendable {
    struct NavItem: Sendable {
        let label: String
        let href: String
        let current: Bool
    }

    /// The part of the site a page belongs to, for the navigation's `aria-current`.
    enum Section: Sendable {
        case home, parcours, axes, vademecum, about, none
    }

    let title: String
    let description: String
    let nav: [NavItem]
    let demo: Bool
    let stylesheet: String
    let homeURL: String
    let aboutURL: String
    let vademecumURL: String
    let parcoursURL: String
    let axes: [NavItem]

    init(title: String, description: String = LayoutModel.siteDescription, section: Section, demo: Bool) {
        self.title = title
        self.description = description
        self.demo = demo
        self.stylesheet = SiteURL.stylesheet.path
        self.homeURL = SiteURL.home.path
        self.aboutURL = SiteURL.about.path
        self.vademecumURL = SiteURL.vademecum.path
        self.parcoursURL = SiteURL.parcours.path
        self.nav = [
            NavItem(label: "Accueil", href: SiteURL.home.path, current: section == .home),
            NavItem(label: "Mon parcours", href: SiteURL.parcours.path, current: section == .parcours),
            NavItem(label: "Vademecum juridique", href: SiteURL.vademecum.path, current: section == .vademecum),
            NavItem(label: "À propos", href: SiteURL.about.path, current: section == .about),
        ]
        self.axes = Axis.allCases.map { NavItem(label: $0.label, href: SiteURL.axis($0).path, current: false) }
    }

    static let siteDescription =
        "Relais, l’entraide entre directeurs généraux des collectivités : un parcours personnel, un correspondant près de chez vous, le droit applicable, en toute confidentialité."
}
