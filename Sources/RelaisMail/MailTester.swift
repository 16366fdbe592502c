import Foundation

/// `relais mail test`: one message straight through the configured server, bypassing the outbox, so
/// an operator sees at once whether the settings work.
public enum MailTester {
    public static func send(_ message: MailMessage, settings: SMTPSettings) async -> DeliveryOutcome {
        let mailer = SMTPMailer(settings: settings)
        let outcome = await mailer.send(sender: message.from.address, recipients: [message.to.address], data: Array(message.rendered().utf8))
        await mailer.close()
        return outcome
    }
}
