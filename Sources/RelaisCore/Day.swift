/// A calendar day without time or time zone (a review date, an absence, a statutory deadline).
/// Written `YYYY-MM-DD` everywhere: seeds, database, URLs.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A valid day, or nil (31 April, 29 February of a common year, month 13…).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...Day.daysIn(month: month, year: year)).contains(day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses exactly `YYYY-MM-DD`.
    public init?(iso: String) {
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// Parses a date as people type it in France, `31/12/2027` (day and month may have one digit).
    public init?(french text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, let day = Int(parts[0]), let month = Int(parts[1]), let year = Int(parts[2]) else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var iso: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public var description: String { iso }

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (lhs: Day, rhs: Day) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    private static let monthNames = [
        "janvier", "février", "mars", "avril", "mai", "juin",
        "juillet", "août", "septembre", "octobre", "novembre", "décembre",
    ]

    /// "1er décembre 2026", "15 septembre 2026".
    public var frenchLong: String {
        let dayText = day == 1 ? "1er" : String(day)
        return "\(dayText)\u{00A0}\(Day.monthNames[month - 1]) \(year)"
    }
}

extension Day: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a YYYY-MM-DD day: \(text)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

import Foundation

extension Day {
    /// The association works on Paris time.
    public static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600)!

    /// The Gregorian calendar on Paris time, made once: making one per date cost more than the
    /// date arithmetic on a page listing thirty messages.
    public static let parisCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.paris
        return calendar
    }()

    /// The day `date` falls on in `timeZone`.
    public init(_ date: Date, in timeZone: TimeZone = Day.paris) {
        if timeZone == Day.paris, let local = Day.parisLocal(date) {
            self = local.day
            return
        }
        var calendar = Day.parisCalendar
        if timeZone != Day.paris { calendar.timeZone = timeZone }
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        // A Gregorian calendar always yields a valid day.
        self.year = parts.year ?? 1970
        self.month = parts.month ?? 1
        self.day = parts.day ?? 1
    }

    /// The Paris day of `date` and the second of that day, from the zone's offset at that instant and
    /// plain arithmetic: `Calendar.dateComponents` cost a few percent of a page listing thirty dated
    /// messages. Nil outside the years 1…9999.
    public static func parisLocal(_ date: Date) -> (day: Day, second: Int)? {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard abs(seconds) < 300_000_000_000 else { return nil }
        let local = Int(seconds) + Day.paris.secondsFromGMT(for: date)
        let dayNumber = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        guard let day = Day(dayNumber: dayNumber) else { return nil }
        return (day, local - dayNumber * 86_400)
    }
}

extension Day {
    /// Why a typed date is not a day, in French, to show beside its field: a date that does not
    /// exist (30 February) is named as such, so the person sees what to fix instead of a format rule.
    public static func problem(with text: String) -> String? {
        guard Day(iso: text) == nil else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        if parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
           let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
           (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day),
           let first = Day(year: year, month: month, day: 1) {
            let monthName = String(first.frenchLong.split(separator: "\u{00A0}").last?.split(separator: " ").first ?? "")
            return "Le \(day)\u{00A0}\(monthName) \(year) n’existe pas\u{00A0}: ce mois compte \(Day.daysIn(month: month, year: year))\u{00A0}jours. Vérifiez le jour et le mois."
        }
        return "Cette date n’est pas valide\u{00A0}: utilisez le format jj/mm/aaaa."
    }
}
