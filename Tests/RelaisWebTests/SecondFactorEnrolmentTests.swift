import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

@Suite("Two-factor sign-in: enrolment, trusted devices, administration", .serialized)
struct SecondFactorEnrolmentTests {
    typealias Accounts = SecondFactorTests

    /// The secret being set up for `email`, read where the server keeps it.
    static func pendingSecret(_ email: String, in database: AppDatabase) async throws -> String {
        try #require(try await database.reader.read { db in
            try String.fetchOne(db, sql: "SELECT pendingSecret FROM secondFactor JOIN user ON user.id = secondFactor.userId WHERE email = ?",
                                arguments: [email])
        })
    }

    /// Signs out, reading the form's token first (the session, and its token, changed at sign-in).
    @discardableResult
    static func signOut(_ browser: Browser) async throws -> Browser.Page {
        try await browser.get("/connexion")
        return try await browser.post("/deconnexion", [])
    }

    @Test("staff without a second factor are sent to set it up and reach no back-office page until they have")
    func staffMustEnrol() async throws {
        let database = try await Accounts.database()
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            let signedIn = try await browser.signIn(Accounts.staff.0, Accounts.staff.1)
            #expect(signedIn.location == "/compte/double-authentification?suite=%2Fequipe")
            for route in ["/equipe", "/equipe/journal", "/equipe/demandes", "/equipe/vademecum", "/equipe/exports/demandes.csv"] {
                let page = try await browser.get(route)
                #expect(page.status == .seeOther, "\(route)")
                #expect(page.location?.hasPrefix("/compte/double-authentification?suite=") == true, "\(route)")
            }
            try await browser.get("/compte")
            #expect(try await browser.post("/equipe/courrier/renvoyer-les-echecs", []).location?.hasPrefix("/compte/double-authentification") == true)
            // Their own account stays theirs to manage.
            #expect(try await browser.get("/compte").status == .ok)

            let intro = try await browser.get("/compte/double-authentification?suite=%2Fequipe")
            #expect(intro.body.contains("Obligatoire pour l’équipe et les administrateurs."))
            let started = try await browser.post("/compte/double-authentification/debut", [("suite", "/equipe")])
            #expect(started.status == .seeOther)
            let setup = try await browser.get("/compte/double-authentification?suite=%2Fequipe")
            let secret = try await Self.pendingSecret(Accounts.staff.0, in: database)
            #expect(setup.body.contains("<svg"))
            #expect(setup.body.contains(SecondFactorService.typedSecret(secret)))
            #expect(!setup.body.contains(secret), "the raw key is shown in base32 only")

            let wrong = try await browser.post("/compte/double-authentification/confirmation", [("code", "12345"), ("suite", "/equipe")])
            #expect(wrong.status == .unprocessableContent)
            let confirmed = try await browser.post("/compte/double-authentification/confirmation",
                                                   [("code", SecondFactorFixture.code(secret: secret)), ("suite", "/equipe")])
            #expect(confirmed.status == .ok)
            let codes = confirmed.body.matches(of: /<li><code>([a-z2-9]{4}-[a-z2-9]{4})<\/code><\/li>/).map { String($0.output.1) }
            #expect(codes.count == 10)
            #expect(confirmed.body.contains(#"href="/equipe""#))
            #expect(try await browser.get("/equipe").status == .ok)

            // Stored hashed only, and shown once.
            let stored = try await database.reader.read { db in try String.fetchAll(db, sql: "SELECT codeHash FROM recoveryCode") }
            #expect(Set(stored) == Set(codes.map(RecoveryCode.hash)))
            #expect(try await !browser.get("/compte/double-authentification").body.contains(codes[0]))
        }
        #expect(try Accounts.actions(database).contains("double_authentification_activee"))
    }

    @Test("the role matrix before enrolment: an admin without second factor reaches their own account and nothing else")
    func matrixBeforeEnrolment() async throws {
        let database = try await Accounts.database()
        let ownAccount: Set<String> = ["/compte", "/mes-donnees", "/mes-donnees/export.json", "/mes-demandes", "/compte/double-authentification"]
        try await TestApp.run(database: database) { client async throws in
            let admin = Browser(client)
            try await admin.signIn(Accounts.admin.0, Accounts.admin.1)
            for route in SecurityTests.protectedRoutes {
                let page = try await admin.get(route)
                if ownAccount.contains(route) {
                    #expect(page.status == .ok, "\(route)")
                } else if !SecurityTests.allowed[.admin, default: []].contains(route) {
                    // Not an administrator's page at all (the expert's desk, the members' pairs): as if it did not exist.
                    #expect(page.status == .notFound, "\(route)")
                } else {
                    #expect(page.location?.hasPrefix("/compte/double-authentification?suite=") == true, "\(route)")
                }
            }
        }
    }

    @Test("a trusted browser skips the code for 30 days; a revoked one, or another account, does not")
    func trustedDevice() async throws {
        let database = try await Accounts.database(enrolled: [Accounts.staff.0, Accounts.director.0])
        let clock = MutableClock()
        try await TestApp.run(database: database, clock: clock.function) { client async throws in
            let browser = Browser(client)
            try await Accounts.password(browser, Accounts.staff)
            let trusted = try await browser.post("/connexion/code", [("code", SecondFactorFixture.code(at: clock.now)), ("confiance", "oui")])
            #expect(trusted.status == .seeOther)
            let cookie = try #require(browser.setCookies.last { $0.hasPrefix("relais_appareil=") })
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/connexion"))
            #expect(try await Self.signOut(browser).status == .seeOther)

            clock.advance(by: 29 * 24 * 3600)
            let again = try await browser.signIn(Accounts.staff.0, Accounts.staff.1, at: .distantPast)
            #expect(again.location == "/equipe", "no code asked")

            // The cookie means nothing for another account.
            try await Self.signOut(browser)
            try await browser.get("/connexion")
            #expect(try await browser.post("/connexion", [("email", Accounts.director.0), ("motdepasse", Accounts.director.1)]).location == "/connexion/code")

            // Listed on the account page, revoked from there.
            let staffBrowser = Browser(client)
            try await staffBrowser.signIn(Accounts.staff.0, Accounts.staff.1, at: clock.now)
            let page = try await staffBrowser.get("/compte/double-authentification")
            #expect(page.body.contains("Appareils de confiance"))
            // The personal-data export says when the second factor was set up and which browsers are trusted.
            let export = try await staffBrowser.get("/mes-donnees/export.json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(export.body.utf8)) as? [String: Any])
            let secondFactor = try #require(json["secondFactor"] as? [String: Any])
            #expect(secondFactor["enabledAt"] is String)
            let browsers = try #require(secondFactor["trustedBrowsers"] as? [[String: Any]])
            #expect(browsers.count == 1 && browsers.first?["label"] is String && browsers.first?["lastUsedAt"] is String)
            let id = try #require(page.body.firstMatch(of: /name="appareil" value="(\d+)"/).map { String($0.output.1) })
            #expect(try await staffBrowser.post("/compte/double-authentification/appareils", [("appareil", id)]).status == .seeOther)
            try await Self.signOut(browser)
            try await browser.get("/connexion")
            #expect(try await browser.post("/connexion", [("email", Accounts.staff.0), ("motdepasse", Accounts.staff.1)]).location == "/connexion/code")
        }
        let actions = try Accounts.actions(database)
        for action in ["appareil_de_confiance_ajoute", "appareil_de_confiance_utilise", "appareil_de_confiance_revoque"] {
            #expect(actions.contains(action), "\(action)")
        }
    }

    @Test("an admin resets someone's second factor: audited, their sessions and trusted browsers end, staff set it up again")
    func adminReset() async throws {
        let database = try await Accounts.database(enrolled: [Accounts.staff.0, Accounts.admin.0])
        try await TestApp.run(database: database) { client async throws in
            let staff = Browser(client)
            try await staff.signIn(Accounts.staff.0, Accounts.staff.1)
            #expect(try await staff.get("/equipe").status == .ok)
            // Staff who are not admins do not see the accounts' page.
            #expect(try await staff.get("/equipe/comptes").status == .notFound)

            let admin = Browser(client)
            try await admin.signIn(Accounts.admin.0, Accounts.admin.1)
            #expect(try await admin.get("/equipe").body.contains("/equipe/comptes"))
            let list = try await admin.get("/equipe/comptes?q=equipe%40demo")
            #expect(list.status == .ok)
            let staffId = try #require(try await database.user(email: Accounts.staff.0)?.id)
            #expect(list.body.contains("/equipe/comptes/\(staffId)/double-authentification"))
            let reset = try await admin.post("/equipe/comptes/\(staffId)/double-authentification", [])
            #expect(reset.status == .seeOther)
            #expect(try await admin.get(try #require(reset.location)).body.contains("est réinitialisée"))

            #expect(try await staff.get("/equipe").status == .seeOther, "their session ended")
            let back = try await staff.signIn(Accounts.staff.0, Accounts.staff.1)
            #expect(back.location?.hasPrefix("/compte/double-authentification") == true)
        }
        let event = try #require(try await database.auditEvents().first { $0.action == "double_authentification_reinitialisee" })
        #expect(event.actorEmail == Accounts.admin.0)
        #expect(event.target == Accounts.staff.0)
    }

    @Test("directors may turn it off with their password and a code; staff may not")
    func disable() async throws {
        let database = try await Accounts.database(enrolled: [Accounts.staff.0, Accounts.director.0])
        let clock = MutableClock()
        try await TestApp.run(database: database, clock: clock.function) { client async throws in
            let director = Browser(client)
            try await director.signIn(Accounts.director.0, Accounts.director.1, at: clock.now)
            let page = try await director.get("/compte/double-authentification")
            #expect(page.body.contains("Désactiver la double authentification"))
            clock.advance(by: 30)
            let wrongPassword = try await director.post("/compte/double-authentification/desactivation",
                                                        [("motdepasse", "pas le bon"), ("code_desactivation", SecondFactorFixture.code(at: clock.now))])
            #expect(wrongPassword.status == .unprocessableContent)
            let done = try await director.post("/compte/double-authentification/desactivation",
                                               [("motdepasse", Accounts.director.1), ("code_desactivation", SecondFactorFixture.code(at: clock.now))])
            #expect(done.location == "/compte/double-authentification?message=desactivee")
            #expect(try await database.user(email: Accounts.director.0)?.secondFactorAt == nil)

            let staff = Browser(client)
            try await staff.signIn(Accounts.staff.0, Accounts.staff.1, at: clock.now)
            #expect(try await staff.get("/compte/double-authentification").body.contains("ne peut pas être désactivée"))
            clock.advance(by: 30)
            let refused = try await staff.post("/compte/double-authentification/desactivation",
                                               [("motdepasse", Accounts.staff.1), ("code_desactivation", SecondFactorFixture.code(at: clock.now))])
            #expect(refused.status == .notFound)
        }
        #expect(try Accounts.actions(database).contains("double_authentification_desactivee"))
    }

    @Test("codes follow RFC 6238 (SHA-1, 30 s, 6 digits) and the address is the one apps read")
    func rfcVectors() throws {
        // RFC 6238 appendix B, SHA-1 key "12345678901234567890", last six of the eight digits.
        #expect(SecondFactorService.code(secret: "12345678901234567890", step: TOTPRules.step(atUnixTime: 59)) == "287082")
        #expect(SecondFactorService.code(secret: "12345678901234567890", step: TOTPRules.step(atUnixTime: 1_111_111_109)) == "081804")
        #expect(SecondFactorService.code(secret: "12345678901234567890", step: TOTPRules.step(atUnixTime: 2_000_000_000)) == "279037")
        let secret = "abcdefghijklmnopqrstuv"
        let url = SecondFactorService.authenticatorURL(secret: secret, email: "admin@demo.relais.example")
        #expect(url == "otpauth://totp/Relais:admin@demo.relais.example?secret=\(Base32.encode(Array(secret.utf8)))&issuer=Relais")
    }
}
