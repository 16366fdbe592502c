import RelaisCore
import RelaisStore

/// A key of the coverage map's legend: the pattern, what it means, how many départements.
struct CoverageLegendItem: Encodable, Sendable {
    let cssClass: String
    let label: String
    let count: Int
}

/// The map of the départements by correspondent coverage, shown by the directory and the staff
/// dashboard alike.
enum CoverageMap {
    /// The coverage map and its legend; the back-office dashboard shows the same map.
    static func render(_ coverage: [AppDatabase.DepartementCoverage], map: FranceMap, title: String) -> (String, [CoverageLegendItem]) {
        var marks: [String: FranceMap.Mark] = [:]
        for departement in coverage {
            let text = CoverageText(departement)
            marks[departement.code] = .init(cssClass: text.cssClass, href: SiteURL.directoryDepartement(departement.code).path, label: text.label)
        }
        let legend: [CoverageLegendItem] = [
            (CoverageStatus.available, "Au moins un correspondant disponible"),
            (.absent, "Correspondants absents pour le moment (hachures)"),
            (.none, "Pas encore de correspondant (pointillés)\u{202F}: la région prend le relais"),
        ].map { status, label in
            .init(cssClass: CoverageText.cssClass(status), label: label, count: coverage.count { $0.status == status })
        }
        return (map.svg(title: title, marks: marks), legend)
    }
}
