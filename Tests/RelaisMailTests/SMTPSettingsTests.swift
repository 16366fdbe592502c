import RelaisMail
import Testing

@Suite("SMTP settings")
struct SMTPSettingsTests {
    @Test("with credentials, TLS is required unless the server is on this machine")
    func requiresTLS() {
        #expect(!SMTPSettings(url: "smtp://mail.example.org:587").requiresTLS)
        #expect(SMTPSettings(url: "smtp://mail.example.org:587", user: "relais", password: "secret").requiresTLS)
        #expect(SMTPSettings(url: "smtps://mail.example.org:465", user: "relais", password: "secret").requiresTLS)
        #expect(!SMTPSettings(url: "smtp://127.0.0.1:2525", user: "relais", password: "secret").requiresTLS)
        #expect(!SMTPSettings(url: "smtp://localhost:25", user: "relais", password: "secret").requiresTLS)
        #expect(!SMTPSettings(url: "smtp://[::1]:25", user: "relais", password: "secret").requiresTLS)
    }
}
