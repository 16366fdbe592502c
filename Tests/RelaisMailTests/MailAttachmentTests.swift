import Foundation
import GRDB
import Logging
import RelaisCore
import RelaisMail
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// A mail with a file (an atelier's `.ics`): multipart/mixed around the text and HTML, the file in
/// base64, stored once in the outbox and delivered over a real SMTP conversation byte for byte.
@Suite("Mail with an attachment", .serialized)
struct MailAttachmentTests {
    let clock = MutableClock()
    let outbox = Outbox()

    static let calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Relais//Ateliers//FR\r\nBEGIN:VEVENT\r\nUID:atelier-x@relais\r\n"
        + "SUMMARY:Café des DG\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" + String(repeating: "DESCRIPTION:é\r\n", count: 20)

    func message() throws -> MailMessage {
        var message = try MailMessage(
            from: MailAddress("ne-pas-repondre@relais.example.org", name: "Relais"), to: MailAddress("directrice@exemple.fr"),
            subject: "Relais\u{00A0}: votre inscription à un atelier", text: "Bonjour,\n\nVotre inscription est enregistrée.\n",
            html: "<p>Votre inscription est enregistrée.</p>", messageID: MailMessage.newMessageID(domain: "relais.example.org"), date: clock.now
        )
        message.attachments = [try MailAttachment.calendar(Self.calendar)]
        return message
    }

    @Test("the message is multipart/mixed: the alternatives first, then the file in base64 lines of 76 characters")
    func structure() throws {
        let raw = try message().rendered(boundary: "=_relais_test")
        let reader = MIMEReader(raw)
        #expect(reader.header("Content-Type") == "multipart/mixed; boundary=\"mixed_=_relais_test\"")
        #expect(reader.part("text/plain") == "Bonjour,\n\nVotre inscription est enregistrée.\n")
        #expect(reader.part("text/html") == "<p>Votre inscription est enregistrée.</p>")
        let file = try #require(reader.attachments.first)
        #expect(file.filename == "atelier.ics")
        #expect(file.contentType == "text/calendar; charset=UTF-8; method=PUBLISH")
        #expect(String(decoding: file.data, as: UTF8.self) == Self.calendar)
        #expect(raw.contains("Content-Disposition: attachment;\r\n filename=\"atelier.ics\"\r\n"))
        #expect(raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 && $0.unicodeScalars.allSatisfy(\.isASCII) })
        #expect(!raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "CRLF only")
    }

    @Test("a message without files is written exactly as before: multipart/alternative at the top")
    func withoutFiles() throws {
        var plain = try message()
        plain.attachments = []
        let raw = plain.rendered(boundary: "=_relais_test")
        #expect(MIMEReader(raw).header("Content-Type") == "multipart/alternative; boundary=\"=_relais_test\"")
        #expect(!raw.contains("mixed"))
    }

    @Test("a file's name cannot carry a line break or a quote into its header")
    func hostileName() {
        #expect(throws: MailError.self) { try MailAttachment(filename: "a\r\nBcc: x@y.z", contentType: "text/plain", data: []) }
        #expect(throws: MailError.self) { try MailAttachment(filename: "a\".ics", contentType: "text/plain", data: []) }
    }

    @Test("queued with its file, the message reaches a real SMTP server byte for byte, the file intact")
    func delivered() async throws {
        let sink = SMTPSink()
        try await sink.start()
        let database = try TestDatabase.empty()
        let (mail, outbox) = (try message(), self.outbox)
        let queued = try await database.writer.write { db in try outbox.enqueue(mail, kind: .atelierRegistered, in: db) }
        var logger = Logger(label: "attachment-test")
        logger.logLevel = .critical
        let worker = DeliveryWorker(
            database: database, mailer: SMTPMailer(settings: SMTPSettings(url: sink.url, connectTimeout: 2, totalTimeout: 5)),
            outbox: outbox, secrets: TestApp.mailLinks, logger: logger, owner: "w1", tick: .seconds(3600), clock: clock.function, random: { 0.5 }
        )

        try await worker.deliverDue()

        let envelope = try #require(sink.envelopes.first)
        #expect(envelope.data == queued.raw)
        let file = try #require(MIMEReader(envelope.data).attachments.first)
        #expect(String(decoding: file.data, as: UTF8.self) == Self.calendar)
        try await sink.stop()
    }
}
