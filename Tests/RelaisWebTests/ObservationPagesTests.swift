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

/// « Remontées » through the real router: a member sends one and reads staff's answer; staff group
/// them by theme, answer, link and file; the dashboard shows the themes that grow.
@Suite("Remontées: pages and forms", .serialized)
struct ObservationPagesTests {
    static let director = DemoAccounts.accounts[0], correspondent = DemoAccounts.accounts[1], staff = DemoAccounts.accounts[2]

    static func database() async throws -> AppDatabase {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await SecondFactorFixture.enrolStaff(in: database)
        return database
    }

    @Test("a member sends a remontée, staff answer it, the member reads the answer; hostile text stays text")
    func roundTrip() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            #expect(try await Browser(client).get("/remontees").body.contains("/connexion?suite=%2Fremontees"))
            let correspondent = Browser(client)
            try await signIn(correspondent, Self.correspondent.2, Self.correspondent.3)
            #expect(try await correspondent.get("/correspondant").body.contains("href=\"/remontees\""))
            try await correspondent.get("/remontees")
            let missing = try await correspondent.post("/remontees", [("theme", ""), ("nature", "pratique"), ("titre", "Décharges en série"),
                                                                      ("texte", "<img src=x onerror=alert(1)>\r\nTrois cas.")])
            #expect(missing.status == .unprocessableContent)
            #expect(missing.body.contains("Choisissez un thème."))
            #expect(missing.body.contains("value=\"Décharges en série\"") && missing.body.contains("&lt;img src=x onerror=alert(1)&gt;"))
            let tooLong = try await correspondent.post("/remontees", [("theme", "textes"), ("nature", "texte"), ("titre", String(repeating: "t", count: 121)),
                                                                      ("texte", "ok")])
            #expect(tooLong.body.contains("La ligne dépasse 120 caractères."))
            let sent = try await correspondent.post("/remontees", [("theme", "fin-de-fonctions"), ("nature", "situation-recurrente"),
                                                                   ("titre", "Décharges en série"), ("texte", "<img src=x onerror=alert(1)>\r\nTrois cas.")])
            #expect(sent.location == "/remontees?message=envoyee")
            let id = try #require(try await database.reader.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM observation") })
            #expect(try await database.reader.read { db in try String.fetchOne(db, sql: "SELECT body FROM observation") }
                    == "<img src=x onerror=alert(1)>\nTrois cas.")

            let staff = Browser(client)
            try await signIn(staff, Self.staff.2, Self.staff.3)
            let dashboard = try await staff.get("/equipe")
            #expect(dashboard.body.contains("Fin de fonctions et décharge\u{00A0}: 1 en 30\u{00A0}jours (+1)"))
            let list = try await staff.get("/equipe/remontees?theme=fin-de-fonctions")
            #expect(list.body.contains("Décharges en série") && list.body.contains("À lire"))
            let page = try await staff.get("/equipe/remontees/\(id)")
            #expect(page.body.contains("&lt;img src=x onerror=alert(1)&gt;") && !page.body.contains("<img src=x"))
            let empty = try await staff.post("/equipe/remontees/\(id)", [("action", "repondre"), ("reponse", " ")])
            #expect(empty.status == .unprocessableContent && empty.body.contains("Écrivez la réponse."))
            let answered = try await staff.post("/equipe/remontees/\(id)", [("action", "repondre"), ("reponse", "Merci, nous revoyons la fiche.")])
            #expect(answered.location == "/equipe/remontees/\(id)?message=reponse")
            let linked = try await staff.post("/equipe/remontees/\(id)", [("action", "lier"), ("fiche", "conge-special"), ("parcours", ""), ("equipe", "")])
            #expect(linked.location == "/equipe/remontees/\(id)?message=liens")
            #expect(try await staff.get("/equipe/remontees/\(id)").body.contains("/equipe/vademecum/conge-special"))
            let unknown = try await staff.post("/equipe/remontees/\(id)", [("action", "lier"), ("fiche", "inconnue"), ("parcours", ""), ("equipe", "")])
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("Cette fiche, ce parcours ou cette équipe n’existe pas."))

            let mine = try await correspondent.get("/remontees")
            #expect(mine.body.contains("Merci, nous revoyons la fiche.") && mine.body.contains("Répondue"))

            // Members never reach staff's side.
            #expect(try await correspondent.get("/equipe/remontees/\(id)").status == .notFound)
            let director = Browser(client)
            try await signIn(director, Self.director.2, Self.director.3)
            #expect(try await director.get("/compte").body.contains("href=\"/remontees\""))
            #expect(try await director.get("/equipe/remontees").status == .notFound)
        }
    }

    @Test("staff and experts read that remontées come from members, and cannot send one")
    func notMembers() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, Self.staff.2, Self.staff.3)
            #expect(try await staff.get("/remontees").body.contains("Les remontées sont envoyées par les membres"))
            try await staff.get("/compte")
            #expect(try await staff.post("/remontees", [("theme", "autre"), ("nature", "autre"), ("titre", "t"), ("texte", "b")]).status == .notFound)
            #expect(try await database.reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM observation") } == 0)
        }
    }
}
