import Foundation
import GRDB
import HummingbirdTesting
import RelaisCore
import RelaisMail
import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// The text part of the latest mail queued for `recipient`, and the site path of its first link.
func latestMail(to recipient: String, in database: AppDatabase) throws -> (text: String, path: String?) {
    let message = try #require(try database.outboxMessages().first { $0.recipient == recipient })
    let text = try #require(MIMEReader(message.sentRaw).part("text/plain"))
    let path = text.split(separator: "\n").first { $0.hasPrefix("http") && $0.contains("jeton=") }
        .flatMap { URL(string: String($0)) }
        .map { $0.path + "?" + ($0.query ?? "") }
    return (text, path)
}

let newDirector: [(String, String)] = [
    ("nom", "Camille Durand"), ("email", "camille.durand@mairie-exemple.fr"), ("notification", "camille.perso@exemple.fr"),
    ("poste", "dgs"), ("employeur_code", "75C"), ("employeur_recherche", ""), ("employeur_nom", ""), ("departement", ""),
    ("telephone", "06 12 34 56 78"), ("motdepasse", "une phrase assez longue"), ("confirmation", "une phrase assez longue"),
    ("action", "creer"),
]

@Suite("Accounts: sign-up, sign-in, reset, invitation", .serialized)
struct AccountFlowTests {
    @Test("a director signs up, the confirmation mail reaches the SMTP sink, the link confirms, and they sign in")
    func signUpJourney() async throws {
        let database = try TestDatabase.seeded()
        let sink = SMTPSink()
        try await sink.start()
        try await TestApp.run(database: database) { client in
            let browser = Browser(client)
            try await browser.get("/inscription")

            // MUT: sign up
            let created = try await browser.post("/inscription", newDirector)
            #expect(created.status == .ok)
            #expect(created.body.contains("Vérifiez votre messagerie"))

            // The mail goes out through the outbox to a real SMTP server.
            let worker = DeliveryWorker(database: database, mailer: SMTPMailer(settings: SMTPSettings(url: sink.url)), outbox: Outbox(), secrets: TestApp.mailLinks,
                                        logger: .init(label: "t"), clock: { TestClock.now })
            try await worker.deliverDue()
            let envelope = try #require(sink.envelopes.first)
            #expect(envelope.recipients == ["camille.durand@mairie-exemple.fr"])
            let text = try #require(MIMEReader(envelope.data).part("text/plain"))
            #expect(!text.contains("75C") && !text.contains("Paris"), "no personal detail beyond the name in the mail")
            let link = try #require(text.split(separator: "\n").first { $0.contains("jeton=") }.flatMap { URL(string: String($0)) })

            // Signing in before confirming says so.
            try await browser.get("/connexion")
            let early = try await browser.post("/connexion", [("email", "camille.durand@mairie-exemple.fr"), ("motdepasse", "une phrase assez longue")])
            #expect(early.status == .unprocessableContent)
            #expect(early.body.contains("pas encore confirmée"))

            // The link shows a button; a GET alone confirms nothing.
            let confirmPage = try await browser.get(link.path + "?" + (link.query ?? ""))
            #expect(confirmPage.status == .ok)
            #expect(confirmPage.body.contains("camille.durand@mairie-exemple.fr"))
            let token = String(link.query!.dropFirst("jeton=".count))
            // Only the password chosen at sign-up confirms; then the person is signed in.
            let wrong = try await browser.post("/inscription/confirmation", [("jeton", token), ("motdepasse", "pas celui-là du tout")])
            #expect(wrong.status == .unprocessableContent && wrong.body.contains("Ce n’est pas le mot de passe choisi à l’inscription."))
            let confirmed = try await browser.post("/inscription/confirmation", [("jeton", token), ("motdepasse", "une phrase assez longue")])
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.location == "/compte?message=bienvenue")
            #expect(try await browser.get("/compte").status == .ok, "confirming signs the director in")
            try await browser.post("/deconnexion", [])

            try await browser.get("/connexion")
            let signedIn = try await browser.post("/connexion", [("email", "Camille.Durand@mairie-exemple.fr"), ("motdepasse", "une phrase assez longue")])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.location == "/compte")
            let account = try await browser.get("/compte")
            #expect(account.status == .ok)
            #expect(account.body.contains("camille.perso@exemple.fr"))
            #expect(account.body.contains("Paris (75)"))

