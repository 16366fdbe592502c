import RelaisMail
import Testing

@Suite("Mail addresses")
struct MailAddressTests {
    @Test("accepts ordinary addresses and lower-cases the domain", arguments: [
        ("directrice@mairie-exemple.fr", "directrice@mairie-exemple.fr"),
        ("Jean.Dupont+relais@Exemple.FR", "Jean.Dupont+relais@exemple.fr"),
        ("  dgs@cc-du-val.fr ", "dgs@cc-du-val.fr"),
    ])
    func valid(input: String, normalized: String) throws {
        #expect(try MailAddress(input).address == normalized)
    }

    @Test("refuses what is not a plain address", arguments: [
        "", "sans-arobase", "@exemple.fr", "a@", "a@exemple", "a..b@exemple.fr", ".a@exemple.fr", "a@-exemple.fr",
        "a b@exemple.fr", "a@exem ple.fr", "\"a\"@exemple.fr", "a@[127.0.0.1]", "é@exemple.fr", "a@exemple.fr>",
        "a<b@exemple.fr", String(repeating: "a", count: 65) + "@exemple.fr",
    ])
    func invalid(input: String) {
        #expect(throws: MailError.invalidAddress(input)) { try MailAddress(input) }
    }

    @Test("a line break or NUL in an address or a name can never become a header", arguments: [
        "a@exemple.fr\r\nBcc: b@exemple.fr", "a@exemple.fr\nBcc: b@exemple.fr", "a@exemple.fr\r", "a@exemple.fr\0",
    ])
    func injection(input: String) {
        #expect(throws: MailError.headerInjection(field: "adresse")) { try MailAddress(input) }
        #expect(throws: MailError.headerInjection(field: "nom")) { try MailAddress("a@exemple.fr", name: "Nom\r\nBcc: x@y.fr") }
    }

    @Test("reads the sender as written in RELAIS_MAIL_FROM")
    func parsing() throws {
        let from = try MailAddress(parsing: "Relais <ne-pas-repondre@relais.example.org>")
        #expect(from.address == "ne-pas-repondre@relais.example.org")
        #expect(from.name == "Relais")
        #expect(from.domain == "relais.example.org")
        #expect(try MailAddress(parsing: "\"Équipe Relais\" <equipe@relais.example.org>").name == "Équipe Relais")
        #expect(try MailAddress(parsing: "equipe@relais.example.org").name == nil)
    }
}
