import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisMail
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// Peer support through the real router: the space, the volunteer's form, the three proposals, the
/// request, the answer and the exchange, which only its two people ever read.
@Suite("Pairs: pages and forms", .serialized)
struct PeerPagesTests {
    static let director = DemoAccounts.accounts[0], correspondent = DemoAccounts.accounts[1], staff = DemoAccounts.accounts[2]

    static func database() async throws -> AppDatabase {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await SecondFactorFixture.enrolStaff(in: database)
        return database
    }

    /// The demo correspondent's profile, typed as a browser sends it.
    static let profile: [(String, String)] = [
        ("experience-epuisement", "oui"), ("experience-fin-de-fonctions", "oui"), ("collectivite", "intercommunalite"), ("taille", "20000-100000"),
        ("region", ""), ("disponibilite", "Un appel par mois, le soir"),
        ("presentation", "J’ai traversé un épuisement en 2019.\r\nJ’en parle volontiers <b>sans</b> tabou."),
    ]

    @Test("visitors are invited to sign in; staff read that it is for members")
    func space() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            let visitor = try await Browser(client).get("/pairs-aidants")
            #expect(visitor.status == .ok)
            #expect(visitor.body.contains("/connexion?suite=%2Fpairs-aidants"))
            #expect(try await Browser(client).get("/pairs-aidants/profil").location == "/connexion?suite=%2Fpairs%2Daidants%2Fprofil")
            let staff = Browser(client)
            try await signIn(staff, Self.staff.2, Self.staff.3)
            let page = try await staff.get("/pairs-aidants")
            #expect(page.body.contains("réservés aux membres de l’association"))
            #expect(try await staff.get("/pairs-aidants/profil").status == .notFound)
        }
    }

    @Test("volunteer, ask, accept, exchange: the whole path, the director's name given to the pair only once accepted")
    func journey() async throws {
        let database = try await Self.database()
        let correspondentName = try #require(try await database.user(email: Self.correspondent.2)).name
        try await TestApp.run(database: database) { client async throws in
            let pair = Browser(client)
            try await signIn(pair, Self.correspondent.2, Self.correspondent.3)
            #expect(try await pair.get("/pairs-aidants/profil").body.contains("Devenir pair aidant"))
            // Nothing checked: the form comes back with what was typed.
            var incomplete = Self.profile.filter { !$0.0.hasPrefix("experience-") }
            incomplete.append(("disponibilite", String(repeating: "x", count: 201)))
            incomplete.removeAll { $0.0 == "disponibilite" && $0.1.count < 100 }
            let refused = try await pair.post("/pairs-aidants/profil", incomplete)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Cochez au moins une situation que vous avez vécue."))
            #expect(refused.body.contains("Vos disponibilités dépassent 200 caractères."))
            #expect(refused.body.contains("&lt;b&gt;sans&lt;/b&gt;") && !refused.body.contains("<b>sans</b>"))
            let saved = try await pair.post("/pairs-aidants/profil", Self.profile)
            #expect(saved.location == "/pairs-aidants?message=profil")
            #expect(try await pair.get("/pairs-aidants").body.contains("Un épuisement professionnel"))

            let director = Browser(client)
            try await signIn(director, Self.director.2, Self.director.3)
            let proposals = try await director.get("/pairs-aidants/propositions?situation=epuisement&meme-departement=oui")
            #expect(proposals.status == .ok)
            #expect(proposals.body.contains(correspondentName))
            #expect(proposals.body.contains("&lt;b&gt;sans&lt;/b&gt;"), "a pair's words are escaped")
            let pairId = try #require(try await database.user(email: Self.correspondent.2)?.id)
            let empty = try await director.post("/pairs-aidants/demandes", [("situation", "epuisement"), ("meme-departement", "oui"),
                                                                             ("pair", String(pairId)), ("message", "  ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body.contains("Écrivez quelques lignes au pair."))
            #expect(empty.body.contains("value=\"\(pairId)\" checked"), "the choice is kept")
            let sent = try await director.post("/pairs-aidants/demandes", [("situation", "epuisement"), ("meme-departement", "oui"),
                                                                            ("pair", String(pairId)), ("message", "Bonjour,\r\nj’aimerais échanger.")])
            #expect(sent.status == .seeOther)
            let location = try #require(sent.location)
            #expect(location.hasPrefix("/pairs-aidants/echanges/") && location.hasSuffix("?message=demande"))
            let exchange = String(location.prefix { $0 != "?" })
            let waiting = try await director.get(location)
            #expect(waiting.body.contains("Votre demande est envoyée."))
            #expect(waiting.headers[.cacheControl]?.contains("no-store") == true)

            let before = try await pair.get(exchange)
            #expect(before.body.contains("Un membre de l’association") && !before.body.contains("Claire Demo"))
            #expect(before.body.contains("j’aimerais échanger."))
            let accepted = try await pair.post(exchange + "/reponse", [("decision", "accepter")])
            #expect(accepted.location == exchange + "?message=acceptee")
            let after = try await pair.get(exchange)
            #expect(after.body.contains("Claire Demo"))

            let posted = try await director.post(exchange + "/message", [("message", "<script>alert(1)</script>\r\nMerci !")])
            #expect(posted.location == exchange + "?message=message#messages")
            let read = try await pair.get(exchange)
            #expect(read.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !read.body.contains("<script>alert"))
            let tooLong = try await pair.post(exchange + "/message", [("message", String(repeating: "é", count: PeerRules.messageLimit + 1))])
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.body.contains("Le message dépasse 2000 caractères."))
            #expect(tooLong.body.contains(String(repeating: "é", count: 50)), "the text comes back")

            // Nobody else: staff, another member, the expert, a visitor.
            let staff = Browser(client)
            try await signIn(staff, Self.staff.2, Self.staff.3)
            #expect(try await staff.get(exchange).status == .notFound)
            try await staff.get("/compte")
            #expect(try await staff.post(exchange + "/message", [("message", "intrus")]).status == .notFound)
            let expert = Browser(client)
            try await signIn(expert, DemoAccounts.accounts[4].2, DemoAccounts.accounts[4].3)
            #expect(try await expert.get(exchange).status == .notFound)
            let otherEmail = try #require(try await database.reader.read { db in
                try String.fetchOne(db, sql: "SELECT email FROM user WHERE role = 'correspondant' AND email <> ? ORDER BY id LIMIT 1",
                                    arguments: [Self.correspondent.2])
            })
            let other = Browser(client)
            try await signIn(other, otherEmail, DemoAccounts.correspondentPassword)
            #expect(try await other.get(exchange).status == .notFound)
            try await other.get("/compte")
            #expect(try await other.post(exchange + "/reponse", [("decision", "accepter")]).status == .notFound)
            #expect(try await other.post(exchange + "/etat", [("etat", "fin")]).status == .notFound)
            #expect(try await Browser(client).get(exchange).status == .seeOther)

            let messages = try await database.reader.read { db in try PeerMessage.fetchAll(db) }
            #expect(messages.map(\.body) == ["<script>alert(1)</script>\nMerci !"])
        }
    }

    @Test("a pair declines with a word; the director reads it and is offered other pairs")
    func decline() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            let pair = Browser(client)
            try await signIn(pair, Self.correspondent.2, Self.correspondent.3)
            try await pair.get("/pairs-aidants/profil")
            try await pair.post("/pairs-aidants/profil", Self.profile)
            let director = Browser(client)
            try await signIn(director, Self.director.2, Self.director.3)
            try await director.get("/pairs-aidants/propositions?situation=epuisement&meme-departement=oui")
            let pairId = try #require(try await database.user(email: Self.correspondent.2)?.id)
            let sent = try await director.post("/pairs-aidants/demandes", [("situation", "epuisement"), ("meme-departement", "oui"),
                                                                            ("pair", String(pairId)), ("message", "Bonjour")])
            let exchange = String(try #require(sent.location).prefix { $0 != "?" })
            try await pair.get(exchange)
            let declined = try await pair.post(exchange + "/reponse", [("decision", "decliner"), ("motif", "Pas disponible ce mois-ci.")])
            #expect(declined.location == exchange + "?message=declinee")
            let page = try await director.get(exchange)
            #expect(page.body.contains("Le pair a décliné votre demande.") && page.body.contains("Pas disponible ce mois-ci."))
            #expect(page.body.contains("/pairs-aidants/propositions?situation=epuisement&amp;meme-departement=oui"))
            let again = try await director.get("/pairs-aidants/propositions?situation=epuisement&meme-departement=oui")
            #expect(!again.body.contains("value=\"\(pairId)\""), "not proposed again")
        }
    }

    @Test("hostile bodies on the pair forms: invalid UTF-8 and huge bodies are refused, nothing stored")
    func hostile() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            let pair = Browser(client)
            try await signIn(pair, Self.correspondent.2, Self.correspondent.3)
            try await pair.get("/pairs-aidants/profil")
            let token = try #require(pair.lastCSRF)
            let invalid = try await pair.postRaw("/pairs-aidants/profil", body: Array("_csrf=\(token)&presentation=%FF%FE".utf8))
            #expect(invalid.status == .badRequest)
            let huge = try await pair.postRaw("/pairs-aidants/profil", body: Array("_csrf=\(token)&presentation=".utf8) + Array(repeating: 0x61, count: 1_100_000))
            #expect(huge.status == .contentTooLarge)
            let pairId = try #require(try await database.user(email: Self.correspondent.2)?.id)
            #expect(try await database.reader.read { db in try PeerVolunteer.fetchOne(db, key: pairId) } == nil)
        }
    }
}