            // The link worked once only.
            let reused = try await browser.get(link.path + "?" + (link.query ?? ""))
            #expect(reused.status == .notFound)
        }
        try await sink.stop()
    }

    @Test("signing up with an address that has an account shows the same page and mails the owner instead")
    func signUpExisting() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await TestApp.run(database: database) { client in
            let browser = Browser(client)
            try await browser.get("/inscription")
            var fields = newDirector
            fields[1] = ("email", "directrice@demo.relais.example")
            let page = try await browser.post("/inscription", fields)
            #expect(page.status == .ok)
            #expect(page.body.contains("Vérifiez votre messagerie"))
            let mail = try latestMail(to: "directrice@demo.relais.example", in: database)
            #expect(mail.text.contains("Un compte existe déjà"))
            #expect(try await database.user(email: "directrice@demo.relais.example")?.name == "Claire Demo")
        }
    }

    @Test("a wrong password and an unknown address get the same answer")
    func sameAnswer() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await TestApp.run(database: database) { client in
            let browser = Browser(client)
            try await browser.get("/connexion")
            let wrong = try await browser.post("/connexion", [("email", "equipe@demo.relais.example"), ("motdepasse", "pas le bon mot de passe")])
            let unknown = try await browser.post("/connexion", [("email", "personne@exemple.fr"), ("motdepasse", "pas le bon mot de passe")])
            #expect(wrong.status == unknown.status)
            #expect(wrong.body.contains("Adresse électronique ou mot de passe incorrect."))
            #expect(unknown.body.contains("Adresse électronique ou mot de passe incorrect."))
            let events = try await database.auditEvents().map(\.action)
            #expect(events.filter { $0 == "connexion_echouee" }.count == 2)
        }
    }

    @Test("after five failures in fifteen minutes the account is paused, even with the right password, then opens again")
    func throttling() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        let clock = MutableClock()
        try await TestApp.run(database: database, clock: clock.function) { client in
            let browser = Browser(client)
            try await browser.get("/connexion")
            for _ in 0..<5 {
                try await browser.post("/connexion", [("email", "equipe@demo.relais.example"), ("motdepasse", "mauvais mot de passe")])
            }
            let blocked = try await browser.post("/connexion", [("email", "equipe@demo.relais.example"), ("motdepasse", "relais-demo-equipe")])
            #expect(blocked.status == .unprocessableContent)
            #expect(blocked.body.contains("Trop de tentatives pour ce compte. Réessayez dans 15 minutes."))

            clock.advance(by: 15 * 60 + 1)
            let later = try await browser.post("/connexion", [("email", "equipe@demo.relais.example"), ("motdepasse", "relais-demo-equipe")])
            #expect(later.status == .seeOther)
        }
    }

    @Test("a password reset mails a one-hour, single-use link, and the same page shows for unknown addresses")
    func passwordReset() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        let clock = MutableClock()
        try await TestApp.run(database: database, clock: clock.function) { client in
            let browser = Browser(client)
            try await browser.get("/mot-de-passe-oublie")
            let known = try await browser.post("/mot-de-passe-oublie", [("email", "directrice@demo.relais.example")])
            let unknown = try await browser.post("/mot-de-passe-oublie", [("email", "personne@exemple.fr")])
            #expect(known.status == .ok && unknown.status == .ok)
            #expect(known.body.contains("Si un compte existe pour cette adresse"))
            #expect(unknown.body.contains("Si un compte existe pour cette adresse"))
            #expect(try await database.outboxMessages().map(\.recipient) == ["directrice@demo.relais.example"])

            let link = try #require(try latestMail(to: "directrice@demo.relais.example", in: database).path)
            let token = String(link.split(separator: "=").last ?? "")
            #expect(try await browser.get(link).status == .ok)
            let mismatch = try await browser.post("/mot-de-passe/nouveau", [("jeton", token), ("motdepasse", "nouvelle phrase secrète"), ("confirmation", "autre chose encore")])
            #expect(mismatch.status == .unprocessableContent)
            #expect(mismatch.body.contains("Les deux mots de passe ne sont pas identiques."))
            let changed = try await browser.post("/mot-de-passe/nouveau", [("jeton", token), ("motdepasse", "nouvelle phrase secrète"), ("confirmation", "nouvelle phrase secrète")])
            #expect(changed.status == .seeOther)
            #expect(try await browser.get(link).status == .notFound)

            try await browser.get("/connexion")
            let signedIn = try await browser.post("/connexion", [("email", "directrice@demo.relais.example"), ("motdepasse", "nouvelle phrase secrète")])
            #expect(signedIn.status == .seeOther)

            // A second link expires after an hour.
            try await browser.get("/mot-de-passe-oublie")
            try await browser.post("/mot-de-passe-oublie", [("email", "directrice@demo.relais.example")])
            let late = try #require(try latestMail(to: "directrice@demo.relais.example", in: database).path)
            clock.advance(by: 3601)
            #expect(try await browser.get(late).status == .notFound)
        }
    }

    @Test("an invited correspondent chooses a password from the mailed link and reaches the desk")
    func invitation() async throws {
        let database = try TestDatabase.seeded()
        let accounts = try await AppParts.make(config: TestApp.config(), database: database, logger: .init(label: "t"), clock: { TestClock.now }).accounts
        let link = try await accounts.invite(email: "nouvelle@exemple.fr", name: "Nora Nouvelle", role: .correspondant,
                                             correspondentId: 1, invitedBy: "relais user invite")
        #expect(link.contains("/invitation?jeton="))
        let mail = try latestMail(to: "nouvelle@exemple.fr", in: database)
        #expect(mail.text.contains("en tant que correspondant"))
        try await TestApp.run(database: database) { client in
            let browser = Browser(client)
            let path = try #require(mail.path)
            #expect(try await browser.get(path).status == .ok)
            let token = String(path.split(separator: "=").last ?? "")
            let accepted = try await browser.post("/invitation", [("jeton", token), ("motdepasse", "bienvenue à bord"), ("confirmation", "bienvenue à bord")])
            #expect(accepted.status == .seeOther)
            try await browser.get("/connexion")
            let signedIn = try await browser.post("/connexion", [("email", "nouvelle@exemple.fr"), ("motdepasse", "bienvenue à bord")])
            #expect(signedIn.location == "/correspondant")
            let desk = try await browser.get("/correspondant")
            #expect(desk.status == .ok)
            #expect(desk.body.contains("Départements couverts"))
        }
        #expect(try await database.auditEvents().contains { $0.action == "invitation" && $0.target.contains("nouvelle@exemple.fr") })
    }
}
