import Foundation
import RelaisCore

/// Dates as the case pages write them, in Paris time.
enum CaseDates {
    /// « 03/12/2026 18:30 », for the staff's tables.
    static func numeric(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "fr_FR")
        formatter.timeZone = Day.paris
        formatter.dateFormat = "dd/MM/yyyy HH:mm"
        return formatter.string(from: date)
    }

    static func day(_ date: Date) -> String { Day(date).frenchLong }

    static func dateTime(_ date: Date) -> String {
        let (day, second) = Day.parisLocal(date) ?? (Day(date), 0)
        let hour = second / 3600, minute = second % 3600 / 60
        return "\(day.frenchLong) à \(hour)\u{00A0}h\u{00A0}" + (minute < 10 ? "0" : "") + String(minute)
    }

    /// « il y a 3 jours », for lists.
    static func ago(_ date: Date, now: Date) -> String {
        let seconds = max(0, now.timeIntervalSince(date))
        switch seconds {
        case ..<3600: return "il y a moins d’une heure"
        case ..<86_400: let hours = Int(seconds / 3600); return "il y a \(hours)\u{00A0}heure\(hours > 1 ? "s" : "")"
        default: let days = Int(seconds / 86_400); return "il y a \(days)\u{00A0}jour\(days > 1 ? "s" : "")"
        }
    }
}
