import Foundation

/// A notification ready to be written as RFC 5322 + MIME: UTF-8 text and HTML alternatives.
public struct MailMessage: Sendable, Equatable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var text: String
    public var html: String
    /// `<unique@domain>`: kept across retries so a receiver can drop a duplicate.
    public var messageID: String
    public var date: Date

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

    /// The message as sent on the wire: CRLF line ends, headers folded, bodies quoted-printable, no
    /// line over 78 characters in headers nor 76 in bodies (well under the 998-octet limit).
    public func rendered(boundary: String = "=_relais_" + UUID().uuidString.replacingOccurrences(of: "-", with: "")) -> String {
        var lines: [String] = []
        lines.append(MIME.foldedHeader("From", MIME.addressHeader(from)))
        lines.append(MIME.foldedHeader("To", MIME.addressHeader(to)))
        lines.append(MIME.foldedHeader("Subject", MIME.encodedWords(subject)))
        lines.append("Date: \(MIME.rfc5322Date(date))")
        lines.append("Message-ID: \(messageID)")
        lines.append("MIME-Version: 1.0")
        lines.append("Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"")
        lines.append("")
        lines.append("This is a multi-part message in MIME format.")
        for (type, body) in [("text/plain", text), ("text/html", html)] {
            lines.append("--\(boundary)")
            lines.append("Content-Type: \(type); charset=utf-8")
            lines.append("Content-Transfer-Encoding: quoted-printable")
            lines.append("")
            lines.append(MIME.quotedPrintable(body))
        }
        lines.append("--\(boundary)--")
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

    /// Quoted-printable of UTF-8 text, CRLF line ends, soft breaks before 76 characters.
    static func quotedPrintable(_ text: String) -> String {
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [String] = []
        for line in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            var encoded: [UInt8] = []
            var width = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                var piece: [UInt8]
                let printable = (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "=")) || ((byte == 32 || byte == 9) && !isLast)
                // A line starting with "." or "From " is encoded so no relay rewrites it.
                let leadingDot = width == 0 && byte == UInt8(ascii: ".")
                if printable && !leadingDot {
                    piece = [byte]
                } else {
                    piece = [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                }
                if width + piece.count > 75 {
                    encoded += Array("=\r\n".utf8)
                    width = 0
                    if piece == [UInt8(ascii: ".")] { piece = Array("=2E".utf8) }
                }
                encoded += piece
                width += piece.count
            }
            output.append(String(decoding: encoded, as: UTF8.self))
        }
        return output.joined(separator: "\r\n")
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
