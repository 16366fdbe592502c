import Foundation

/// An iCalendar document (RFC 5545) of all-day events, small enough to write by hand: no Swift
/// package on the mirror writes it, and the format is a few lines per event.
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
