import Foundation
import RelaisMail
import RelaisTestSupport
import Testing

@Suite("relais mail test")
struct MailTesterTests {
    @Test("sends one message straight to the server and says it was delivered")
    func delivers() async throws {
        let sink = SMTPSink()
        try await sink.start()
        let message = try MailMessage(
            from: MailAddress("ne-pas-repondre@relais.example.org"), to: MailAddress("equipe@exemple.fr"),
            subject: "Relais\u{00A0}: message de test", text: "Bonjour,\n", html: "<p>Bonjour,</p>",
            messageID: MailMessage.newMessageID(domain: "relais.example.org"), date: TestClock.now
        )

        let outcome = await MailTester.send(message, settings: SMTPSettings(url: sink.url))

        #expect(outcome.kind == .delivered)
        #expect(outcome.smtpCode == 250)
        #expect(sink.envelopes.map(\.recipients) == [["equipe@exemple.fr"]])
        try await sink.stop()
    }

    @Test("a refused recipient is a permanent failure with curl's message and the SMTP code")
    func refused() async throws {
        let sink = SMTPSink()
        try await sink.start()
        sink.mode = .rejectRecipient(550)
        let message = try MailMessage(
            from: MailAddress("ne-pas-repondre@relais.example.org"), to: MailAddress("inconnu@exemple.fr"),
            subject: "Test", text: "Bonjour,\n", html: "<p>Bonjour,</p>", messageID: "<t@relais.example.org>", date: TestClock.now
        )

        let outcome = await MailTester.send(message, settings: SMTPSettings(url: sink.url))

        #expect(outcome.kind == .permanentFailure)
        #expect(outcome.smtpCode == 550)
        #expect(outcome.summary.hasPrefix("permanent failure: "))
        try await sink.stop()
    }
}
