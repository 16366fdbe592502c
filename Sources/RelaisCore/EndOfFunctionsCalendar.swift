/// The dates a director gives about an end of functions on an emploi fonctionnel. Any may be missing:
/// the calendar says what it can and which date would unlock the rest.
public struct EndOfFunctionsFacts: Sendable, Equatable {
    /// Nomination in the emploi fonctionnel.
    public var nomination: Day?
    /// Election or designation of the autorité territoriale (a re-election counts).
    public var authorityDesignation: Day?
    /// The prior interview with the autorité territoriale.
    public var interview: Day?
    /// Information of the assemblée délibérante.
    public var assemblyInformation: Day?
    /// The date the decision (the arrêté) was signed, when the director knows it: a decision taken
    /// inside a six-month protection is illegal even when it takes effect later.
    public var decision: Day?
    /// Notification of the decision to the director.
    public var notification: Day?
    /// The effect date the authority announced, to be checked.
    public var plannedEffect: Day?
    /// Only used to know whether Alsace-Moselle holidays apply to the filing deadline.
    public var departementCode: String?

    public init(
        nomination: Day? = nil, authorityDesignation: Day? = nil, interview: Day? = nil,
        assemblyInformation: Day? = nil, decision: Day? = nil, notification: Day? = nil, plannedEffect: Day? = nil,
        departementCode: String? = nil
    ) {
        self.decision = decision
        self.nomination = nomination
        self.authorityDesignation = authorityDesignation
        self.interview = interview
        self.assemblyInformation = assemblyInformation
        self.notification = notification
        self.plannedEffect = plannedEffect
        self.departementCode = departementCode
    }
}

/// The statutory calendar of an end of functions, explained line by line in French, each line citing
/// its source (see DOMAIN.md, "Emplois fonctionnels"). Always shown with `disclaimer`: it is indicative.
public struct EndOfFunctionsCalendar: Sendable, Equatable {
    public enum Severity: Int, Sendable, Comparable, CaseIterable {
        /// A date or a piece of advice.
        case info
        /// Something to check: dates in an odd order, a borderline case.
        case warning
        /// A likely illegality or a date the law forbids.
        case alert

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public enum Kind: String, Sendable, CaseIterable {
        case dateOrder, protection, interview, effect, plannedEffect, transition
        case indemnityRequest, earlyPriseEnCharge
        case recourseDeadline, recourseNotice, recoursGracieux, suspension
    }

    public struct Line: Sendable, Equatable {
        public let kind: Kind
        public let title: String
        /// The date the line is about, when there is one (guidance lines have none).
        public let date: Day?
        public let explanation: String
        /// Where the rule comes from, as a French citation ("CGFP, art. L544-1").
        public let source: String
        public let severity: Severity
        /// Whether `date` is before the day the calendar was computed (a deadline already gone).
        public internal(set) var past = false

        init(_ kind: Kind, _ title: String, date: Day? = nil, _ explanation: String, source: String, _ severity: Severity = .info) {
            self.kind = kind
            self.title = FrenchTypography.apply(title)
            self.date = date
            self.explanation = FrenchTypography.apply(explanation)
            self.source = FrenchTypography.apply(source)
            self.severity = severity
        }
    }

    public static let disclaimer = FrenchTypography.apply(
        "Calendrier indicatif, calculé à partir des dates que vous avez indiquées. Il ne remplace pas l'avis d'un juriste : faites-le vérifier par votre correspondant."
    )

    /// In the order a director reads them: doubts about the dates first, then the procedure, then recourse.
    public let lines: [Line]
    /// Last day of the six-month protection (inclusive), when a nomination or designation is known.
    public let protectionEnd: Day?
    /// First day of the third month after the information of the assemblée délibérante.
    public let effectDate: Day?
    /// Last day to file a recours pour excès de pouvoir, already moved to a working day.
    public let recourseDeadline: Day?
    /// Last day to ask for the licenciement with indemnity (décret n° 88-614, art. 1).
    public let indemnityRequestDeadline: Day?

    public var disclaimer: String { Self.disclaimer }

    /// The lines that need attention, alerts first.
    public var warnings: [Line] {
        Severity.allCases.reversed().flatMap { severity in
            severity == .info ? [] : lines.filter { $0.severity == severity }
        }
    }

