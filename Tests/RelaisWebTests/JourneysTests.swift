import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// Issue 15: the journeys as their users live them. Router tests for what the browser suite
/// (Tests/e2e/test_journeys_browser.py) does not read: mails, stored values, the words on pages.
@Suite("Journeys: addresses, names, confirmations, crisis help, review", .serialized)
struct JourneysTests {
    @Test("every mail to a director about their case has the same neutral subject")
    func neutralSubjects() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            let correspondent = Browser(client)
            try await signIn(correspondent, world.correspondentEmail, CaseWorld.password)
            #expect(try await correspondent.post("/demandes/\(reference)/action", [("action", "accepter")]).status == .seeOther)
            #expect(try await correspondent.post("/demandes/\(reference)/message", [("message", "Bonjour")]).status == .seeOther)
        }
        let toDirector = try await world.database.outboxMessages().filter { $0.recipient == world.directorNotification }
        #expect(toDirector.count == 3)
        #expect(toDirector.allSatisfy { $0.subject == "Relais\u{00A0}: du nouveau dans votre espace" })
    }

    @Test("a visitor gives one address: the case's notices go where the confirmation went")
    func oneAddress() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let visitor = Browser(client)
            let form = try await visitor.get("/demandes/nouvelle?situation=fin-de-fonctions")
            #expect(!form.body.contains(#"name="notification""#))
            #expect(form.body.contains("Votre adresse électronique personnelle"))
            var fields = world.caseFields(token: try #require(CaseWorld.token(in: form.body)))
            fields += [("nom", "Nouvelle Directrice"), ("email", "perso@exemple.fr"), ("poste", "dga"),
                       ("motdepasse", CaseWorld.password), ("confirmation", CaseWorld.password)]
            #expect(try await visitor.post("/demandes/nouvelle", fields).status == .ok)
        }
        let draft = try await world.database.reader.read { db in try CaseFile.filter(Column("openedAt") == nil).fetchOne(db) }
        #expect(draft?.notificationEmail == "perso@exemple.fr")
        let confirmation = try #require(try world.outbox(kind: "confirmation").first)
        #expect(confirmation.recipient == "perso@exemple.fr")
        #expect(confirmation.subject == "Relais\u{00A0}: confirmez votre adresse")
    }

    @Test("a correspondent is named as on their card on the case, in the messages and on the desk")
    func oneName() async throws {
        let world = try await CaseWorld.make()
        try await world.database.writer.write { db in
            try db.execute(sql: "UPDATE user SET name = 'Nom De Compte' WHERE email = ?", arguments: [world.correspondentEmail])
        }
        let firstName = try #require(try await world.database.reader.read { db in
            try String.fetchOne(db, sql: "SELECT firstName FROM correspondent WHERE id = ?", arguments: [world.correspondentId])
        })
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            let correspondent = Browser(client)
            try await signIn(correspondent, world.correspondentEmail, CaseWorld.password)
            _ = try await correspondent.post("/demandes/\(reference)/action", [("action", "accepter")])
            _ = try await correspondent.post("/demandes/\(reference)/message", [("message", "Bonjour, je vous appelle demain.")])
            let page = try await director.get("/demandes/\(reference)")
            #expect(page.body.contains("<strong>\(firstName)</strong>"))
            #expect(!page.body.contains("Nom De Compte") && !page.body.contains("<strong>Nom</strong>"))
            let desk = try await correspondent.get("/correspondant")
            #expect(desk.body.contains(firstName))
        }
    }

    @Test("closing takes a confirmation; the closing word lands in the thread; a withdrawal may say why")
    func confirmations() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            let correspondent = Browser(client)
            try await signIn(correspondent, world.correspondentEmail, CaseWorld.password)
            _ = try await correspondent.post("/demandes/\(reference)/action", [("action", "accepter")])
            let asked = try await correspondent.post("/demandes/\(reference)/action", [("action", "clore_resolue")])
            #expect(asked.status == .ok)
            #expect(asked.body.contains("Un dernier mot pour le directeur (facultatif)"))
            #expect(try await world.caseFile(reference).status == .priseEnCharge)
            let closed = try await correspondent.post("/demandes/\(reference)/action",
                                                       [("action", "clore_resolue"), ("confirme", "oui"), ("mot", "Bonne continuation.")])
            #expect(closed.status == .seeOther)
            #expect(try await world.caseFile(reference).status == .close)
            #expect(try await director.get("/demandes/\(reference)").body.contains("Bonne continuation."))

            let second = try await world.openCase(director)
            #expect(try await director.post("/demandes/\(second)/action", [("action", "retirer")]).body.contains("Pourquoi la retirez-vous"))
            _ = try await director.post("/demandes/\(second)/action",
                                        [("action", "retirer"), ("confirme", "oui"), ("motif", "J’ai trouvé de l’aide ailleurs")])
            #expect(try await world.caseFile(second).outcome == .retiree)
            let reason = try await world.database.reader.read { db in
                try String.fetchOne(db, sql: "SELECT reason FROM caseEvent WHERE kind = 'retrait' ORDER BY id DESC LIMIT 1")
            }
            #expect(reason == "J’ai trouvé de l’aide ailleurs")
        }
    }

    @Test("the crisis situations lead with the urgent numbers; « délais » only where they run")
    func crisisHelp() async throws {
        let database = try TestDatabase.seeded()
        try await TestApp.run(database: database) { client async throws in
            let browser = Browser(client)
            let exhausted = try await browser.get("/parcours/epuisement").body
            #expect(exhausted.contains(#"href="tel:3114""#))
            #expect(!exhausted.contains("certains délais courent déjà"))
            let order = try #require(exhausted.range(of: "tel:3114")).lowerBound < (try #require(exhausted.range(of: #"class="lead""#)).lowerBound)
            #expect(order)
            #expect(try await browser.get("/parcours/fin-de-fonctions").body.contains("certains délais courent déjà"))
            #expect(try await !browser.get("/parcours/changer-de-poste").body.contains("tel:3114"))
        }
    }

    @Test("review: a mail when a sheet awaits, no « Publier » for its last editor, history compares with the published text")
    func review() async throws {
        let world = try await CaseWorld.make()
        let slug = VademecumCurationTests.slug
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let editor = Browser(client)
            try await signIn(editor, world.staffAccount, CaseWorld.password)
            _ = try await editor.get("/equipe/vademecum/\(slug)")
            #expect(try await editor.post("/equipe/vademecum/\(slug)", VademecumCurationTests.fields(body: "Une reprise.")).status == .seeOther)
            _ = try await editor.get("/equipe/vademecum/\(slug)")
            #expect(try await editor.post("/equipe/vademecum/\(slug)/etat", [("action", "relecture")]).status == .seeOther)
            let mail = try #require(try world.outbox(kind: "sheet-review").first)
            #expect(mail.recipient == CaseWorld.staffEmail)
            let page = try await editor.get("/equipe/vademecum/\(slug)")
            #expect(!page.body.contains(#"value="publier""#))
            #expect(try await editor.get("/equipe/vademecum").body.contains("À relire"))
            let history = try #require(try await world.database.sheetHistory(slug: slug))
            let published = try #require(history.versions.last { $0.status == .publiee }?.version)
            let latest = try #require(history.latest?.version)
            let diff = try await editor.get("/equipe/vademecum/\(slug)/historique").body
            #expect(diff.contains("Différences de la version \(published) à la version \(latest)"))
        }
    }
}
