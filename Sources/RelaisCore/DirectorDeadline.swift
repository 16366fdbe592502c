/// A dated deadline of the director's own procedure, as Relais keeps it (« Mes échéances ») and
/// exports it (.ics). Its label names the kind of deadline only: never the employer nor the case, since
/// a calendar entry or a reminder may be seen by others.
public struct DirectorDeadline: Sendable, Equatable, Hashable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case protectionEnd = "fin-protection"
        case effect = "prise-effet"
        case indemnityRequest = "demande-indemnite"
        case recourse = "recours"

        /// Lower case, to follow « Échéance Relais : ».
        public var label: String {
            switch self {
            case .protectionEnd: "fin de la protection de six mois"
            case .effect: "prise d’effet de la fin de fonctions"
            case .indemnityRequest: "demande de licenciement avec indemnité"
            case .recourse: "saisine du tribunal administratif"
            }
        }

        /// Whether mail reminders go out before it (14, 7 and 2 days): the two deadlines that lose a
        /// right when missed.
        public var isReminded: Bool { self == .recourse || self == .indemnityRequest }
    }

    public let kind: Kind
    public let day: Day

    public init(kind: Kind, day: Day) {
        self.kind = kind
        self.day = day
    }

    /// « Échéance Relais : saisine du tribunal administratif ».
    public var summary: String { "Échéance Relais\u{00A0}: \(kind.label)" }

    /// Days before a reminded deadline on which a reminder is due.
    public static let reminderOffsets = [14, 7, 2]

    /// The reminder due on `today`, by its offset: the nearest offset already reached, unless it or a
    /// nearer one was sent. A reminder missed while the server was down goes out late, once, and never
    /// after the deadline; a director never gets two reminders for the same step.
    public func reminderDue(today: Day, alreadySent: Set<Int>) -> Int? {
        guard kind.isReminded else { return nil }
        let remaining = today.days(until: day)
        guard remaining >= 0, let due = Self.reminderOffsets.filter({ $0 >= remaining }).min() else { return nil }
        return alreadySent.contains(where: { $0 <= due }) ? nil : due
    }
}

extension EndOfFunctionsCalendar {
    /// The computed dates a director may keep, in date order.
    public var deadlines: [DirectorDeadline] {
        let dated: [(DirectorDeadline.Kind, Day?)] = [
            (.protectionEnd, protectionEnd), (.effect, effectDate), (.indemnityRequest, indemnityRequestDeadline), (.recourse, recourseDeadline),
        ]
        return dated.compactMap { kind, day in day.map { DirectorDeadline(kind: kind, day: $0) } }.sorted { $0.day < $1.day }
    }
}