    public var highestSeverity: Severity { lines.map(\.severity).max() ?? .info }
}

/// Builds the calendar from what the director typed. Never fails: impossible or odd dates become
/// warning lines. `today` (from the caller's clock) marks the dates already past and dates the early
/// prise en charge; without it nothing is marked past.
public func endOfFunctionsCalendar(_ facts: EndOfFunctionsFacts, today: Day? = nil) -> EndOfFunctionsCalendar {
    let builder = EndOfFunctionsCalendarBuilder(facts: facts, today: today)
    return EndOfFunctionsCalendar(
        lines: builder.lines(),
        protectionEnd: builder.protection?.end,
        effectDate: builder.effect,
        recourseDeadline: builder.recourse?.lastDay,
        indemnityRequestDeadline: builder.indemnityRequest
    )
}

// MARK: - The three computations

extension EndOfFunctionsCalendar {
    /// The six-month protection after a starting date (nomination or designation).
    public struct Protection: Sendable, Equatable {
        /// The nomination or designation that protects longest.
        public let start: Day
        /// Last protected day, inclusive: the start plus six months, "de quantième à quantième".
        public let end: Day
        /// Whether the start's day does not exist six months later and the month's last day was used.
        public let clamped: Bool
    }

    /// The later of "nomination + 6 months" and "designation + 6 months" (CGFP L544-1).
    ///
    /// The end is counted as the same day number six months later, inclusive (nominated 15 March →
    /// protected until 15 September, effect possible from 16 September). When that day does not exist
    /// (31 August → February) the last day of the month is used, as for any period in months (see
    /// `Day.adding(months:)`). Both readings of the boundary day exist in practice, so a date equal to
    /// `end` is reported as a borderline case to check, not as settled either way.
    public static func protection(nomination: Day?, authorityDesignation: Day?) -> Protection? {
        let candidates = [nomination, authorityDesignation].compactMap { start -> Protection? in
            guard let start, let end = start.adding(months: 6) else { return nil }
            return Protection(start: start, end: end, clamped: start.isClampedWhenAdding(months: 6))
        }
        return candidates.max { $0.end < $1.end }
    }

    /// The first day of the third month following the information of the assembly (CGFP L544-1):
    /// informed any day of September → effect on 1 December. The day within the month does not matter.
    public static func effectDate(assemblyInformation: Day) -> Day? {
        assemblyInformation.firstOfMonth.adding(months: 3)
    }

    /// The last day to file a recours pour excès de pouvoir against a decision notified on a day.
    public struct RecourseDeadline: Sendable, Equatable {
        /// Notification + two months + one day, before moving off non-working days.
        public let computed: Day
        /// The day to file by, inclusive.
        public let lastDay: Day
        /// The non-working days skipped between `computed` and `lastDay`.
        public let skipped: [Day]
        /// Whether the notification's day does not exist two months later (31 December → February).
        public let clamped: Bool
    }

    /// Two months, délai franc (CJA R421-1): neither the day of notification nor the day the period
    /// ends counts, so the last day is the notification date plus two months plus one day (20 March →
    /// 21 May). The months are counted "de quantième à quantième"; a day missing from the target month
    /// (notified 31 December) falls back to that month's last day before the extra day is added, which
    /// gives the earlier, safer deadline (31 December 2026 → 1 March 2027); the explanation flags it as
    /// a case to check. A last day on a Saturday, Sunday or public holiday moves to the next working day
    /// (CE, 19 septembre 2014, n° 362568), possibly over several days (Saturday, Sunday, Easter Monday).
    public static func recourseDeadline(notification: Day, alsaceMoselle: Bool = false) -> RecourseDeadline? {
        guard let twoMonths = notification.adding(months: 2), let computed = twoMonths.adding(days: 1),
              let lastDay = FrenchHolidays.workingDay(onOrAfter: computed, alsaceMoselle: alsaceMoselle) else { return nil }
        let skipped = (0..<computed.days(until: lastDay)).compactMap { computed.adding(days: $0) }
        return RecourseDeadline(
            computed: computed, lastDay: lastDay, skipped: skipped,
            clamped: notification.isClampedWhenAdding(months: 2)
        )
    }
}
