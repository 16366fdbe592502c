import Foundation

/// What a « remontée » is about: the themes staff group them by.
public enum ObservationTheme: String, Sendable, Hashable, CaseIterable, Codable {
    case finDeFonctions = "fin-de-fonctions"
    case relationsExecutif = "relations-executif"
    case reorganisations
    case priseEnCharge = "prise-en-charge"
    case sante
    case textes
    case mobilite
    case autre

    public var label: String {
        switch self {
        case .finDeFonctions: "Fin de fonctions et décharge"
        case .relationsExecutif: "Relations avec l’exécutif"
        case .reorganisations: "Fusions et réorganisations"
        case .priseEnCharge: "Prise en charge, surnombre et reclassement"
        case .sante: "Santé et conditions de travail"
        case .textes: "Textes et jurisprudence"
        case .mobilite: "Recrutement et mobilité"
        case .autre: "Autre"
        }
    }
}

/// What kind of thing blocks people, as the person who saw it says.
public enum ObservationKind: String, Sendable, Hashable, CaseIterable, Codable {
    case pratique
    case texte
    case situation = "situation-recurrente"
    case autre

    public var label: String {
        switch self {
        case .pratique: "Une pratique"
        case .texte: "Un texte (loi, décret, circulaire)"
        case .situation: "Une situation qui revient"
        case .autre: "Autre chose"
        }
    }
}

/// Where a « remontée » stands for staff (`observation.status`).
public enum ObservationStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case new = "nouvelle"
    case answered = "repondue"
    case filed = "classee"

    public var label: String {
        switch self {
        case .new: "Nouvelle"
        case .answered: "Répondue"
        case .filed: "Classée"
        }
    }
}

/// The rules of « remontées »: members (directors and correspondents) tell staff what blocks people;
/// staff group them by theme, answer, link them to what they change.
public enum ObservationRules {
    public static let titleLimit = 120
    public static let textLimit = 4_000
    public static let answerLimit = 4_000
    /// Remontées one account may send in 24 hours: enough for anyone, not for a flood.
    public static let dailyLimit = 10
    /// The window of « themes that grow »: the last 30 days against the 30 before.
    public static let growthWindowDays = 30

    public static func mayObserve(_ role: Role) -> Bool {
        role == .demandeur || role == .correspondant
    }

    /// A theme's count in the last window and the one before.
    public struct ThemeTrend: Sendable, Equatable {
        public var theme: ObservationTheme
        public var recent: Int
        public var previous: Int

        public init(theme: ObservationTheme, recent: Int, previous: Int) {
            self.theme = theme
            self.recent = recent
            self.previous = previous
        }

        public var growth: Int { recent - previous }
    }

    /// The themes that grow, most growth first (then most recent): those with more remontées in the
    /// last window than in the one before.
    public static func growing(_ trends: [ThemeTrend], limit: Int = 5) -> [ThemeTrend] {
        trends.filter { $0.growth > 0 }
            .sorted { $0.growth != $1.growth ? $0.growth > $1.growth : ($0.recent != $1.recent ? $0.recent > $1.recent : $0.theme.rawValue < $1.theme.rawValue) }
            .prefix(limit).map { $0 }
    }
}
