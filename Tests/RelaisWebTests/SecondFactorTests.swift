import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

@Suite("Two-factor sign-in", .serialized)
struct SecondFactorTests {
    static let staff = ("equipe@demo.relais.example", "relais-demo-equipe")
    static let admin = ("admin@demo.relais.example", "relais-demo-admin")
    static let director = ("directrice@demo.relais.example", "relais-demo-directrice")

    /// A seeded database with the demo accounts; `enrolled` get the fixture's secret.
    static func database(enrolled: [String] = [], recoveryCodes: [String] = []) async throws -> AppDatabase {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        for email in enrolled { try await SecondFactorFixture.enrol(email, in: database, recoveryCodes: recoveryCodes) }
        return database
    }

    /// Types the password and lands on the code page.
    static func password(_ browser: Browser, _ account: (String, String)) async throws {
        try await browser.get("/connexion")
        let answer = try await browser.post("/connexion", [("email", account.0), ("motdepasse", account.1)])
        #expect(answer.location == "/connexion/code")
        try await browser.get("/connexion/code")
    }

    static func actions(_ database: AppDatabase) throws -> [String] {
        try database.auditEvents().map(\.action)
    }

    @Test("a code of the previous, current or next step is accepted; two steps away is refused")
    func window() async throws {
        let database = try await Self.database(enrolled: [Self.staff.0])
        try await TestApp.run(database: database) { client async throws in
            for steps in [-2, 2] as [Int64] {
                let browser = Browser(client)
                try await Self.password(browser, Self.staff)
                let refused = try await browser.post("/connexion/code", [("code", SecondFactorFixture.code(steps: steps))])
                #expect(refused.status == .unprocessableContent, "\(steps) steps")
                #expect(refused.body.contains("Ce code n’est pas valable ou a déjà servi."))
            }
            // In increasing order: each accepted step closes the ones before it.
            for steps in [-1, 0, 1] as [Int64] {
                let browser = Browser(client)
                try await Self.password(browser, Self.staff)
                let accepted = try await browser.post("/connexion/code", [("code", SecondFactorFixture.code(steps: steps))])
                #expect(accepted.status == .seeOther, "\(steps) steps")
                #expect(accepted.location == "/equipe")
                #expect(try await browser.get("/equipe").status == .ok)
            }
        }
        let actions = try Self.actions(database)
        #expect(actions.filter { $0 == "code_accepte" }.count == 3)
        #expect(actions.filter { $0 == "code_refuse" }.count == 2)
    }

    @Test("a code that served once is refused the second time, even within its 30 seconds")
    func reuse() async throws {
        let database = try await Self.database(enrolled: [Self.staff.0])
        try await TestApp.run(database: database) { client async throws in
            let first = Browser(client)
            try await Self.password(first, Self.staff)
            #expect(try await first.post("/connexion/code", [("code", SecondFactorFixture.code())]).status == .seeOther)
            let second = Browser(client)
            try await Self.password(second, Self.staff)
            let again = try await second.post("/connexion/code", [("code", SecondFactorFixture.code())])
            #expect(again.status == .unprocessableContent)
            #expect(try await second.get("/equipe").location?.hasPrefix("/connexion") == true)
        }
    }

    @Test("a recovery code opens the account once, is said to be used, and never again")
    func recoveryCode() async throws {
        let codes = ["abcd-efgh", "jkmn-pqrs"]
        let database = try await Self.database(enrolled: [Self.director.0], recoveryCodes: codes)
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            try await Self.password(browser, Self.director)
            // Typed loosely: upper case, a space for the hyphen.
            let used = try await browser.post("/connexion/code", [("code", "ABCD EFGH")])
            #expect(used.status == .seeOther)
            #expect(used.location == "/compte/double-authentification?message=code-secours&restants=1")
            #expect(try await browser.get(try #require(used.location)).body.contains("il vous en reste 1"))

            let later = Browser(client)
            try await Self.password(later, Self.director)
            #expect(try await later.post("/connexion/code", [("code", "abcd-efgh")]).status == .unprocessableContent)
        }
        #expect(try Self.actions(database).contains("code_secours_utilise"))
    }

    @Test("five wrong codes pause the account, even for the right code, then it opens again")
    func throttling() async throws {
        let database = try await Self.database(enrolled: [Self.staff.0])
        let clock = MutableClock()
        try await TestApp.run(database: database, clock: clock.function) { client async throws in
            let browser = Browser(client)
            try await Self.password(browser, Self.staff)
            for _ in 0..<5 {
                #expect(try await browser.post("/connexion/code", [("code", "000000")]).status == .unprocessableContent)
            }
            let blocked = try await browser.post("/connexion/code", [("code", SecondFactorFixture.code(at: clock.now))])
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.body.contains("Trop de codes erronés pour ce compte. Réessayez dans 15 minutes."))

            clock.advance(by: 9 * 60)
            // The half signed-in state lasts ten minutes: sign in again once the pause is over.
            clock.advance(by: 6 * 60 + 1)
            let again = Browser(client)
            try await Self.password(again, Self.staff)
            #expect(try await again.post("/connexion/code", [("code", SecondFactorFixture.code(at: clock.now))]).status == .seeOther)
        }
        #expect(try Self.actions(database).contains("code_bloque"))
    }

    @Test("between password and code nothing protected opens, and the wait ends after ten minutes")
    func halfSignedIn() async throws {
        let database = try await Self.database(enrolled: [Self.staff.0])
        let clock = MutableClock()
        try await TestApp.run(database: database, clock: clock.function) { client async throws in
            let browser = Browser(client)
            try await Self.password(browser, Self.staff)
            for route in ["/compte", "/equipe", "/equipe/journal", "/mes-donnees", "/compte/double-authentification"] {
                #expect(try await browser.get(route).location?.hasPrefix("/connexion?suite=") == true, "\(route)")
            }
            #expect(try await browser.post("/compte/double-authentification/debut", []).location?.hasPrefix("/connexion?suite=") == true)
            clock.advance(by: 10 * 60 + 1)
            #expect(try await browser.get("/connexion/code").location == "/connexion?message=code-expire")
            let late = try await browser.post("/connexion/code", [("code", SecondFactorFixture.code(at: clock.now))])
            #expect(late.location == "/connexion?message=code-expire")
            #expect(try await browser.get("/equipe").status == .seeOther)
        }
    }

    @Test("a code page without a password typed first sends back to sign in")
    func codeWithoutPassword() async throws {
        let database = try await Self.database(enrolled: [Self.staff.0])
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            try await browser.get("/connexion")
            #expect(try await browser.get("/connexion/code").location == "/connexion?message=code-expire")
            #expect(try await browser.post("/connexion/code", [("code", SecondFactorFixture.code())]).location == "/connexion?message=code-expire")
        }
    }
}
