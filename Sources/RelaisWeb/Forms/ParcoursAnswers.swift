import Foundation
import Hummingbird
import RelaisCore
import RelaisUseCases

/// The questionnaire's answers. They travel in the URL only (bookmarkable); nothing is stored for a
/// visitor.
struct ParcoursAnswers: Sendable, Equatable {
    /// What is happening, as the director would say it.
    enum Urgency: String, CaseIterable, Sendable {
        case annoncee = "decision-annoncee"
        case datee = "date-fixee"
        case prise = "decision-prise"
        case inquietude

        var label: String {
            switch self {
            case .annoncee: "Une décision est annoncée ou laissée entendre"
            case .datee: "Une date est fixée (entretien, conseil, départ)"
            case .prise: "La décision est prise ou m’a été notifiée"
            case .inquietude: "Rien n’est décidé, mais je m’inquiète"
            }
        }
    }

    /// The dates of an end of functions, by query name.
    static let dateFields: [(name: String, label: String)] = [
        ("nomination", "Ma nomination dans l’emploi"),
        ("designation", "L’élection ou la désignation de l’autorité territoriale (maire, président)"),
        ("entretien", "L’entretien préalable avec l’autorité"),
        ("information", "L’information de l’assemblée délibérante"),
        ("arrete", "La date de l’arrêté (la décision signée), si vous la connaissez"),
        ("notification", "La notification de la décision"),
        ("effet", "La date d’effet prévue"),
    ]

    var position: Position?
    var employerCode: String?
    var departementCode: String?
    var urgency: Urgency?
    var dates: [String: Day] = [:]
    /// Date fields whose text was not a date, to say so beside them.
    var invalidDates: [String] = []

    init() {}

    init(query: [String: String]) {
        position = query["poste"].flatMap(Position.init(rawValue:))
        employerCode = query["employeur"].flatMap { $0.isEmpty || $0.count > 20 ? nil : $0 }
        departementCode = query["departement"].flatMap { Territory.isDepartementCode($0) ? $0 : nil }
        urgency = query["urgence"].flatMap(Urgency.init(rawValue:))
        for (name, _) in Self.dateFields {
            guard let text = query[name], !text.isEmpty else { continue }
            if let day = Day(iso: text) { dates[name] = day } else { invalidDates.append(name) }
        }
    }

    /// The answers as query items, in a stable order.
    var queryItems: [(String, String)] {
        var items: [(String, String)] = []
        if let position { items.append(("poste", position.rawValue)) }
        if let employerCode { items.append(("employeur", employerCode)) }
        if let departementCode { items.append(("departement", departementCode)) }
        if let urgency { items.append(("urgence", urgency.rawValue)) }
        for (name, _) in Self.dateFields { if let day = dates[name] { items.append((name, day.iso)) } }
        return items
    }

    var queryString: String {
        queryItems.map { "\($0.0)=\(Text.queryEncoded($0.1))" }.joined(separator: "&")
    }

    var facts: EndOfFunctionsFacts {
        EndOfFunctionsFacts(
            nomination: dates["nomination"], authorityDesignation: dates["designation"], interview: dates["entretien"],
            assemblyInformation: dates["information"], decision: dates["arrete"], notification: dates["notification"],
            plannedEffect: dates["effet"],
            departementCode: departementCode
        )
    }
}

extension Request {
    /// The query as a dictionary; a repeated name keeps its first value.
    var queryDictionary: [String: String] {
        var result: [String: String] = [:]
        for (key, value) in uri.queryParameters where result[String(key)] == nil {
            result[String(key)] = Text.trimmedSpaces(String(value))
        }
        return result
    }
}
