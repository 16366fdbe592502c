import Foundation

/// « Remontées » (issue 21, item 4): what members and correspondents see from the field that blocks
/// people — a practice, a text, a situation that keeps coming back — sent to staff, tagged by theme.
public enum RemonteeTheme: String, Sendable, CaseIterable, Codable {
    case employerPractice = "pratiques-employeurs"
    case legalText = "textes"
    case recurringSituation = "situations"
    case careers = "carrieres"
    case health = "sante"
    case association = "relais"

    public var label: String {
        switch self {
        case .employerPractice: "Pratiques des employeurs et des exécutifs"
        case .legalText: "Un texte, sa lecture ou son application"
        case .recurringSituation: "Une situation qui revient"
        case .careers: "Carrières, mobilité, reconversion"
        case .health: "Santé, épuisement, isolement"
        case .association: "Relais et l’association"
        }
    }
}

public enum RemonteeStatus: String, Sendable, CaseIterable, Codable {
    case received = "nouvelle"
    case answered = "repondue"

    public var label: String {
        switch self {
        case .received: "En attente de réponse"
        case .answered: "Répondue"
        }
    }
}

public enum RemonteeRules {
    public static let bodyLimit = 4000
    public static let answerLimit = 4000
    /// Counted in `authFailure` like the sheets' forms: five in a quarter of an hour per account.
    public static let kind = "remontee"
    /// The window of « the themes that grow »: the last 30 days against the 30 before.
    public static let trendDays = 30

    /// Members (directors) and correspondents send them; staff answer; experts are outside the association.
    public static func maySend(_ role: Role) -> Bool {
        role == .demandeur || role == .correspondant
    }

    public static func bodyProblem(_ body: String) -> String? {
        FieldRules.textProblem(body, maximum: bodyLimit, missing: "Décrivez ce que vous observez.",
                               tooLong: "Votre remontée est trop longue (4\u{00A0}000 caractères au plus).")
    }

    public static func answerProblem(_ answer: String) -> String? {
        FieldRules.textProblem(answer, maximum: answerLimit, missing: "Écrivez la réponse de l’équipe.",
                               tooLong: "La réponse est trop longue (4\u{00A0}000 caractères au plus).")
    }

    /// A theme's count over the last `trendDays` days and the `trendDays` before.
    public struct Trend: Sendable, Equatable {
        public var theme: RemonteeTheme
        public var recent: Int
        public var previous: Int

        public init(theme: RemonteeTheme, recent: Int, previous: Int) {
            self.theme = theme
            self.recent = recent
            self.previous = previous
        }

        /// Growing: more than before, and at least two lately (one observation is not a trend).
        public var isGrowing: Bool { recent > previous && recent >= 2 }
    }

    /// Every theme's trend from the dates remontées were sent, most recent counts first.
    public static func trends(_ sent: [(theme: RemonteeTheme, at: Date)], now: Date) -> [Trend] {
        let window = TimeInterval(trendDays * 86_400)
        return RemonteeTheme.allCases.map { theme in
            let ages = sent.filter { $0.theme == theme }.map { now.timeIntervalSince($0.at) }
            return Trend(theme: theme, recent: ages.filter { $0 >= 0 && $0 < window }.count,
                         previous: ages.filter { $0 >= window && $0 < 2 * window }.count)
        }.sorted { ($0.recent - $0.previous, $0.recent) > ($1.recent - $1.previous, $1.recent) }
    }
}
