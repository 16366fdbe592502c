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

/// Ateliers through the real router: the page, one-click registration, the waiting list, leaving,
/// the access details shown to the people registered only, « Mes ateliers », staff's page and CSV.
@Suite("Ateliers: pages and forms", .serialized)
struct AtelierPagesTests {
    static let key = "negocier-protocole-transition-2027-01"
    static let access = "https://visio.exemple.fr/salle-SECRETE-42"
    static let director = DemoAccounts.accounts[0], correspondent = DemoAccounts.accounts[1], staff = DemoAccounts.accounts[2]

    /// The seeded database with the demo accounts (staff enrolled in two-factor sign-in) and the
    /// atelier `key` given `capacity` places and its access details.
    static func database(capacity: Int?) async throws -> (AppDatabase, Int64) {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await SecondFactorFixture.enrolStaff(in: database)
        let id = try await database.writer.write { db -> Int64 in
            var atelier = try #require(try Atelier.filter(Column("key") == key).fetchOne(db))
            atelier.capacity = capacity
            atelier.accessDetails = access
            try atelier.update(db)
            return atelier.id!
        }
        return (database, id)
    }

    @Test("a visitor sees the atelier, the places left and a way to sign in that comes back here; never the access details")
    func visitor() async throws {
        let (database, id) = try await Self.database(capacity: 12)
        try await TestApp.run(database: database) { client async throws in
            let visitor = Browser(client)
            let page = try await visitor.get("/reseaux/ateliers/\(id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("12 places, 12 encore libres."))
            #expect(page.body.contains("Connectez-vous ou créez un compte pour vous inscrire"))
            #expect(page.body.contains("/connexion?suite=%2Freseaux%2Fateliers%2F\(id)"))
            #expect(!page.body.contains("SECRETE"))
            let list = try await visitor.get("/reseaux")
            #expect(list.body.contains("href=\"/reseaux/ateliers/\(id)\""))
            #expect(!list.body.contains("SECRETE"))
            #expect(try await visitor.get("/reseaux/ateliers/999999").status == .notFound)
            #expect(try await visitor.get("/reseaux/ateliers/abc").status == .notFound)
        }
    }

    @Test("an archived atelier is not found")
    func archived() async throws {
        let (database, id) = try await Self.database(capacity: nil)
        try await database.writer.write { db in try db.execute(sql: "UPDATE atelier SET archived = 1 WHERE id = ?", arguments: [id]) }
        try await TestApp.run(database: database) { client async throws in
            #expect(try await Browser(client).get("/reseaux/ateliers/\(id)").status == .notFound)
        }
    }

    @Test("a director registers in one click, sees the access details, the atelier on /compte, and cannot register twice")
    func registers() async throws {
        let (database, id) = try await Self.database(capacity: 12)
        try await TestApp.run(database: database) { client async throws in
            let before = try await Browser(client).get("/reseaux/ateliers/\(id)")
            #expect(before.body.contains("12 places, 12 encore libres."))
            let director = Browser(client)
            try await signIn(director, Self.director.2, Self.director.3)
            let page = try await director.get("/reseaux/ateliers/\(id)")
            #expect(page.body.contains(">S’inscrire</button>"))
            #expect(page.headers[.cacheControl]?.contains("no-store") == true)

            let sent = try await director.post("/reseaux/ateliers/\(id)/inscription", [])
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/reseaux/ateliers/\(id)?message=inscrit")
            let after = try await director.get(sent.location!)
            #expect(after.body.contains("Vous êtes inscrit à cet atelier."))
            #expect(after.body.contains(Self.access))
            #expect(after.body.contains(">Se désinscrire</button>"))
            #expect(after.body.contains("12 places, 11 encore libres."))

            let again = try await director.post("/reseaux/ateliers/\(id)/inscription", [])
            #expect(again.status == .conflict)
            #expect(again.body.contains("Vous êtes déjà inscrit à cet atelier."))
            #expect(try await database.reader.read { db in try AtelierRegistration.fetchCount(db) } == 1)

            let account = try await director.get("/compte")
            #expect(account.body.contains("Mes ateliers"))
            #expect(account.body.contains("href=\"/reseaux/ateliers/\(id)\""))
            #expect(account.body.contains("Inscrit"))
            let export = try await director.get("/mes-donnees/export.json")
            #expect(export.body.contains("\"ateliers\"") && export.body.contains("Négocier un protocole de transition"))

            // The visitor's page says nothing of anyone's registration, and is never an old copy.
            let visitor = try await Browser(client).get("/reseaux/ateliers/\(id)")
            #expect(!visitor.body.contains("Vous êtes inscrit") && !visitor.body.contains("SECRETE"))
            #expect(visitor.body.contains("12 places, 11 encore libres."))
        }
    }

    @Test("a full atelier puts the next member on the waiting list, said clearly; the first to leave gives them the place")
    func waitingList() async throws {
        let (database, id) = try await Self.database(capacity: 1)
        try await TestApp.run(database: database) { client async throws in
            let correspondent = Browser(client), director = Browser(client)
            try await signIn(correspondent, Self.correspondent.2, Self.correspondent.3)
            try await correspondent.get("/reseaux/ateliers/\(id)")
            try await correspondent.post("/reseaux/ateliers/\(id)/inscription", [])

            try await signIn(director, Self.director.2, Self.director.3)
            let full = try await director.get("/reseaux/ateliers/\(id)")
            #expect(full.body.contains("Complet"))
            #expect(full.body.contains("M’inscrire sur la liste d’attente"))
            let sent = try await director.post("/reseaux/ateliers/\(id)/inscription", [])
            #expect(sent.location == "/reseaux/ateliers/\(id)?message=attente")
            let waiting = try await director.get(sent.location!)
            #expect(waiting.body.contains("vous êtes sur la liste d’attente"))
            #expect(waiting.body.contains("en position 1"))
            #expect(!waiting.body.contains("SECRETE"), "someone waiting has no place, so no access details")

            try await correspondent.get("/reseaux/ateliers/\(id)")
            let left = try await correspondent.post("/reseaux/ateliers/\(id)/desinscription", [])
            #expect(left.location == "/reseaux/ateliers/\(id)?message=desinscrit")

            let moved = try await director.get("/reseaux/ateliers/\(id)")
            #expect(moved.body.contains("Vous êtes inscrit à cet atelier."))
            #expect(moved.body.contains(Self.access))
            let mail = try #require(try await database.outboxMessages().first { $0.kind == MailKind.atelierPromoted.rawValue })
            #expect(mail.recipient == Self.director.2)
        }
    }

    @Test("leaving on the day of the atelier is refused with a clear French message")
    func sameDay() async throws {
        let (database, id) = try await Self.database(capacity: nil)
        let clock = MutableClock()
        try await TestApp.run(database: database, clock: clock.function) { client async throws in
            let director = Browser(client)
            try await signIn(director, Self.director.2, Self.director.3)
            try await director.get("/reseaux/ateliers/\(id)")
            try await director.post("/reseaux/ateliers/\(id)/inscription", [])
            let day = try #require(AtelierRules.instant("2027-01-14T08:00"))
            clock.advance(by: day.timeIntervalSince(clock.now))
            // A month later the session has ended: sign in again.
            director.forgetCookie()
            try await signIn(director, Self.director.2, Self.director.3)

            let page = try await director.get("/reseaux/ateliers/\(id)")
            #expect(page.body.contains("il n’est plus possible de se désinscrire en ligne"))
            #expect(!page.body.contains(">Se désinscrire</button>"))
            let refused = try await director.post("/reseaux/ateliers/\(id)/desinscription", [])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("L’atelier a lieu aujourd’hui"))
        }
    }

