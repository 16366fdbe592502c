import Foundation

/// An iCalendar document (RFC 5545) of all-day events (the director's deadlines) or timed events (an
/// atelier), small enough to write by hand: no Swift package on the mirror writes it, and the format
/// is a few lines per event.
public enum ICalendar {
    public struct Event: Sendable, Equatable {
        /// Stable across downloads, so a calendar that imports the file twice updates instead of duplicating.
        public let uid: String
        public let day: Day
        public let summary: String
        public let description: String

        public init(uid: String, day: Day, summary: String, description: String) {
            self.uid = uid
            self.day = day
            self.summary = summary
            self.description = description
        }
    }

    /// The document, lines ending in CRLF and folded at 75 octets as the RFC requires.
    public static func document(_ events: [Event], stamp: Date) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Relais//Echeances//FR", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        let stampText = utcStamp(stamp)
        for event in events {
            // An all-day event ends (exclusively) the next day; a day at the end of year 9999 has no next day.
            guard let end = event.day.adding(days: 1) else { continue }
            lines += [
                "BEGIN:VEVENT",
                "UID:\(escape(event.uid))",
                "DTSTAMP:\(stampText)",
                "DTSTART;VALUE=DATE:\(compact(event.day))",
                "DTEND;VALUE=DATE:\(compact(end))",
                "SUMMARY:\(escape(event.summary))",
                "DESCRIPTION:\(escape(event.description))",
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// An event at a given time, written in UTC (`Z`), so no VTIMEZONE is needed: the calendar that
    /// imports it shows it in its own zone.
    public struct TimedEvent: Sendable, Equatable {
        public let uid: String
        public let start: Date
        public let end: Date
        public let summary: String
        public let description: String
        public let location: String
        public let url: String?

        public init(uid: String, start: Date, end: Date, summary: String, description: String, location: String, url: String? = nil) {
            self.uid = uid
            self.start = start
            self.end = end
            self.summary = summary
            self.description = description
            self.location = location
            self.url = url
        }
    }

    /// The document of timed events, `METHOD:PUBLISH`, CRLF line ends, folded at 75 octets.
    public static func document(_ events: [TimedEvent], stamp: Date, product: String = "Ateliers") -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Relais//\(product)//FR", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        let stampText = utcStamp(stamp)
        for event in events {
            lines += [
                "BEGIN:VEVENT",
                "UID:\(escape(event.uid))",
                "DTSTAMP:\(stampText)",
                "DTSTART:\(utcStamp(event.start))",
                "DTEND:\(utcStamp(event.end))",
                "SUMMARY:\(escape(event.summary))",
                "DESCRIPTION:\(escape(event.description))",
            ]
            if !event.location.isEmpty { lines.append("LOCATION:\(escape(event.location))") }
            if let url = event.url { lines.append("URL:\(url)") }
            lines += ["STATUS:CONFIRMED", "SEQUENCE:0", "TRANSP:OPAQUE", "END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545, 3.3.11).
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n": result += "\\n"
            case "\r": continue
            default: result.append(character)
            }
        }
        return result
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a UTF-8
    /// character (RFC 5545, 3.1).
    static func fold(_ line: String) -> String {
        var result = ""
        var count = 0
        var limit = 75
        for character in line {
            let size = String(character).utf8.count
            if count + size > limit {
                result += "\r\n "
                count = 0
                limit = 74
            }
            result.append(character)
            count += size
        }
        return result
    }

    static func compact(_ day: Day) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

    static func utcStamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year ?? 1970, c.month ?? 1, c.day ?? 1, c.hour ?? 0, c.minute ?? 0, c.second ?? 0)
    }
}
