import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisMail
import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

@Suite("Profile editing at /compte", .serialized)
struct ProfileTests {
    let email = "directrice@demo.relais.example", password = "relais-demo-directrice"

    func world() async throws -> AppDatabase {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        return database
    }

    func audit(_ database: AppDatabase) throws -> [String] {
        try database.auditEvents().map(\.action)
    }

    @Test("name and phone are changed from the account page; a wrong phone comes back with what was typed")
    func nameAndPhone() async throws {
        let database = try await world()
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            try await signIn(browser, email, password)
            #expect(try await browser.get("/compte/profil").status == .ok)
            let wrong = try await browser.post("/compte/profil", [("nom", "Claire Martin-Durand"), ("telephone", "06 12 <script>")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("Claire Martin-Durand") && wrong.body.contains("06 12 &lt;script&gt;"))
            #expect(wrong.body.contains("Ce numéro de téléphone n’est pas valide"))
            let saved = try await browser.post("/compte/profil", [("nom", "Claire Martin-Durand"), ("telephone", "06 12 34 56 78")])
            #expect(saved.status == .seeOther)
            let account = try await browser.get(try #require(saved.location))
            #expect(account.body.contains("Claire Martin-Durand") && account.body.contains("06 12 34 56 78"))
            #expect(account.body.contains("Vos informations sont enregistrées."))
            #expect(try audit(database).contains("profil_modifie"))
        }
    }

    @Test("a new notification address is used only once confirmed from its own mailbox, and the old one is told")
    func notificationAddress() async throws {
        let database = try await world()
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            try await signIn(browser, email, password)
            let before = try #require(try await database.user(email: email)).notificationEmail
            let sent = try await browser.post("/compte/adresse", [("notification", "claire.perso@exemple.fr")])
            #expect(sent.status == .seeOther)
            #expect(try await database.user(email: email)?.notificationEmail == before, "nothing changes before confirmation")

            let mails = try await database.outboxMessages()
            let confirmation = try #require(mails.first { $0.recipient == "claire.perso@exemple.fr" })
            #expect(confirmation.kind == "adresse" && confirmation.carriesSecret)
            let notice = try #require(mails.first { $0.recipient == before && $0.kind == "account-notice" })
            #expect(MIMEReader(notice.raw).part("text/plain")?.contains("nouvelle adresse de notification a été demandée") == true)
            #expect(notice.raw.contains("claire.perso") == false, "the notice does not spell the new address")

            func token(_ raw: String) throws -> String {
                let text = try #require(MIMEReader(raw).part("text/plain"))
                return String(try #require(text.split(separator: "\n").first { $0.contains("jeton=") }).split(separator: "=").last!)
            }
            // The link as stored opens nothing; the link as sent shows the address and a button.
            let other = Browser(client)
            #expect(try await other.get("/compte/adresse/confirmation?jeton=\(try token(confirmation.raw))").status == .notFound)
            let link = try token(confirmation.sentRaw)
            let page = try await other.get("/compte/adresse/confirmation?jeton=\(link)")
            #expect(page.status == .ok && page.body.contains("claire.perso@exemple.fr"))
            #expect(try await database.user(email: email)?.notificationEmail == before, "opening the link alone changes nothing")
            let confirmed = try await other.post("/compte/adresse/confirmation", [("jeton", link)])
            #expect(confirmed.status == .seeOther)
            #expect(try await database.user(email: email)?.notificationEmail == "claire.perso@exemple.fr")
            #expect(try await other.post("/compte/adresse/confirmation", [("jeton", link)]).status == .notFound, "a link serves once")
            #expect(try audit(database).contains("adresse_notification_demandee") && audit(database).contains("adresse_notification_confirmee"))

            // Each request mails an address the person typed: a few, then a pause.
            var statuses: [HTTPResponse.Status] = []
            for index in 0..<6 {
                try await browser.get("/compte/adresse")
                statuses.append(try await browser.post("/compte/adresse", [("notification", "autre\(index)@exemple.fr")]).status)
            }
            #expect(statuses.last == .tooManyRequests && statuses.filter { $0 == .seeOther }.count == 4)
        }
    }

    @Test("the password changes with the current one; other devices are signed out, this one stays, and the owner is told")
    func passwordChange() async throws {
        let database = try await world()
        try await TestApp.run(database: database) { client async throws in
            let phone = Browser(client, headers: [.userAgent: "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36"])
            try await signIn(phone, email, password)
            let laptop = Browser(client, headers: [.userAgent: "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0"])
            try await signIn(laptop, email, password)
            let account = try await laptop.get("/compte")
            #expect(account.body.contains("Firefox sous Linux <strong>(cet appareil)</strong>") && account.body.contains("Chrome sous Android"))

            try await laptop.get("/compte/mot-de-passe")
            let wrong = try await laptop.post("/compte/mot-de-passe", [("actuel", "pas le bon"), ("motdepasse", "une toute nouvelle phrase"), ("confirmation", "une toute nouvelle phrase")])
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("Ce n’est pas votre mot de passe actuel."))
            let changed = try await laptop.post("/compte/mot-de-passe", [("actuel", password), ("motdepasse", "une toute nouvelle phrase"), ("confirmation", "une toute nouvelle phrase")])
            #expect(changed.status == .seeOther)
            #expect(try await laptop.get("/compte").status == .ok, "this browser stays signed in")
            #expect(try await phone.get("/compte").status == .seeOther, "the other device is signed out")
            #expect(try await database.outboxMessages().contains { $0.kind == "account-notice" && $0.recipient == email })
            #expect(try await signIn(Browser(client), email, "une toute nouvelle phrase").status == .seeOther)
            #expect(try audit(database).contains("mot_de_passe_modifie"))
        }
    }
}
