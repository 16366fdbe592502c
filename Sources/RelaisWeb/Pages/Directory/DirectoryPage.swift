import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct DirectoryPage: Page {
    static let template = Template.directory


    struct DepartementItem: Encodable, Sendable {
        let code: String
        let name: String
        let href: String
        let cssClass: String
        let summary: String
    }

    struct RegionGroup: Encodable, Sendable {
        let code: String
        let name: String
        let departements: [DepartementItem]
    }

    let layout: LayoutModel
    /// Produced by `FranceMap.svg` from escaped text only: safe to insert raw.
    let mapSVG: String
    let attribution: String
    let legend: [CoverageLegendItem]
    let regions: [RegionGroup]
    let parcoursURL: String
}

extension DirectoryPage {
    /// The map's title, read by screen readers (`CoverageMap`).
    static let mapTitle = "Carte des départements selon la présence de correspondants"

    /// `drawn` is the coverage map with `mapTitle`, as `PublicContent.coverageMap` keeps it.
    init(coverage: [AppDatabase.DepartementCoverage], drawn: (svg: String, legend: [CoverageLegendItem]), map: FranceMap,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let (mapSVG, legend) = drawn
        self.init(
            layout: LayoutModel(
                title: "Annuaire des correspondants",
                description: "Les correspondants de Relais dans chaque département, sur une carte et par région.",
                section: .directory, demo: demo, viewer: viewer
            ),
            mapSVG: mapSVG,
            attribution: map.attribution,
            legend: legend,
            regions: Self.byRegion(coverage),
            parcoursURL: SiteURL.parcours.path
        )
    }

    /// Régions of the métropole first, then the overseas ones, each in French alphabetical order;
    /// départements by code inside a région.
    static func byRegion(_ coverage: [AppDatabase.DepartementCoverage]) -> [RegionGroup] {
        let groups = Dictionary(grouping: coverage, by: \.regionCode)
        return groups.values.compactMap { departements -> RegionGroup? in
            guard let first = departements.first else { return nil }
            return RegionGroup(code: first.regionCode, name: first.regionName, departements: departements.map { departement in
                let text = CoverageText(departement)
                return .init(code: departement.code, name: departement.name, href: SiteURL.directoryDepartement(departement.code).path,
                             cssClass: text.cssClass, summary: text.summary)
            })
        }
        // Overseas régions have codes 01 to 06; the sort key is computed once per région.
        .map { (overseas: $0.code.hasPrefix("0"), key: Text.folded($0.name), group: $0) }
        .sorted { lhs, rhs in lhs.overseas != rhs.overseas ? !lhs.overseas : lhs.key < rhs.key }
        .map(\.group)
    }
}
