import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The directory: the map of France coloured by coverage, the same as a list by région, and one page
/// per département with who can help there.
struct DirectoryController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.directory, use: index)
        router.get(SiteURL.Route.directoryDepartement, use: show)
    }

    /// The map and the list by région.
    @Sendable func index(request: Request, context: RelaisRequestContext) async throws -> Response {
        let coverage = try await content.coverage(today: Day(clock()))
        let (mapSVG, legend) = try await content.coverageMap(today: Day(clock()), map: map, title: "Carte des départements selon la présence de correspondants")
        let page = DirectoryPage(
            layout: LayoutModel(
                title: "Annuaire des correspondants",
                description: "Les correspondants de Relais dans chaque département, sur une carte et par région.",
                section: .directory, config: config, context: context
            ),
            mapSVG: mapSVG,
            attribution: map.attribution,
            legend: legend,
            regions: Self.byRegion(coverage),
            parcoursURL: SiteURL.parcours.path
        )
        return renderer.page(page)
    }

    /// Régions of the métropole first, then the overseas ones, each in French alphabetical order;
    /// départements by code inside a région.
    static func byRegion(_ coverage: [AppDatabase.DepartementCoverage]) -> [DirectoryPage.RegionGroup] {
        let groups = Dictionary(grouping: coverage, by: \.regionCode)
        return groups.values.compactMap { departements -> DirectoryPage.RegionGroup? in
            guard let first = departements.first else { return nil }
            return DirectoryPage.RegionGroup(code: first.regionCode, name: first.regionName, departements: departements.map { departement in
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

    /// One département: its correspondents, the others of its région, the nearest help if it has none.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        guard let code = context.parameters.get("departement"), Territory.isDepartementCode(code),
              let entry = try await content.directoryEntry(departementCode: code, today: Day(clock())) else {
            throw HTTPError(.notFound)
        }
        let departement = entry.departement, region = entry.region
        let available = entry.local.count { $0.absentUntil == nil }
        let fallback: String? = if !entry.local.isEmpty {
            nil
        } else if !entry.regional.isEmpty {
            "Personne ne couvre encore ce département. Les correspondants de la région \(region.name) peuvent vous accompagner\u{202F}: ouvrez une demande, elle leur sera confiée."
        } else {
            "Personne ne couvre encore ce département ni sa région. Des correspondants d’autres régions peuvent vous accompagner à distance\u{202F}: ouvrez une demande, l’équipe la confiera à l’un d’eux."
        }
        let page = DepartementPage(
            layout: LayoutModel(
                title: "\(departement.name) (\(departement.code)) — Annuaire",
                description: "Les correspondants de Relais pour \(departement.name) et la région \(region.name).",
                section: .directory, config: config, context: context
            ),
            name: departement.name,
            code: departement.code,
            regionName: region.name,
            cssClass: CoverageText.cssClass(CoverageStatus(available: available, absent: entry.local.count - available)),
            summary: CoverageText.summary(available: available, absent: entry.local.count - available),
            patternsSVG: FranceMap.patternsSVG,
            local: entry.local.map(CorrespondentItem.init),
            regional: entry.regional.map(CorrespondentItem.init),
            national: entry.national.map(CorrespondentItem.init),
            fallback: fallback,
            openCaseURL: SiteURL.newCase.path + "?departement=\(departement.code)",
            parcoursURL: SiteURL.parcours.path + "?departement=\(departement.code)",
            directoryURL: SiteURL.directory.path
        )
        return renderer.page(page)
    }
}
