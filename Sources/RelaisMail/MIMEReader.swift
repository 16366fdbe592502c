import Foundation

/// Reads back what Relais sends: headers, encoded words and quoted-printable parts. Written apart
/// from `MailMessage`, so tests check the writer with a reader that shares none of its code; staff
/// read queued mail through it (the outbox's letter opener).
public struct MIMEReader {
    public let headers: [(name: String, value: String)]
    public let body: String

    public init(_ raw: String) {
        let parts = raw.components(separatedBy: "\r\n\r\n")
        let headerBlock = parts.first ?? ""
        body = parts.dropFirst().joined(separator: "\r\n\r\n")
        var unfolded: [String] = []
        for line in headerBlock.components(separatedBy: "\r\n") {
            if line.hasPrefix(" ") || line.hasPrefix("\t"), !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += line
            } else {
                unfolded.append(line)
            }
        }
        headers = unfolded.compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces))
        }
    }

    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// A header with its RFC 2047 encoded words decoded.
    public func decodedHeader(_ name: String) -> String? {
        header(name).map(Self.decodeWords)
    }

    public static func decodeWords(_ value: String) -> String {
        var result = ""
        var previousWasWord = false
        for token in value.split(separator: " ", omittingEmptySubsequences: false) {
            if token.hasPrefix("=?"), token.hasSuffix("?="), token.lowercased().hasPrefix("=?utf-8?b?") {
                let payload = token.dropFirst(10).dropLast(2)
                let data = Data(base64Encoded: String(payload)) ?? Data()
                result += String(decoding: data, as: UTF8.self)
                previousWasWord = true
            } else {
                if !result.isEmpty || previousWasWord { result += " " }
                result += token
                previousWasWord = false
            }
        }
        return result
    }

    /// The sections of a multipart body, each read as a message of its own; empty for a single part.
    public var sections: [MIMEReader] {
        guard let contentType = header("Content-Type"), let boundaryRange = contentType.range(of: "boundary=\"") else { return [] }
        let boundary = String(contentType[boundaryRange.upperBound...].prefix { $0 != "\"" })
        var found: [MIMEReader] = []
        // The preamble before the first delimiter and the epilogue after the last are not sections.
        for section in body.components(separatedBy: "--\(boundary)").dropFirst() {
            if section.hasPrefix("--") { break }
            // "\r\n" is a single Character in Swift: drop it as one.
            let trimmed = section.hasPrefix("\r\n") ? String(section.dropFirst()) : section
            found.append(MIMEReader(trimmed))
        }
        return found
    }

    /// The decoded text of the part whose Content-Type starts with `type`, looked for inside nested
    /// multiparts too (the text of a mail with an attachment is inside its `multipart/mixed`).
    public func part(_ type: String) -> String? {
        for part in sections {
            if part.header("Content-Type")?.hasPrefix("multipart/") == true {
                if let found = part.part(type) { return found }
            } else if part.header("Content-Type")?.hasPrefix(type) == true {
                var content = part.body
                if content.hasSuffix("\r\n") { content.removeLast() }
                return Self.decodeQuotedPrintable(content)
            }
        }
        return nil
    }

    /// A file attached to the message: its name, its Content-Type and its bytes.
    public struct Attachment: Sendable, Equatable {
        public let filename: String
        public let contentType: String
        public let data: [UInt8]
    }

    /// The parts sent as attachments (`Content-Disposition: attachment`), base64 decoded.
    public var attachments: [Attachment] {
        sections.flatMap { part -> [Attachment] in
            if part.header("Content-Type")?.hasPrefix("multipart/") == true { return part.attachments }
            guard let disposition = part.header("Content-Disposition"), disposition.lowercased().hasPrefix("attachment") else { return [] }
            let filename = disposition.range(of: "filename=\"").map { String(disposition[$0.upperBound...].prefix { $0 != "\"" }) } ?? ""
            let base64 = part.body.filter { !$0.isWhitespace && !$0.isNewline }
            return [Attachment(filename: filename, contentType: part.header("Content-Type") ?? "", data: Array(Data(base64Encoded: base64) ?? Data()))]
        }
    }

    public static func decodeQuotedPrintable(_ text: String) -> String {
        var bytes: [UInt8] = []
        let input = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
        var index = 0
        while index < input.count {
            if input[index] == UInt8(ascii: "="), index + 2 < input.count,
               let value = UInt8(String(decoding: input[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index += 3
            } else {
                bytes.append(input[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
    }
}
