/// Calendar arithmetic on `Day`, done on plain integers (proleptic Gregorian calendar): no `Date`, no
/// time zone, so a statutory deadline never moves by an hour of daylight saving.
///
/// Results that would leave the years 1…9999 that `Day` accepts are `nil` rather than a crash: the
/// dates come from people typing them, and a typo (year 9999) must give a message, not a trap.
extension Day {
    /// A day the caller has already proved valid (Easter, the first of a month…).
    init(validYear year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Days since 1970-01-01 (negative before), by Howard Hinnant's `days_from_civil`.
    public var dayNumber: Int {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let monthFromMarch = (month + 9) % 12
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day with a given `dayNumber`, or nil outside the years 1…9999 (`civil_from_days`).
    public init?(dayNumber: Int) {
        // Beyond ±4 million days the year is out of range anyway; stopping here keeps the
        // arithmetic below far from integer overflow.
        guard (-4_000_000...4_000_000).contains(dayNumber) else { return nil }
        let shifted = dayNumber + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthFromMarch = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthFromMarch + 2) / 5 + 1
        let month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        self.init(year: year, month: month, day: day)
    }

    /// The day `days` later (earlier when negative); nil outside the years 1…9999.
    public func adding(days: Int) -> Day? {
        guard (-4_000_000...4_000_000).contains(days) else { return nil }
        return Day(dayNumber: dayNumber + days)
    }

    /// The same day of the month `months` later (earlier when negative), counted "de quantième à
    /// quantième"; nil outside the years 1…9999.
    ///
    /// When the target month is too short for this day (31 August + 6 months), the result is the
    /// last day of that month (28 or 29 February). This is how French law counts periods expressed in
    /// months: "à défaut d'un quantième identique, le délai expire le dernier jour du mois" (code de
    /// procédure civile, art. 641, the rule administrative courts follow too). It is also the prudent
    /// reading for a filing deadline, since it gives the earlier date. Callers that explain a date to
    /// a person should say so when it happened: compare `day` of the result with `day` of the start.
    public func adding(months: Int) -> Day? {
        guard (-120_000...120_000).contains(months) else { return nil }
        let monthIndex = year * 12 + (month - 1) + months
        guard monthIndex >= 12 else { return nil }
        let targetYear = monthIndex / 12
        let targetMonth = monthIndex % 12 + 1
        guard (1...9999).contains(targetYear) else { return nil }
        return Day(year: targetYear, month: targetMonth, day: min(day, Day.daysIn(month: targetMonth, year: targetYear)))
    }

    /// Whether `adding(months:)` had to pull the day back to the end of a shorter month.
    public func isClampedWhenAdding(months: Int) -> Bool {
        guard let result = adding(months: months) else { return false }
        return result.day != day
    }

    /// Days from `self` to `other`: positive when `other` is later, 0 for the same day.
    public func days(until other: Day) -> Int {
        other.dayNumber - dayNumber
    }

    /// ISO weekday: Monday = 1 … Sunday = 7.
    public var weekday: Int {
        // 1970-01-01 was a Thursday (4).
        let fromThursday = ((dayNumber % 7) + 7) % 7
        return (fromThursday + 3) % 7 + 1
    }

    /// Saturday or Sunday.
    public var isWeekend: Bool { weekday >= 6 }

    /// The first day of this day's month.
    public var firstOfMonth: Day { Day(validYear: year, month: month, day: 1) }

    /// The last day of this day's month.
    public var lastOfMonth: Day { Day(validYear: year, month: month, day: Day.daysIn(month: month, year: year)) }

    private static let frenchWeekdayNames = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

    /// "lundi", "mardi"… in French, lower case as in running text.
    public var frenchWeekday: String { Day.frenchWeekdayNames[weekday - 1] }
}
