import Foundation
import GRDB
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

@Suite("Back-office: supervision, exports, outbox, correspondents", .serialized)
struct BackOfficeTests {
    @Test("deactivating a correspondent routes their open cases again, with events and mails")
    func deactivationReroutes() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            #expect(try await world.caseFile(reference).assigneeId == world.correspondentId)

            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            let page = try await staff.get("/equipe/correspondants/\(world.correspondentId)")
            #expect(page.status == .ok)
            let saved = try await staff.post("/equipe/correspondants/\(world.correspondentId)", [
                ("departements", world.departement), ("axe_solidarite", "oui"), ("capacite", "3"), ("absent_jusqu", ""),
            ])
            #expect(saved.status == .seeOther)
            let moved = try await world.caseFile(reference)
            #expect(moved.assigneeId != nil && moved.assigneeId != world.correspondentId)
            #expect(moved.status == .attribuee)
            let kinds = try await world.database.reader.read { db in try String.fetchAll(db, sql: "SELECT kind FROM caseEvent ORDER BY id") }
            #expect(kinds == ["ouverture", "attribution", "reattribution", "attribution"])
            #expect(try world.outbox(kind: "case-reassigned").first?.recipient == world.correspondentEmail)
            #expect(try world.outbox(kind: "case-assigned").count == 2)
            // Bad input comes back with a message beside the field.
            let wrong = try await staff.post("/equipe/correspondants/\(world.correspondentId)", [("departements", "99 <b>"), ("capacite", "x")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("Indiquez des codes de département existants"))
            #expect(wrong.body.contains("99 &lt;b&gt;"))
        }
    }

    @Test("exports carry no narrative, employer or director name, and each is written to the audit log")
    func exports() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            let statistics = try await staff.get("/equipe/exports/demandes.csv")
            #expect(statistics.status == .ok)
            #expect(statistics.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(statistics.body.contains(reference))
            for forbidden in ["mon départ", "Syndicat mixte", "Demandeur Test", world.directorEmail, world.directorNotification, "06 11 22 33 44"] {
                #expect(!statistics.body.contains(forbidden), "\(forbidden) in the statistics export")
            }
            let directory = try await staff.get("/equipe/exports/annuaire.csv")
            #expect(directory.body.contains("correspondant") && directory.body.contains("partenaire"))
            #expect(!directory.body.contains("@correspondants.relais.example"), "no correspondent address in the directory export")
            let actions = try await world.database.auditEvents().map(\.action)
            #expect(actions.contains("export_statistiques") && actions.contains("export_annuaire"))
            // The supervision list shows the case without its narrative.
            let list = try await staff.get("/equipe/demandes?statut=attribuee")
            #expect(list.body.contains(reference) && !list.body.contains("mon départ"))
            let none = try await staff.get("/equipe/demandes?statut=close")
            #expect(!none.body.contains(reference))
        }
    }

    @Test("CSV cells that a spreadsheet would run are defused")
    func csvInjection() {
        #expect(CSV.line(["=HYPERLINK(\"x\")", "+1", "-2", "@a", "ok \"quoted\""]) == #""'=HYPERLINK(""x"")","'+1","'-2","'@a","ok ""quoted""""#)
    }

    @Test("the outbox shows a message as sent, and a failed one can be sent again")
    func outbox() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            let message = try #require(try world.outbox(kind: "case-assigned").first)
            try await world.database.writer.write { db in
                try db.execute(sql: "UPDATE outboxMessage SET status = 'failed', lastError = 'refusé' WHERE id = ?", arguments: [message.id])
            }
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            let page = try await staff.get("/equipe/courrier/\(message.id!)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Une nouvelle demande vous a été attribuée"))
            #expect(page.body.contains(reference))
            #expect(page.body.contains("Renvoyer maintenant"))
            let retried = try await staff.post("/equipe/courrier/\(message.id!)/renvoyer", [])
            #expect(retried.status == .seeOther)
            #expect(try await world.database.outboxMessage(id: message.id!)?.status == .pending)
            #expect(try await staff.get("/equipe/courrier/999999").status == .notFound)
            // Correspondents and directors never reach it.
            let assignee = Browser(client)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            #expect(try await assignee.get("/equipe/courrier/\(message.id!)").status == .notFound)
        }
    }

    @Test("staff create and edit partners and ateliers; seeds no longer overwrite what staff changed; past ateliers archive themselves")
    func network() async throws {
        let world = try await CaseWorld.make()
        let clock = MutableClock()
        try await TestApp.run(database: world.database, config: CaseWorld.config, clock: clock.function) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            try await staff.get("/equipe/partenaires/1")
            let partnerId = try #require(try await world.database.reader.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM partner ORDER BY id LIMIT 1") })
            let saved = try await staff.post("/equipe/partenaires/\(partnerId)", [
                ("nom", "Nom changé par l’équipe"), ("categorie", "coach"), ("axe_solidarite", "oui"), ("national", "oui"), ("contact", ""),
                ("email", ""), ("telephone", ""), ("site", "https://exemple.fr"), ("offre", ""), ("description", "Texte."),
            ])
            #expect(saved.status == .seeOther)
            #expect(try await staff.get("/partenaires").body.contains("Nom changé par l’équipe"))
            // A seed import leaves the edited row alone.
            _ = try SeedImporter(folder: TestPaths.seeds).run(into: world.database, now: TestClock.now)
            let name = try await world.database.reader.read { db in try String.fetchOne(db, sql: "SELECT name FROM partner WHERE id = ?", arguments: [partnerId]) }
            #expect(name == "Nom changé par l’équipe")

            try await staff.get("/equipe/ateliers/nouveau")
            let wrong = try await staff.post("/equipe/ateliers/nouveau", [("titre", "Atelier"), ("axe", "reseaux"), ("debut", "2026-12-20T18:00"),
                                                                          ("fin", "2026-12-20T17:00"), ("description", "x")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("La fin doit venir après le début"))
            #expect(wrong.body.contains("Indiquez le lieu"))
            let created = try await staff.post("/equipe/ateliers/nouveau", [("titre", "Atelier de l’équipe"), ("axe", "reseaux"), ("debut", "2026-11-25T18:00"),
                                                                            ("fin", "2026-11-25T19:00"), ("visio", "oui"), ("description", "En ligne.")])
            #expect(created.status == .seeOther)
            #expect(try await staff.get("/reseaux").body.contains("Atelier de l’équipe"))
            try await staff.get("/equipe/reseaux/nouveau")
            let network = try await staff.post("/equipe/reseaux/nouveau", [("nom", "Réseau des DG en transition"), ("sigle", "RDGT"),
                                                                           ("categorie", "association_professionnelle"), ("axe_reseaux", "oui"),
                                                                           ("site", "https://rdgt.example"), ("description", "Un réseau."), ("role", "")])
            #expect(network.status == .seeOther)
            #expect(try await staff.get("/reseaux").body.contains("Réseau des DG en transition"))
            clock.advance(by: 4 * 86_400)
            let parts = try await AppParts.make(config: CaseWorld.config, database: world.database, logger: .init(label: "t"), clock: clock.function)
            try await parts.useCases.jobs.run()
            let archived = try await world.database.reader.read { db in try Bool.fetchOne(db, sql: "SELECT archived FROM atelier WHERE title = 'Atelier de l’équipe'") }
            #expect(archived == true)
        }
    }

    @Test("a line break sent in a one-line field is stored as a space, and a text area keeps its lines")
    func lineBreaksInOneLineFields() async throws {
        // setup
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            try await staff.get("/equipe/reseaux/nouveau")
            // MUT: a tampered form, since an <input> cannot send a line break
            let saved = try await staff.post("/equipe/reseaux/nouveau", [
                ("nom", "Réseau\r\ndes DG"), ("sigle", "RD\nGT"), ("categorie", "association_professionnelle"), ("axe_reseaux", "oui"),
                ("site", ""), ("description", "Première ligne.\r\nSeconde ligne."), ("role", ""),
            ])
            #expect(saved.status == .seeOther)
        }
        // validate
        let row = try #require(try await world.database.reader.read { db in
            try Row.fetchOne(db, sql: "SELECT name, acronym, description FROM network WHERE name LIKE 'Réseau%des DG'")
        })
        #expect(row["name"] as String == "Réseau des DG")
        #expect(row["acronym"] as String == "RD GT")
        #expect(row["description"] as String == "Première ligne.\r\nSeconde ligne.")
    }

    @Test("the parcours editor changes a situation's steps, checks the sheets named, and seeds keep the edit")
    func parcoursEditor() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            let form = try await staff.get("/equipe/parcours/fin-de-fonctions")
            #expect(form.status == .ok)
            let fields: [(String, String)] = [
                ("titre", "Ma fin de fonctions est annoncée"), ("resume", "Une explication <b>revue</b>."), ("urgence", "haute"), ("fin_de_fonctions", "oui"),
                ("etape_0_axe", "juridique"), ("etape_0_ordre", "1"), ("etape_0_titre", "Vérifier la procédure"), ("etape_0_texte", "Le texte."),
                ("etape_0_fiches", "entretien-prealable"), ("etape_0_type_avocat", "oui"),
                ("etape_1_axe", "solidarite"), ("etape_1_ordre", "1"), ("etape_1_titre", "Parler à un pair"), ("etape_1_texte", "Un autre texte."),
                ("etape_1_fiches", ""),
                ("etape_2_axe", ""), ("etape_2_ordre", ""), ("etape_2_titre", ""), ("etape_2_texte", ""), ("etape_2_fiches", ""),
            ]
            let bad = try await staff.post("/equipe/parcours/fin-de-fonctions", fields.map { $0.0 == "etape_0_fiches" ? ($0.0, "pas-une-fiche") : $0 })
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("inconnues\u{00A0}: pas-une-fiche"))
            #expect(bad.body.contains("Vérifier la procédure"), "what was typed comes back")
            let saved = try await staff.post("/equipe/parcours/fin-de-fonctions", fields)
            #expect(saved.status == .seeOther)
            let steps = try await world.database.reader.read { db in
                try String.fetchAll(db, sql: """
                    SELECT s.axis || ':' || s.title FROM situationStep s JOIN situation t ON t.id = s.situationId
                    WHERE t.slug = 'fin-de-fonctions' ORDER BY s.position
                    """)
            }
            #expect(steps == ["solidarite:Parler à un pair", "juridique:Vérifier la procédure"], "axis order, then the order typed")
            let page = try await staff.get("/parcours/fin-de-fonctions")
            #expect(page.body.contains("Vérifier la procédure") && page.body.contains("Une explication &lt;b&gt;revue&lt;/b&gt;."))
            _ = try SeedImporter(folder: TestPaths.seeds).run(into: world.database, now: TestClock.now)
            #expect(try await staff.get("/parcours/fin-de-fonctions").body.contains("Vérifier la procédure"))
        }
    }
}
