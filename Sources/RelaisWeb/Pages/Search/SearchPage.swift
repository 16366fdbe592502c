import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SearchPage: Page {
    static let template = Template.search

    struct Hit: Encodable, Sendable {
        /// Built by `Highlight.html`: escaped text and `<mark>` only, safe to insert raw.
        let titleHTML: String
        let excerptHTML: String
        let href: String
    }

    struct Group: Encodable, Sendable {
        let id: String
        let label: String
        let count: Int
        let hits: [Hit]
    }

    let layout: LayoutModel
    let action: String
    let query: String
    /// Words were given and looked for.
    let searched: Bool
    let status: String?
    let groups: [Group]
    let nothingFound: Bool
    let situations: [SituationLink]
    let parcoursURL: String
    let directoryURL: String
    let vademecumURL: String
}

extension SearchPage {
    /// The results of `query` (`hits`), grouped by kind; `situations` are suggested when nothing matches.
    init(query: SearchQuery, hits: [AppDatabase.SearchHit], situations: [Situation], viewer: LayoutModel.Viewer?, demo: Bool) {
        // Kinds in the order of their best hit: a first name typed shows correspondents first.
        var kinds: [AppDatabase.SearchHit.Kind] = []
        for hit in hits where !kinds.contains(hit.kind) { kinds.append(hit.kind) }
        var groups: [Group] = []
        for kind in kinds {
            let found = hits.filter { $0.kind == kind }
            guard !found.isEmpty else { continue }
            groups.append(.init(id: "resultats-\(kind.rawValue)", label: Self.label(of: kind), count: found.count, hits: found.map { hit in
                .init(titleHTML: Highlight.html(hit.title), excerptHTML: Highlight.html(hit.excerpt), href: Self.href(of: hit))
            }))
        }
        let quoted = "«\u{00A0}\(query.text)\u{00A0}»"
        let status: String? = query.isEmpty ? nil : hits.isEmpty
            ? "Aucun résultat pour \(quoted)."
            : "\(hits.count) résultat\(hits.count > 1 ? "s" : "") pour \(quoted)."
        self.init(
            layout: LayoutModel(
                title: query.isEmpty ? "Rechercher" : "Recherche\u{202F}: \(query.text)",
                section: .search, demo: demo, viewer: viewer
            ),
            action: SiteURL.search.path,
            query: query.text,
            searched: !query.isEmpty,
            status: status,
            groups: groups,
            nothingFound: !query.isEmpty && hits.isEmpty,
            situations: situations.map(SituationLink.init),
            parcoursURL: SiteURL.parcours.path,
            directoryURL: SiteURL.directory.path,
            vademecumURL: SiteURL.vademecum.path
        )
    }

    static func label(of kind: AppDatabase.SearchHit.Kind) -> String {
        switch kind {
        case .factSheet: "Fiches du vademecum"
        case .situation: "Situations du parcours"
        case .correspondent: "Correspondants"
        case .partner: "Partenaires"
        case .departement: "Annuaire par département"
        }
    }

    static func href(of hit: AppDatabase.SearchHit) -> String {
        switch hit.kind {
        case .factSheet: SiteURL.factSheet(hit.ref).path
        case .situation: SiteURL.situation(hit.ref).path
        case .correspondent: SiteURL.directoryDepartement(hit.ref).path
        case .partner: SiteURL.partners.path + "#partenaire-\(hit.ref)"
        case .departement: SiteURL.directoryDepartement(hit.ref).path
        }
    }
}
