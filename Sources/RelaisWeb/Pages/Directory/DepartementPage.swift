import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct DepartementPage: Page {
    static let template = Template.directoryDepartement

    let layout: LayoutModel
    let name: String
    let code: String
    let regionName: String
    let cssClass: String
    let summary: String
    /// `FranceMap.patternsSVG`, constant markup: safe to insert raw.
    let patternsSVG: String
    let local: [CorrespondentItem]
    let regional: [CorrespondentItem]
    let national: [CorrespondentItem]
    /// Set when nobody covers the département: what the page offers instead.
    let fallback: String?
    let openCaseURL: String
    let parcoursURL: String
    let directoryURL: String
}

extension DepartementPage {
    init(_ entry: AppDatabase.DirectoryEntry, viewer: LayoutModel.Viewer?, demo: Bool) {
        let departement = entry.departement, region = entry.region
        let available = entry.local.count { $0.absentUntil == nil }
        let fallback: String? = if !entry.local.isEmpty {
            nil
        } else if !entry.regional.isEmpty {
            "Personne ne couvre encore ce département. Les correspondants de la région \(region.name) peuvent vous accompagner\u{202F}: ouvrez une demande, elle leur sera confiée."
        } else {
            "Personne ne couvre encore ce département ni sa région. Des correspondants d’autres régions peuvent vous accompagner à distance\u{202F}: ouvrez une demande, l’équipe la confiera à l’un d’eux."
        }
        self.init(
            layout: LayoutModel(
                title: "\(departement.name) (\(departement.code)) — Annuaire",
                description: "Les correspondants de Relais pour \(departement.name) et la région \(region.name).",
                section: .directory, demo: demo, viewer: viewer
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
    }
}