    @Test("staff see the list and the waiting list, export it (audited) and cancel only once confirmed; members get 404 there")
    func staffSide() async throws {
        let (database, id) = try await Self.database(capacity: 1)
        try await TestApp.run(database: database) { client async throws in
            for member in [Self.correspondent, Self.director] {
                let browser = Browser(client)
                try await signIn(browser, member.2, member.3)
                try await browser.get("/reseaux/ateliers/\(id)")
                try await browser.post("/reseaux/ateliers/\(id)/inscription", [])
                #expect(try await browser.get("/equipe/ateliers/\(id)/inscriptions").status == .notFound)
                #expect(try await browser.get("/equipe/ateliers/\(id)/inscrits.csv").status == .notFound)
            }
            let staff = Browser(client)
            try await signIn(staff, Self.staff.2, Self.staff.3)
            let page = try await staff.get("/equipe/ateliers/\(id)/inscriptions")
            #expect(page.status == .ok)
            #expect(page.body.contains("Inscrits (1)") && page.body.contains("Liste d’attente (1)"))
            #expect(page.body.contains(Self.director.2))
            let csv = try await staff.get("/equipe/ateliers/\(id)/inscrits.csv")
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            #expect(csv.body.contains("\"Liste d’attente\",\"1\""))
            #expect(try await database.auditEvents().contains { $0.action == AuditAction.atelierExported.rawValue })

            try await staff.get("/equipe/ateliers/\(id)/inscriptions")
            let unconfirmed = try await staff.post("/equipe/ateliers/\(id)/annulation", [])
            #expect(unconfirmed.status == .unprocessableContent)
            #expect(unconfirmed.body.contains("Cochez la case pour confirmer l’annulation."))
            let cancelled = try await staff.post("/equipe/ateliers/\(id)/annulation", [("confirmation", "oui")])
            #expect(cancelled.status == .seeOther)
            let told = try await database.outboxMessages().filter { $0.kind == MailKind.atelierCancelled.rawValue }
            #expect(told.count == 2)
            #expect(try await Browser(client).get("/reseaux/ateliers/\(id)").body.contains("Cet atelier est annulé."))
        }
    }

