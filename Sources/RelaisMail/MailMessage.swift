import Foundation
import RelaisCore

/// A file sent with a mail (an atelier's `.ics`), written base64 in a `multipart/mixed` message.
public struct MailAttachment: Sendable, Equatable {
    /// A plain ASCII name (`atelier.ics`): it is written into a header as it is.
    public var filename: String
    /// The full Content-Type: `text/calendar; charset=UTF-8; method=PUBLISH`.
    public var contentType: String
    public var data: [UInt8]

    public init(filename: String, contentType: String, data: [UInt8]) throws(MailError) {
        try MailAddress.refuseControlCharacters(filename, field: "nom de fichier")
        try MailAddress.refuseControlCharacters(contentType, field: "type de pièce jointe")
        guard filename.unicodeScalars.allSatisfy({ $0.isASCII && $0 != "\"" && $0 != "\\" }) else { throw .headerInjection(field: "nom de fichier") }
        self.filename = filename
        self.contentType = contentType
        self.data = data
    }

    /// An iCalendar file (RFC 5545) to add to a calendar.
    public static func calendar(_ text: String, filename: String = "atelier.ics") throws(MailError) -> MailAttachment {
        try MailAttachment(filename: filename, contentType: "text/calendar; charset=UTF-8; method=PUBLISH", data: Array(text.utf8))
    }
}

/// A notification ready to be written as RFC 5322 + MIME: UTF-8 text and HTML alternatives, and
/// files after them when there are some.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var text: String
    public var html: String
    /// `<unique@domain>`: kept across retries so a receiver can drop a duplicate.
    public var messageID: String
    public var date: Date
    /// Files after the text; none for most notifications.
    public var attachments: [MailAttachment] = []

    public init(from: MailAddress, to: MailAddress, subject: String, text: String, html: String, messageID: String, date: Date) throws(MailError) {
        try MailAddress.refuseControlCharacters(subject, field: "objet")
        try MailAddress.refuseControlCharacters(messageID, field: "Message-ID")
        guard !text.isEmpty else { throw .emptyBody }
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
    }

    /// A new Message-ID on `domain`.
    public static func newMessageID(domain: String) -> String {
        "<\(UUID().uuidString.lowercased())@\(domain)>"
    }

    /// The message as sent on the wire: CRLF line ends, headers folded, bodies quoted-printable (files
    /// base64), no line over 78 characters in headers nor 76 in bodies (well under the 998-octet limit).
    /// With attachments, the text and HTML alternatives are the first part of a `multipart/mixed`
    /// whose boundary is `mixed_` before the inner one, so neither delimiter begins with the other.
    public func rendered(boundary: String = "=_relais_" + UUID().uuidString.filter { $0 != "-" }) -> String {
        var lines: [String] = []
        lines.append(MIME.foldedHeader("From", MIME.addressHeader(from)))
        lines.append(MIME.foldedHeader("To", MIME.addressHeader(to)))
        lines.append(MIME.foldedHeader("Subject", MIME.encodedWords(subject)))
        lines.append("Date: \(MIME.rfc5322Date(date))")
        lines.append("Message-ID: \(messageID)")
        lines.append("MIME-Version: 1.0")
        let mixed = "mixed_" + boundary
        if !attachments.isEmpty {
            lines.append("Content-Type: multipart/mixed;\r\n boundary=\"\(mixed)\"")
            lines.append("")
            lines.append("This is a multi-part message in MIME format.")
            lines.append("--\(mixed)")
        }
        lines.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
        lines.append("")
        if attachments.isEmpty { lines.append("This is a multi-part message in MIME format.") }
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("--\(boundary)")
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(MIME.quotedPrintable(body))
        }
        lines.append("--\(boundary)--")
        if !attachments.isEmpty {
            for attachment in attachments {
                lines.append("--\(mixed)")
                lines.append(MIME.foldedHeader("Content-Type", attachment.contentType))
                lines.append("Content-Transfer-Encoding: base64")
                lines.append("Content-Disposition: attachment;\r\n filename=\"\(attachment.filename)\"")
                lines.append("")
                lines.append(MIME.base64Lines(attachment.data))
            }
            lines.append("--\(mixed)--")
        }
        lines.append("")
        return lines.joined(separator: "\r\n")
    }
}

