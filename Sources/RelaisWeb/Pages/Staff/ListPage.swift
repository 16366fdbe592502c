import RelaisCore
import RelaisStore

/// The staff's plain lists (partners, ateliers, networks, situations).
struct ListPage: Page {
    static let template = Template.staffList

    let layout: LayoutModel
    let title: String
    let newURL: String
    let newLabel: String
    let lines: [ListLine]
}

struct ListLine: Encodable, Sendable {
    let url: String
    let name: String
    let detail: String
    let archived: Bool
}

extension ListPage {
    /// The partners, each with its kind and where it works.
    init(partners rows: [(partner: Partner, regions: [String], axes: [Axis])], viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Partenaires", section: .staff, demo: demo, viewer: viewer),
            title: "Partenaires", newURL: SiteURL.staffPartner("nouveau").path, newLabel: "Ajouter un partenaire",
            lines: rows.map { partner, regions, _ in
                ListLine(url: SiteURL.staffPartner(String(partner.id ?? 0)).path, name: partner.name,
                         detail: partner.kind.label + " · " + (partner.national ? "national" : regions.joined(separator: ", ")), archived: partner.archived)
            }
        )
    }

    /// The ateliers, each with its start, its axis and whether it is online.
    init(ateliers rows: [Atelier], viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Ateliers", section: .staff, demo: demo, viewer: viewer),
            title: "Ateliers", newURL: SiteURL.staffAtelier("nouveau").path, newLabel: "Ajouter un atelier",
            lines: rows.map {
                ListLine(url: SiteURL.staffAtelier(String($0.id ?? 0)).path, name: $0.title,
                         detail: Self.frenchDateTime($0.startsAt) + " · " + $0.axis.label + ($0.online ? " · en visio" : ""), archived: $0.archived)
            }
        )
    }

    static func frenchDateTime(_ text: String) -> String {
        guard let day = Day(iso: String(text.prefix(10))) else { return text }
        let time = text.dropFirst(11).replacingOccurrences(of: ":", with: "\u{00A0}h\u{00A0}")
        return "\(day.frenchLong) à \(time)"
    }

    /// The networks, each with its kind.
    init(networks rows: [Network], viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Réseaux", section: .staff, demo: demo, viewer: viewer),
            title: "Réseaux", newURL: SiteURL.staffNetwork("nouveau").path, newLabel: "Ajouter un réseau",
            lines: rows.map {
                ListLine(url: SiteURL.staffNetwork(String($0.id ?? 0)).path, name: $0.name + ($0.acronym.isEmpty ? "" : " (\($0.acronym))"),
                         detail: $0.kind.label, archived: $0.archived)
            }
        )
    }

    /// The parcours' situations, each with its urgency.
    init(situations: [Situation], viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Parcours", section: .staff, demo: demo, viewer: viewer),
            title: "Parcours", newURL: SiteURL.parcours.path, newLabel: "Voir le questionnaire public",
            lines: situations.map {
                ListLine(url: SiteURL.staffSituation($0.slug).path, name: $0.title, detail: $0.urgency.label, archived: false)
            }
        )
    }
}
