import Foundation
import HTTPTypes
import GRDB
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// Signs `browser` in (with the second factor when the account has one) and returns the response.
@discardableResult
func signIn(_ browser: Browser, _ email: String, _ password: String) async throws -> Browser.Page {
    try await browser.signIn(email, password)
}

@Suite("Security baseline", .serialized)
struct SecurityTests {
    static let protectedRoutes = [
        "/compte", "/mes-donnees", "/mes-donnees/export.json", "/mes-demandes", "/correspondant", "/equipe", "/equipe/journal", "/equipe/courrier",
        "/equipe/demandes", "/equipe/correspondants", "/equipe/correspondants/1", "/equipe/exports/demandes.csv", "/equipe/exports/annuaire.csv",
        "/equipe/partenaires", "/equipe/partenaires/nouveau", "/equipe/ateliers", "/equipe/ateliers/nouveau",
        "/equipe/reseaux", "/equipe/reseaux/nouveau", "/equipe/reseaux/1", "/equipe/partenaires/1", "/equipe/ateliers/1",
        "/equipe/ateliers/1/inscriptions", "/equipe/ateliers/1/inscrits.csv",
        "/equipe/parcours", "/equipe/parcours/fin-de-fonctions", "/equipe/vademecum", "/equipe/vademecum/nouvelle",
        "/equipe/vademecum/conge-special", "/equipe/vademecum/conge-special/historique",
        "/compte/double-authentification", "/equipe/comptes", "/equipe/synonymes", "/equipe/experts", "/expert",
        "/equipe/retours", "/equipe/signalements",
        // Peer support: members only; an exchange is its two people's (no exchange 1 here: 404 for all).
        "/pairs-aidants/profil", "/pairs-aidants/propositions?situation=fin-de-fonctions", "/pairs-aidants/echanges/1",
        // « Remontées »: staff's side (a member's page is open to all, and says who may send).
        "/equipe/remontees", "/equipe/initiatives",
    ] + groupRoutes + staffGroupRoutes

    /// The demo groups (`DemoGroups`): group 1 has the demo director as référent and the demo
    /// correspondent as member, meeting 1 with notes version 1; everyone else is outside it.
    static let groupRoutes = ["/groupes", "/groupes/proposer", "/groupes/1", "/groupes/1/reunions/1", "/groupes/1/reunions/2",
                              "/groupes/1/reunions/1/notes/1", "/groupes/1/reunions/nouvelle"]
    static let insideGroup: Set<String> = ["/groupes/1", "/groupes/1/reunions/1", "/groupes/1/reunions/2", "/groupes/1/reunions/1/notes/1"]
    /// Staff's moderation view: that a group exists and who is in it.
    static let staffGroupRoutes = ["/equipe/groupes", "/equipe/groupes/nouvelle", "/equipe/groupes/1"]

    /// What each role gets on each protected route: 200, or 404 as if the page did not exist.
    static let allowed: [Role: Set<String>] = [
        .demandeur: Set(["/compte", "/mes-donnees", "/mes-donnees/export.json", "/mes-demandes", "/compte/double-authentification",
                         "/groupes", "/groupes/proposer", "/groupes/1/reunions/nouvelle",
                         "/pairs-aidants/profil", "/pairs-aidants/propositions?situation=fin-de-fonctions"]).union(insideGroup),
        .correspondant: Set(["/compte", "/mes-donnees", "/mes-donnees/export.json", "/mes-demandes", "/correspondant", "/compte/double-authentification",
                             "/groupes", "/groupes/proposer", "/pairs-aidants/profil", "/pairs-aidants/propositions?situation=fin-de-fonctions"]).union(insideGroup),
        .equipe: ["/compte", "/mes-donnees", "/mes-donnees/export.json", "/mes-demandes", "/compte/double-authentification", "/equipe", "/equipe/journal", "/equipe/courrier",
                  "/equipe/remontees", "/equipe/initiatives",
                  "/equipe/demandes", "/equipe/correspondants", "/equipe/correspondants/1", "/equipe/exports/demandes.csv", "/equipe/exports/annuaire.csv",
                  "/equipe/partenaires", "/equipe/partenaires/nouveau", "/equipe/ateliers", "/equipe/ateliers/nouveau",
                  "/equipe/reseaux", "/equipe/reseaux/nouveau", "/equipe/reseaux/1", "/equipe/partenaires/1", "/equipe/ateliers/1",
                  "/equipe/ateliers/1/inscriptions", "/equipe/ateliers/1/inscrits.csv",
                  "/equipe/parcours", "/equipe/parcours/fin-de-fonctions", "/equipe/vademecum", "/equipe/vademecum/nouvelle",
                  "/equipe/vademecum/conge-special", "/equipe/vademecum/conge-special/historique", "/equipe/synonymes", "/equipe/experts",
                  "/groupes", "/equipe/groupes", "/equipe/groupes/nouvelle", "/equipe/groupes/1",
                  "/equipe/retours", "/equipe/signalements"],
        // Staff and admins are outside every group they are not members of: 404 inside, like anyone.
        .admin: Set(protectedRoutes).subtracting(["/expert", "/groupes/proposer", "/groupes/1/reunions/nouvelle", "/pairs-aidants/profil",
                                                  "/pairs-aidants/propositions?situation=fin-de-fonctions", "/pairs-aidants/echanges/1"]).subtracting(insideGroup),
        // An expert reaches their desk and their own account; each request is checked on its own (CaseReferralTests).
        .expert: ["/compte", "/mes-donnees", "/mes-donnees/export.json", "/mes-demandes", "/compte/double-authentification", "/expert"],
    ]