    @Test("staff set places and access details in the editor; the dashboard shows the atelier figures")
    func editorAndDashboard() async throws {
        let (database, id) = try await Self.database(capacity: nil)
        try await TestApp.run(database: database) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, Self.staff.2, Self.staff.3)
            let form = try await staff.get("/equipe/ateliers/\(id)")
            #expect(form.body.contains("Nombre de places"))
            #expect(form.body.contains(Self.access))
            #expect(form.body.contains("/equipe/ateliers/\(id)/inscriptions"))
            let bad = try await staff.post("/equipe/ateliers/\(id)", [
                ("titre", "Négocier"), ("axe", "juridique"), ("debut", "2027-01-14T18:30"), ("fin", "2027-01-14T20:00"), ("visio", "oui"),
                ("description", "Un atelier."), ("places", "zéro"),
            ])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Indiquez un nombre de places"))
            let saved = try await staff.post("/equipe/ateliers/\(id)", [
                ("titre", "Négocier"), ("axe", "juridique"), ("debut", "2027-01-14T18:30"), ("fin", "2027-01-14T20:00"), ("visio", "oui"),
                ("description", "Un atelier."), ("places", "8"), ("acces", "https://visio.exemple.fr/nouvelle"),
            ])
            #expect(saved.status == .seeOther)
            let atelier = try #require(try await database.atelier(id: id))
            #expect(atelier.capacity == 8 && atelier.accessDetails == "https://visio.exemple.fr/nouvelle")
            let dashboard = try await staff.get("/equipe")
            #expect(dashboard.body.contains("Ateliers"))
            #expect(dashboard.body.contains("personne(s) en liste d’attente"))
            #expect(dashboard.body.contains("Taux de présence aux ateliers passés"))
        }
    }
}
