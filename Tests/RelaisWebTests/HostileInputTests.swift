import Foundation
import HTTPTypes
import HummingbirdTesting
import RelaisStore
import RelaisUseCases
import RelaisWeb
import RelaisTestSupport
import Testing

@Suite("Hostile input on every form", .serialized)
struct HostileInputTests {
    static let forms = [
        "/connexion", "/inscription", "/mot-de-passe-oublie", "/mot-de-passe/nouveau", "/inscription/confirmation", "/invitation",
        "/vademecum/conge-special/avis", "/vademecum/conge-special/signalement",
    ]

    @Test("script and HTML in a name are stored as text and shown escaped")
    func htmlInName() async throws {
        let database = try TestDatabase.seeded()
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            try await browser.get("/inscription")
            var fields = newDirector
            fields[0] = ("nom", "<script>alert('x')</script><b onmouseover=alert(1)>Camille</b>")
            fields[9] = ("motdepasse", "court")
            // The form comes back (password too short) with the name escaped, never as markup.
            let page = try await browser.post("/inscription", fields)
            #expect(page.status == .unprocessableContent)
            #expect(!page.body.contains("<script>alert"))
            #expect(!page.body.contains("<b onmouseover"))
            #expect(page.body.contains("&lt;script&gt;"))
            fields[9] = ("motdepasse", "une phrase assez longue")
            #expect(try await browser.post("/inscription", fields).status == .ok)
        }
        let stored = try #require(try await database.user(email: "camille.durand@mairie-exemple.fr"))
        #expect(stored.name == "<script>alert('x')</script><b onmouseover=alert(1)>Camille</b>")
    }

    @Test("a line break in an address is refused with a French message beside the field, and nothing is queued")
    func crlfInAddress() async throws {
        let database = try TestDatabase.seeded()
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            try await browser.get("/inscription")
            var fields = newDirector
            fields[1] = ("email", "camille@exemple.fr\r\nBcc: espion@exemple.fr")
            fields[2] = ("notification", "perso@exemple.fr\nBcc: espion@exemple.fr")
            let page = try await browser.post("/inscription", fields)
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("Cette adresse électronique n’est pas valide"))
            #expect(page.body.contains("Cette adresse de notification n’est pas valide"))
            // What was typed comes back.
            #expect(page.body.contains("value=\"Camille Durand\""))
            #expect(page.body.contains("value=\"06 12 34 56 78\""))
            let reset = try await browser.post("/mot-de-passe-oublie", [("email", "a@exemple.fr\r\nBcc: b@exemple.fr")])
            #expect(reset.status == .unprocessableContent)
        }
        #expect(try await database.outboxMessages().isEmpty)
    }

    @Test("missing fields get a French message for each, and the form keeps what was typed")
    func missingFields() async throws {
        try await TestApp.run { client async throws in
            let browser = Browser(client)
            try await browser.get("/inscription")
            let page = try await browser.post("/inscription", [("nom", "Camille"), ("action", "creer")])
            #expect(page.status == .unprocessableContent)
            for message in ["Indiquez votre adresse électronique.", "Indiquez le poste que vous occupez.",
                            "Choisissez votre collectivité dans la liste, ou écrivez le nom de votre employeur.",
                            "Choisissez le département de votre employeur.", "Choisissez un mot de passe d’au moins 10 caractères."] {
                #expect(page.body.contains(message), "missing: \(message)")
            }
            #expect(page.body.contains("value=\"Camille\""))
            let signIn = try await browser.post("/connexion", [])
            #expect(signIn.status == .unprocessableContent)
            #expect(signIn.body.contains("Indiquez votre adresse électronique."))
        }
    }

    @Test("invalid UTF-8, broken escapes and duplicated fields are a French 400 on every form", arguments: forms)
    func malformedBodies(path: String) async throws {
        try await TestApp.run { client async throws in
            let browser = Browser(client)
            try await browser.get(path == "/connexion" ? "/connexion" : "/inscription")
            let csrf = try #require(browser.lastCSRF)
            let bodies: [[UInt8]] = [
                Array("_csrf=\(csrf)&email=".utf8) + [0xC3, 0x28, 0xFF],
                Array("_csrf=\(csrf)&email=%C3%28".utf8),
                Array("_csrf=\(csrf)&email=%ZZ".utf8),
                Array("_csrf=\(csrf)&email=a&email=b".utf8),
                Array("_csrf=\(csrf)&_csrf=\(csrf)".utf8),
                Array("_csrf=\(csrf)&nom=%00".utf8),
            ]
            for body in bodies {
                let page = try await browser.postRaw(path, body: body)
                #expect(page.status == .badRequest, "\(path): \(String(decoding: body, as: UTF8.self))")
                #expect(page.body.contains("Demande incomprise"))
            }
            let json = try await browser.postRaw(path, body: Array("{\"_csrf\":\"\(csrf)\"}".utf8), contentType: "application/json")
            #expect(json.status == .badRequest)
        }
    }

    @Test("a 10 MB body is refused with a French 413, announced or not")
    func hugeBody() async throws {
        try await TestApp.run { client async throws in
            let browser = Browser(client)
            try await browser.get("/inscription")
            let csrf = try #require(browser.lastCSRF)
            let huge = Array("_csrf=\(csrf)&nom=".utf8) + [UInt8](repeating: UInt8(ascii: "a"), count: 10 * 1024 * 1024)
            let page = try await browser.postRaw("/inscription", body: huge)
            #expect(page.status == .contentTooLarge)
            #expect(page.body.contains("Envoi trop volumineux"))
        }
    }

    @Test("an open redirect through ?suite= is impossible", arguments: [
        "//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)", "/ok\r\nSet-Cookie: x=y",
    ])
    func openRedirect(target: String) async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await SecondFactorFixture.enrolStaff(in: database)
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            // The place to return to survives the second step (the code) and is still refused.
            let page = try await browser.signIn("equipe@demo.relais.example", "relais-demo-equipe", extraFields: [("suite", target)])
            #expect(page.location == "/equipe")
        }
    }
}
