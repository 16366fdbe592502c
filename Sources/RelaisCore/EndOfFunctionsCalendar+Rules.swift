// The date rules added by the legal review of 2026-12-01 (DOMAIN.md, « Corrections and additions »).

extension EndOfFunctionsCalendar {
    /// One six-month protection: after the nomination, or after the designation of the authority.
    public struct ProtectionWindow: Sendable, Equatable {
        public enum Start: Sendable, Equatable { case nomination, designation }
        public let start: Start
        public let first: Day
        /// Last protected day, inclusive ("de quantième à quantième", as `protection(...)`).
        public let last: Day

        public func contains(_ day: Day) -> Bool { first <= day && day <= last }
    }

    /// Both windows, not only the later one: a decision taken inside either is illegal (CE, 21 juillet
    /// 2006, Commune d'Épinal, n° 279502), even when the later window has already ended or not begun.
    public static func protectionWindows(nomination: Day?, authorityDesignation: Day?) -> [ProtectionWindow] {
        let starts: [(ProtectionWindow.Start, Day?)] = [(.nomination, nomination), (.designation, authorityDesignation)]
        return starts.compactMap { kind, start in
            guard let start, let last = start.adding(months: 6) else { return nil }
            return ProtectionWindow(start: kind, first: start, last: last)
        }
    }

    /// The last day to ask for the licenciement with indemnity: one month from the last day of the month
    /// in which the decision was notified (décret n° 88-614, art. 1, 1988 wording). Notified 12 October
    /// 2026 → 31 October → 30 November 2026. The month is counted "de quantième à quantième" from that
    /// last day (30 November → 30 December, not 31), the earlier reading, and the day is not moved off
    /// a weekend: it is a request to the employer, not a filing at a court, and the earlier date is safe.
    public static func indemnityRequestDeadline(notification: Day) -> Day? {
        notification.lastOfMonth.adding(months: 1)
    }

    /// Whether the month after the notification's is longer, so that a reading "to the end of the next
    /// month" would give a later day than `indemnityRequestDeadline`: the line says it is borderline.
    public static func indemnityDeadlineIsBorderline(notification: Day) -> Bool {
        guard let deadline = indemnityRequestDeadline(notification: notification) else { return false }
        return deadline != deadline.lastOfMonth
    }

    /// An early (or direct) prise en charge starts on the first day of the third month after the
    /// request (CGFP, art. L542-8): asked on 10 January → 1 April. As for the effect date, the day
    /// within the month does not matter.
    public static func earlyPriseEnCharge(request: Day) -> Day? {
        request.firstOfMonth.adding(months: 3)
    }

    /// A recours gracieux received by the authority interrupts the two months once (CRPA, art. L411-2).
    /// Without an answer, silence for two months is an implicit refusal (CRPA, art. L231-4), born on
    /// the day the two months from receipt end; the new two months (délai franc, moved off non-working
    /// days) run from it. Received 10 April 2026 → refused 10 June → last day 11 August 2026.
    public struct GracieuxOutcome: Sendable, Equatable {
        public let implicitRefusal: Day
        public let newDeadline: RecourseDeadline
    }

    public static func recoursGracieux(received: Day, alsaceMoselle: Bool = false) -> GracieuxOutcome? {
        guard let refusal = received.adding(months: 2),
              let deadline = recourseDeadline(notification: refusal, alsaceMoselle: alsaceMoselle) else { return nil }
        return GracieuxOutcome(implicitRefusal: refusal, newDeadline: deadline)
    }
}