    @Test("the role matrix: no protected route is reachable by the wrong role, and visitors are sent to sign in")
    func roleMatrix() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        // Staff work only with a second factor: enrolled here, they type its code at sign-in.
        try await SecondFactorFixture.enrolStaff(in: database)
        try await DemoGroups.ensure(in: database, now: TestClock.now)
        try await TestApp.run(database: database) { client async throws in
            let visitor = Browser(client)
            for route in Self.protectedRoutes {
                let page = try await visitor.get(route)
                #expect(page.status == .seeOther, "\(route) for a visitor")
                #expect(page.location?.hasPrefix("/connexion?suite=") == true)
            }
            for (role, _, email, password) in DemoAccounts.accounts {
                let browser = Browser(client)
                #expect(try await signIn(browser, email, password).status == .seeOther)
                for route in Self.protectedRoutes {
                    let expected: HTTPResponse.Status = Self.allowed[role]!.contains(route) ? .ok : .notFound
                    #expect(try await browser.get(route).status == expected, "\(route) for \(role)")
                }
                // Every state-changing back-office route refuses non-staff with a 404 and changes nothing.
                if !role.isStaff {
                    try await browser.get("/compte")
                    for route in Self.staffPostRoutes {
                        #expect(try await browser.post(route, [("action", "publier")]).status == .notFound, "POST \(route) for \(role)")
                    }
                }
            }
            let outbox = try await database.outboxMessages().count
            #expect(outbox == 0, "no POST of a non-staff account queued anything")
        }
    }

    static let staffPostRoutes = [
        "/equipe/courrier/1/renvoyer", "/equipe/courrier/renvoyer-les-echecs", "/equipe/correspondants/1", "/equipe/correspondants/1/invitation",
        "/equipe/partenaires/nouveau", "/equipe/partenaires/1", "/equipe/reseaux/nouveau", "/equipe/ateliers/nouveau", "/equipe/parcours/fin-de-fonctions",
        "/equipe/vademecum/nouvelle", "/equipe/vademecum/conge-special", "/equipe/vademecum/conge-special/etat",
        "/equipe/synonymes", "/equipe/synonymes/1/suppression",
        "/equipe/ateliers/1/presences", "/equipe/ateliers/1/cloture", "/equipe/ateliers/1/annulation",
        "/equipe/groupes/nouvelle", "/equipe/groupes/1/decision",
        "/equipe/signalements/1",
        "/equipe/remontees/1",
    ]

    @Test("the policy decides in one place")
    func policy() {
        let director = Policy.Actor(userId: 1, role: .demandeur)
        #expect(Policy.decide(nil, .manageOwnAccount) == .signIn)
        #expect(Policy.decide(director, .manageOwnAccount) == .allow)
        #expect(Policy.decide(director, .useBackOffice) == .notFound)
        #expect(Policy.decide(Policy.Actor(userId: 2, role: .equipe), .administerUsers) == .notFound)
        #expect(Policy.decide(Policy.Actor(userId: 3, role: .admin, secondFactor: true), .administerUsers) == .allow)
        // Staff without a second factor manage their own account (to set it up) and nothing else.
        #expect(Policy.decide(Policy.Actor(userId: 3, role: .admin), .administerUsers) == .enrolSecondFactor)
        #expect(Policy.decide(Policy.Actor(userId: 2, role: .equipe), .useBackOffice) == .enrolSecondFactor)
        #expect(Policy.decide(Policy.Actor(userId: 2, role: .equipe), .manageOwnAccount) == .allow)
        #expect(Policy.decide(Policy.Actor(userId: 2, role: .equipe), .useCorrespondentDesk) == .notFound)
        // Exchange groups: the association's people (staff with their second factor), never experts.
        #expect(Policy.decide(director, .useGroups) == .allow)
        #expect(Policy.decide(Policy.Actor(userId: 2, role: .equipe), .useGroups) == .enrolSecondFactor)
        #expect(Policy.decide(Policy.Actor(userId: 2, role: .equipe, secondFactor: true), .useGroups) == .allow)
        #expect(Policy.decide(Policy.Actor(userId: 5, role: .expert), .useGroups) == .notFound)
    }

    @Test("the session cookie is HttpOnly and SameSite=Lax, Secure only over https, and changes at sign-in")
    func cookies() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            try await browser.get("/connexion")
            #expect(browser.cookie == nil, "a visitor's form needs no session")
            let planted = "une-session-plantee-avant-la-connexion-000"
            browser.setCookie(planted)
            try await browser.post("/connexion", [("email", "equipe@demo.relais.example"), ("motdepasse", "relais-demo-equipe")])
            let set = try #require(browser.setCookies.last { $0.hasPrefix("relais_session=") })
            #expect(set.contains("HttpOnly"))
            #expect(set.contains("SameSite=Lax"))
            #expect(!set.contains("Secure"))
            #expect(browser.cookie != nil && browser.cookie != planted)
            // A session id chosen before sign-in opens nothing.
            let other = Browser(client)
            other.setCookie(planted)
            #expect(try await other.get("/equipe").status == .seeOther)
        }
        try await TestApp.run(database: database, config: TestApp.config(baseURL: "https://relais.example.org")) { client async throws in
            let browser = Browser(client)
            try await browser.get("/connexion")
            #expect(browser.setCookies.last?.contains("Secure") == true)
            try await browser.post("/connexion", [("email", "equipe@demo.relais.example"), ("motdepasse", "relais-demo-equipe")])
            #expect(browser.setCookies.filter { $0.hasPrefix("relais_") }.allSatisfy { $0.contains("Secure") })
        }
    }

    @Test("sessions live in SQLite: they survive a restart, end after 12 idle hours or 30 days, and can all be closed")
    func sessionLifetimes() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        let clock = MutableClock()
        let cookie = try await TestApp.run(database: database, clock: clock.function) { client async throws in
            let browser = Browser(client)
            try await signIn(browser, "directrice@demo.relais.example", "relais-demo-directrice")
            return try #require(browser.cookie)
        }
        // A new application on the same database: a restart.
        try await TestApp.run(database: database, clock: clock.function) { client async throws in
            let browser = Browser(client)
            browser.setCookie(cookie)
            #expect(try await browser.get("/compte").status == .ok)
            clock.advance(by: 11 * 3600)
            #expect(try await browser.get("/compte").status == .ok)
            clock.advance(by: 12 * 3600 + 1)
            #expect(try await browser.get("/compte").status == .seeOther, "idle for more than 12 hours")
        }
        try await TestApp.run(database: database, clock: clock.function) { client async throws in
            let browser = Browser(client)
            try await signIn(browser, "directrice@demo.relais.example", "relais-demo-directrice")
            for _ in 0..<31 {
                clock.advance(by: 24 * 3600)
                _ = try await browser.get("/compte")
            }
            #expect(try await browser.get("/compte").status == .seeOther, "older than 30 days")
        }
        try await TestApp.run(database: database, clock: clock.function) { client async throws in
            let laptop = Browser(client), phone = Browser(client)
            try await signIn(laptop, "directrice@demo.relais.example", "relais-demo-directrice")
            try await signIn(phone, "directrice@demo.relais.example", "relais-demo-directrice")
            try await laptop.get("/compte")
            let done = try await laptop.post("/compte/deconnexion-partout", [])
            #expect(done.status == .seeOther)
            #expect(try await phone.get("/compte").status == .seeOther)
            #expect(try await laptop.get("/compte").status == .ok)
        }
    }

    @Test("a POST without the CSRF token, or with a wrong one, gets a French 403 and changes nothing")
    func csrf() async throws {
        let database = try TestDatabase.seeded()
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            try await browser.get("/inscription")
            let missing = try await browser.post("/inscription", newDirector, csrf: "")
            let wrong = try await browser.post("/inscription", newDirector, csrf: "jeton-faux")
            let noSession = Browser(client)
            let forged = try await noSession.post("/inscription", newDirector, csrf: "x")
            for page in [missing, wrong, forged] {
                #expect(page.status == .forbidden)
                #expect(page.body.contains("Action refusée"))
            }
            #expect(try await database.user(email: "camille.durand@mairie-exemple.fr") == nil)
        }
    }

    @Test("sign-out is a POST with the token, and ends the session")
    func signOut() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await SecondFactorFixture.enrolStaff(in: database)
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            try await signIn(browser, "equipe@demo.relais.example", "relais-demo-equipe")
            let home = try await browser.get("/")
            #expect(home.body.contains("Se déconnecter"))
            let out = try await browser.post("/deconnexion", [])
            #expect(out.status == .seeOther)
            #expect(try await browser.get("/equipe").status == .seeOther)
        }
    }

    @Test("demo accounts exist only in demo mode, and the sign-in page lists them only then")
    func demoAccounts() async throws {
        let database = try TestDatabase.seeded()
        #expect(try await database.user(email: "admin@demo.relais.example") == nil)
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        #expect(try await database.user(email: "admin@demo.relais.example")?.role == .admin)
        // Three seeded correspondents volunteer as pairs, once, however often the demo starts.
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        #expect(try await database.reader.read { db in try PeerVolunteer.fetchCount(db) } == DemoAccounts.demoPairs.count)
        try await TestApp.run(database: database, config: TestApp.config(demo: true)) { client async throws in
            #expect(try await Browser(client).get("/connexion").body.contains("relais-demo-admin"))
        }
        try await TestApp.run(database: database) { client async throws in
            #expect(try await !Browser(client).get("/connexion").body.contains("relais-demo-admin"))
        }
        let demoCount = try await database.reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM user WHERE demo") ?? 0 }
        #expect(demoCount > 4)
        #expect(try await DemoAccounts.remove(from: database) == demoCount)
        #expect(try await database.user(email: "admin@demo.relais.example") == nil)
        #expect(try await database.reader.read { db in try PeerVolunteer.fetchCount(db) } == 0, "the demo pairs went with their accounts")
    }

    @Test("my data: the export holds the profile, and deletion needs the password")
    func myData() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            try await signIn(browser, "directrice@demo.relais.example", "relais-demo-directrice")
            let export = try await browser.get("/mes-donnees/export.json")
            #expect(export.status == .ok)
            #expect(export.headers[.contentType] == "application/json; charset=utf-8")
            let json = try JSONSerialization.jsonObject(with: Data(export.body.utf8)) as? [String: Any]
            #expect((json?["profile"] as? [String: Any])?["email"] as? String == "directrice@demo.relais.example")

            try await browser.get("/mes-donnees")
            let refused = try await browser.post("/mes-donnees/suppression", [("motdepasse", "pas le bon")])
            #expect(refused.status == .unprocessableContent)
            #expect(try await database.user(email: "directrice@demo.relais.example") != nil)
            let deleted = try await browser.post("/mes-donnees/suppression", [("motdepasse", "relais-demo-directrice")])
            #expect(deleted.status == .ok)
            #expect(deleted.body.contains("Votre compte est supprimé"))
            #expect(try await database.user(email: "directrice@demo.relais.example") == nil)
            #expect(try await browser.get("/compte").status == .seeOther)
        }
        let actions = try await database.auditEvents().map(\.action)
        #expect(actions.contains("export_donnees"))
        #expect(actions.contains("compte_supprime"))
    }
}
