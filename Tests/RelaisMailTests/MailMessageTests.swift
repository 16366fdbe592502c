import Foundation
@testable import RelaisMail
import RelaisTestSupport
import Testing

@Suite("Message format")
struct MailMessageTests {
    func message(subject: String = "Relais\u{00A0}: une nouvelle demande vous a été attribuée", text: String = "Bonjour,\n\nRéférence R-2026-00042.\n") throws -> MailMessage {
        try MailMessage(
            from: MailAddress("ne-pas-repondre@relais.example.org", name: "Relais"),
            to: MailAddress("correspondante@exemple.fr"),
            subject: subject, text: text, html: "<p>Bonjour,</p><p>Référence R-2026-00042.</p>",
            messageID: "<abc@relais.example.org>", date: TestClock.now
        )
    }

    @Test("writes RFC 5322 headers and a multipart/alternative body with both parts")
    func structure() throws {
        let raw = try message().rendered()
        let reader = MIMEReader(raw)

        #expect(reader.header("From") == "Relais <ne-pas-repondre@relais.example.org>")
        #expect(reader.header("To") == "correspondante@exemple.fr")
        #expect(reader.header("Date") == "Sun, 22 Nov 2026 10:00:00 +0100")
        #expect(reader.header("Message-ID") == "<abc@relais.example.org>")
        #expect(reader.header("MIME-Version") == "1.0")
        #expect(reader.header("Content-Type")?.hasPrefix("multipart/alternative; boundary=") == true)
        #expect(reader.part("text/plain") == "Bonjour,\n\nRéférence R-2026-00042.\n")
        #expect(reader.part("text/html") == "<p>Bonjour,</p><p>Référence R-2026-00042.</p>")
    }

    @Test("encodes a non-ASCII subject as RFC 2047 words that decode back")
    func encodedSubject() throws {
        let subject = "Relais\u{00A0}: une nouvelle demande vous a été attribuée — référence R-2026-00042 à traiter"
        let reader = MIMEReader(try message(subject: subject).rendered())

        #expect(reader.header("Subject")?.hasPrefix("=?utf-8?B?") == true)
        #expect(reader.decodedHeader("Subject") == subject)
        #expect(MIME.encodedWords("Plain subject") == "Plain subject")
    }

    @Test("uses CRLF only, and keeps headers under 78 and every line under 998 octets")
    func lineLimits() throws {
        let longLine = String(repeating: "é", count: 2_000) + "\n." + String(repeating: "a", count: 3_000)
        let raw = try message(subject: String(repeating: "Relais ", count: 40) + "€", text: longLine).rendered()
        let bytes = Array(raw.utf8)

        for (index, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            #expect(index > 0 && bytes[index - 1] == UInt8(ascii: "\r"), "bare LF at \(index)")
        }
        let lines = raw.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 998 })
        let headerLines = lines.prefix { !$0.isEmpty }
        #expect(headerLines.allSatisfy { $0.utf8.count <= 78 })
        #expect(bytes.allSatisfy { $0 < 0x80 }, "the wire form is 7-bit")
        #expect(MIMEReader(raw).part("text/plain") == longLine)
    }

    @Test("a subject or a Message-ID with a line break is refused before anything is queued")
    func headerInjection() throws {
        #expect(throws: MailError.headerInjection(field: "objet")) {
            try message(subject: "Bonjour\r\nBcc: espion@exemple.fr")
        }
        #expect(throws: MailError.headerInjection(field: "objet")) { try message(subject: "Bonjour\nX: y") }
        #expect(throws: MailError.headerInjection(field: "objet")) { try message(subject: "Bonjour\0") }
    }

    @Test("Message-IDs are unique and on the configured domain")
    func messageIDs() {
        let ids = (0..<100).map { _ in MailMessage.newMessageID(domain: "relais.example.org") }
        #expect(Set(ids).count == 100)
        #expect(ids.allSatisfy { $0.hasPrefix("<") && $0.hasSuffix("@relais.example.org>") })
    }

    @Test("dates are Paris time with the offset of the day, as a date formatter writes them, across DST changes")
    func dates() {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Paris")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        // Around the 2026 changes (29 March, 25 October, 01:00 UTC), leap days, and years apart.
        let moments: [TimeInterval] = [
            0, 951_782_400, 1_774_746_000 - 1, 1_774_746_000, 1_792_890_000 - 1, 1_792_890_000, 1_795_338_000,
            4_107_542_399, 1_709_164_800,
        ]
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2_000).map { _ in TimeInterval(Int.random(in: 0...4_102_444_800, using: &generator)) }
        for seconds in moments + random {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(MIME.rfc5322Date(date) == formatter.string(from: date), "at \(seconds)")
        }
    }

    @Test("quoted-printable decodes back to the text, lines normalised to CRLF, none over 76 nor starting with a dot")
    func quotedPrintableRoundTrip() {
        let alphabet = Array("aé .=\t\r\n€😀-_<>&\u{00A0}\u{202F}x")
        for length in [0, 1, 2, 74, 75, 76, 77, 150, 500] {
            for _ in 0..<40 {
                let text = String((0..<length).map { _ in alphabet.randomElement()! })
                let encoded = MIME.quotedPrintable(text)
                let expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
                #expect(MIMEReader.decodeQuotedPrintable(encoded).replacingOccurrences(of: "\r\n", with: "\n") == expected)
                for line in encoded.components(separatedBy: "\r\n") {
                    #expect(line.utf8.count <= 76 && !line.hasPrefix("."), "\(line)")
                    #expect(!line.hasSuffix(" ") && !line.hasSuffix("\t"), "trailing space is encoded")
                }
                #expect(encoded.utf8.allSatisfy { $0 < 0x80 })
            }
        }
    }
}
