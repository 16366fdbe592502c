/// French public holidays (jours fériés), used to push a filing deadline to the next working day.
///
/// The eleven national holidays, plus Good Friday and 26 December in Alsace-Moselle (départements 57,
/// 67 and 68, local law). Not included: the days commemorating the abolition of slavery, which are
/// holidays only in some overseas départements, each on its own date; callers should say so there.
public enum FrenchHolidays {
    /// Whether `day` is a public holiday (Saturdays and Sundays are not holidays as such).
    public static func contains(_ day: Day, alsaceMoselle: Bool = false) -> Bool {
        name(of: day, alsaceMoselle: alsaceMoselle) != nil
    }

    /// The French name of the holiday on `day` ("lundi de Pâques"), or nil on an ordinary day.
    public static func name(of day: Day, alsaceMoselle: Bool = false) -> String? {
        switch (day.month, day.day) {
        case (1, 1): return "jour de l’An"
        case (5, 1): return "fête du Travail"
        case (5, 8): return "Victoire 1945"
        case (7, 14): return "fête nationale"
        case (8, 15): return "Assomption"
        case (11, 1): return "Toussaint"
        case (11, 11): return "Armistice 1918"
        case (12, 25): return "Noël"
        case (12, 26) where alsaceMoselle: return "Saint-Étienne, droit local d’Alsace-Moselle"
        default: break
        }
        let easter = easterSunday(year: day.year)
        switch easter.days(until: day) {
        case -2 where alsaceMoselle: return "Vendredi saint, droit local d’Alsace-Moselle"
        case 1: return "lundi de Pâques"
        case 39: return "Ascension"
        case 50: return "lundi de Pentecôte"
        default: return nil
        }
    }

    /// A day on which a court registry is open: not a Saturday, a Sunday or a public holiday.
    public static func isWorkingDay(_ day: Day, alsaceMoselle: Bool = false) -> Bool {
        !day.isWeekend && !contains(day, alsaceMoselle: alsaceMoselle)
    }

    /// `day` itself when it is a working day, else the next one; nil only past 31 December 9999.
    public static func workingDay(onOrAfter day: Day, alsaceMoselle: Bool = false) -> Day? {
        var candidate = day
        // A run of non-working days is at most four long (Saturday to a Tuesday), so this ends fast.
        while !isWorkingDay(candidate, alsaceMoselle: alsaceMoselle) {
            guard let next = candidate.adding(days: 1) else { return nil }
            candidate = next
        }
        return candidate
    }

    /// Whether a département code is Moselle, Bas-Rhin or Haut-Rhin.
    public static func isAlsaceMoselle(departementCode: String?) -> Bool {
        guard let code = departementCode?.filter({ !$0.isWhitespace }) else { return false }
        return ["57", "67", "68"].contains(code)
    }

    /// Easter Sunday of a Gregorian year, by the anonymous algorithm (Meeus/Jones/Butcher).
    public static func easterSunday(year: Int) -> Day {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        // Always between 22 March and 25 April, so always a valid day.
        return Day(validYear: year, month: month, day: day)
    }
}
