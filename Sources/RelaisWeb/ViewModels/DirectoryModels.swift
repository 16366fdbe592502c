import RelaisCore
import RelaisStore
import RelaisUseCases

/// French wording and CSS class of a département's coverage, shared by the map, the list by région
/// and the département page, so the three always say the same thing.
struct CoverageText: Sendable {
    let cssClass: String
    /// « 2 correspondants disponibles », « aucun correspondant pour l’instant ».
    let summary: String
    /// « Gironde (33) : 2 correspondants disponibles », the accessible name of the map's link.
    let label: String

    init(_ coverage: AppDatabase.DepartementCoverage) {
        cssClass = Self.cssClass(coverage.status)
        summary = Self.summary(available: coverage.available, absent: coverage.absent)
        label = "\(coverage.name) (\(coverage.code))\u{202F}: \(summary)"
    }

    static func cssClass(_ status: CoverageStatus) -> String {
        switch status {
        case .available: "coverage-available"
        case .absent: "coverage-absent"
        case .none: "coverage-none"
        }
    }

    static func summary(available: Int, absent: Int) -> String {
        switch (available, absent) {
        case (0, 0): "aucun correspondant pour l’instant"
        case (0, 1): "1 correspondant, absent pour le moment"
        case (0, _): "\(absent) correspondants, tous absents pour le moment"
        default:
            (available == 1 ? "1 correspondant disponible" : "\(available) correspondants disponibles")
                + (absent == 0 ? "" : absent == 1 ? ", 1 absent" : ", \(absent) absents")
        }
    }
}

/// A correspondent as directors see them: first name, presentation, axes, availability. Never an
/// address nor a phone number: they are reached by opening a case.
struct CorrespondentItem: Encodable, Sendable {
    let firstName: String
    let position: String
    let presentation: String
    let place: String
    let axes: [String]
    let absentUntil: String?

    init(_ card: AppDatabase.CorrespondentCard) {
        firstName = card.firstName
        position = card.position
        presentation = card.presentation
        place = card.mainDepartement
        axes = card.axes.map(\.label)
        absentUntil = card.absentUntil?.frenchLong
    }
}
