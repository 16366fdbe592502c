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
    /// A second page of the line (an atelier's registrations).
    var extra: Extra? = nil

    struct Extra: Encodable, Sendable {
        let url: String
        let label: String
    }
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
    init(ateliers rows: [Atelier], counts: [Int64: (registered: Int, waiting: Int)] = [:], viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Ateliers", section: .staff, demo: demo, viewer: viewer),
            title: "Ateliers", newURL: SiteURL.staffAtelier("nouveau").path, newLabel: "Ajouter un atelier",
            lines: rows.map { atelier -> ListLine in
                let count = counts[atelier.id ?? 0] ?? (0, 0)
                let capacity = atelier.capacity.map { " sur \($0)" } ?? ""
                return ListLine(url: SiteURL.staffAtelier(String(atelier.id ?? 0)).path, name: atelier.title,
                                detail: Self.frenchDateTime(atelier.startsAt) + " · " + atelier.axis.label + (atelier.online ? " · en visio" : "")
                                    + (atelier.cancelledAt != nil ? " · annulé" : atelier.closedAt != nil ? " · inscriptions closes" : ""),
                                archived: atelier.archived,
                                extra: .init(url: SiteURL.staffAtelierRegistrations(atelier.id ?? 0).path,
                                             label: "Inscriptions\u{00A0}: \(count.registered)\(capacity), \(count.waiting) en attente"))
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