/// The encodings of RFC 2045 (quoted-printable), RFC 2047 (encoded words) and RFC 5322 (dates).
enum MIME {
    static func addressHeader(_ address: MailAddress) -> String {
        guard let name = address.name else { return address.address }
        let isPlain = name.unicodeScalars.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == " " || $0 == "-" || $0 == ".")
        }
        return isPlain ? "\(name) <\(address.address)>" : "\(encodedWords(name)) <\(address.address)>"
    }

    /// ASCII text unchanged; anything else as RFC 2047 base64 encoded words of at most 75 characters,
    /// split between characters so no word cuts a UTF-8 sequence.
    static func encodedWords(_ text: String) -> String {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) { return text }
        // "=?utf-8?B?" + "?=" = 12 characters; 39 bytes of UTF-8 make 52 of base64: a word of 64
        // characters fits after "Subject: " within 78.
        var words: [String] = []
        var chunk = [UInt8]()
        for character in text {
            let bytes = Array(String(character).utf8)
            if chunk.count + bytes.count > 39 {
                words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=")
                chunk = []
            }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?utf-8?B?\(Data(chunk).base64EncodedString())?=") }
        return words.joined(separator: " ")
    }

    /// `Name: value` folded at spaces so no line passes 78 characters.
    static func foldedHeader(_ name: String, _ value: String) -> String {
        var lines: [String] = []
        var current = "\(name):"
        for word in value.split(separator: " ", omittingEmptySubsequences: false) {
            if current.count + 1 + word.count > 78, current.count > name.count + 1 {
                lines.append(current)
                current = " \(word)"
            } else {
                current += " \(word)"
            }
        }
        lines.append(current)
        return lines.joined(separator: "\r\n")
    }

    /// Quoted-printable of UTF-8 text, CRLF line ends, soft breaks before 76 characters. Works on the
    /// bytes in one pass (a message is rendered inside the transaction that queues it).
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        let bytes = Array(text.utf8)
        let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n"), dot = UInt8(ascii: ".")
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 4 + 16)

        func encodeLine(_ line: Range<Int>) {
            var width = 0
            for index in line {
                let byte = bytes[index]
                let isLast = index == line.upperBound - 1
                let printable = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !isLast)
                // A line starting with "." is encoded so no relay rewrites it.
                var escaped = !printable || (width == 0 && byte == dot)
                if width + (escaped ? 3 : 1) > 75 {
                    output.append(contentsOf: [UInt8(ascii: "="), cr, lf])
                    width = 0
                    escaped = escaped || byte == dot
                }
                if escaped {
                    output.append(contentsOf: [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
                    width += 3
                } else {
                    output.append(byte)
                    width += 1
                }
            }
        }

        // Lines end with CRLF, LF or a lone CR in the text; always CRLF in the output.
        var start = 0, index = 0
        while index < bytes.count {
            if bytes[index] == lf || bytes[index] == cr {
                encodeLine(start..<index)
                output.append(contentsOf: [cr, lf])
                if bytes[index] == cr, index + 1 < bytes.count, bytes[index + 1] == lf { index += 1 }
                start = index + 1
            }
            index += 1
        }
        encodeLine(start..<bytes.count)
        return String(decoding: output, as: UTF8.self)
    }

    /// Base64 in lines of 76 characters (RFC 2045, 6.8).
    static func base64Lines(_ data: [UInt8]) -> String {
        let text = Data(data).base64EncodedString()
        var lines: [Substring] = []
        var index = text.startIndex
        while index < text.endIndex {
            let end = text.index(index, offsetBy: 76, limitedBy: text.endIndex) ?? text.endIndex
            lines.append(text[index..<end])
            index = end
        }
        return lines.joined(separator: "\r\n")
    }

    private static let paris = TimeZone(identifier: "Europe/Paris")!
    private static let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Sun, 22 Nov 2026 10:00:00 +0100`: Paris time with its offset. Written out by hand, since
    /// building a `DateFormatter` for each message cost more than the rest of the message.
    static func rfc5322Date(_ date: Date) -> String {
        let offset = paris.secondsFromGMT(for: date)
        let local = Int(date.timeIntervalSince1970.rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        let civil = Day(dayNumber: days) ?? Day(dayNumber: 0)!
        let (year, month, day) = (civil.year, civil.month, civil.day)
        let weekday = weekdays[((days % 7) + 7) % 7]

        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let sign = offset < 0 ? "-" : "+"
        let zone = sign + two(abs(offset) / 3600) + two(abs(offset) % 3600 / 60)
        return "\(weekday), \(two(day)) \(months[month - 1]) \(year) \(two(seconds / 3600)):\(two(seconds % 3600 / 60)):\(two(seconds % 60)) \(zone)"
    }
}
