import Foundation
import GRDB
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// Issue 15, « Also seen »: « burn-out » finds nothing, « Gironde » does not find the directory page.
/// The synonyms staff curate on `/equipe/synonymes`, and the départements in the search index.
@Suite("Search: staff synonyms and the territory", .serialized)
struct SearchSynonymsTests {
    static let staffEmail = "equipe@demo.relais.example"
    static let staffPassword = "relais-demo-equipe"

    /// The demo accounts on the seeds, staff enrolled for the second factor.
    static func database() async throws -> AppDatabase {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await SecondFactorFixture.enrolStaff(in: database)
        return database
    }

    static func search(_ client: any TestClientProtocol, _ text: String) async throws -> String {
        let page = try await client.execute(uri: "/recherche?q=\(SearchPageTests.encode(text))", method: .get)
        #expect(page.status == .ok)
        return page.text
    }

    static func synonymCount(_ database: AppDatabase) async throws -> Int {
        try await database.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchSynonym WHERE removedAt IS NULL") ?? -1 }
    }

    // MARK: The public search

    @Test("« burn-out », however typed, finds the situation and the sheet about épuisement and souffrance au travail")
    func burnOut() async throws {
        try await TestApp.run { client async throws in
            for text in ["burn-out", "Burn Out", "BURNOUT", "burn-out épuisé"] {
                let html = try await Self.search(client, text)
                #expect(html.contains("<a href=\"/parcours/epuisement\">"), "\(text)")
                #expect(!html.contains("Aucun résultat"), "\(text)")
            }
            let html = try await Self.search(client, "burn-out")
            #expect(html.contains("<a href=\"/vademecum/harcelement-moral\">"), "the sheet tagged « souffrance au travail »")
            // The words found are highlighted, though they are not the ones typed.
            #expect(html.contains("<mark>épuisé</mark>") || html.contains("<mark>épuisement</mark>") || html.contains("<mark>Épuisement</mark>"))
        }
    }

    @Test("« Gironde », « 33 » and « Nouvelle-Aquitaine » find the directory page of the département, first")
    func territory() async throws {
        try await TestApp.run { client async throws in
            let gironde = try await Self.search(client, "Gironde")
            #expect(gironde.contains("<h2 id=\"resultats-departement\">Annuaire par département (1)</h2>"))
            #expect(gironde.contains("<a href=\"/annuaire/33\"><mark>Gironde</mark> (33)</a>"))
            let departements = try #require(gironde.range(of: "id=\"resultats-departement\""))
            for other in ["id=\"resultats-correspondant\"", "id=\"resultats-fiche\"", "id=\"resultats-partenaire\""] {
                if let range = gironde.range(of: other) { #expect(departements.lowerBound < range.lowerBound, "\(other) before the département") }
            }
            let number = try await Self.search(client, "33")
            #expect(number.contains("<a href=\"/annuaire/33\">Gironde (<mark>33</mark>)</a>"))
            let region = try await Self.search(client, "nouvelle aquitaine")
            for code in ["16", "17", "19", "23", "24", "33", "40", "47", "64", "79", "86", "87"] {
                #expect(region.contains("<a href=\"/annuaire/\(code)\">"), "\(code) in Nouvelle-Aquitaine")
            }
            let corsica = try await Self.search(client, "2a")
            #expect(corsica.contains("<a href=\"/annuaire/2A\">Corse-du-Sud (<mark>2A</mark>)</a>"))
            // Names come with typographic apostrophes, and an accent-free query finds them.
            let coteDor = try await Self.search(client, "cote d or")
            #expect(coteDor.contains("<a href=\"/annuaire/21\"><mark>Côte</mark>-d’<mark>Or</mark> (21)</a>"))
        }
    }

    // MARK: The staff editor

    @Test("staff add a synonym, the search follows at once, and both changes are in the audit log")
    func addAndRemove() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            #expect(try await Self.search(client, "xylophone").contains("Aucun résultat"))
            let staff = Browser(client)
            try await signIn(staff, Self.staffEmail, Self.staffPassword)
            let list = try await staff.get("/equipe/synonymes")
            #expect(list.status == .ok)
            #expect(list.body.contains("<h1>Synonymes de la recherche</h1>"))
            #expect(list.body.contains("<a href=\"/recherche?q=burn-out\">burn-out</a>"))
            #expect(list.body.contains("<strong>épuisement</strong>"))
            let before = try await Self.synonymCount(database)

            // MUT
            let added = try await staff.post("/equipe/synonymes", [("terme", "  Xylophone "), ("equivalent", "congé spécial")])

            // validate
            #expect(added.status == .seeOther)
            #expect(added.location == "/equipe/synonymes?message=ajoute#liste-synonymes")
            #expect(try await Self.synonymCount(database) == before + 1)
            let shown = try await staff.get("/equipe/synonymes?message=ajoute")
            #expect(shown.body.contains("Synonyme ajouté\u{202F}: la recherche en tient compte dès maintenant."))
            #expect(shown.body.contains("<a href=\"/recherche?q=Xylophone\">Xylophone</a>"))
            let found = try await Self.search(client, "XYLOPHONE")
            #expect(found.contains("<a href=\"/vademecum/conge-special\">"))
            // The same pair again, typed differently, is refused with the form kept.
            let again = try await staff.post("/equipe/synonymes", [("terme", "xylophone"), ("equivalent", "Conge Special")])
            #expect(again.status == .unprocessableContent)
            #expect(again.body.contains("Ce synonyme existe déjà"))
            #expect(again.body.contains("value=\"Conge Special\""))

            let id = try #require(try await database.reader.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM searchSynonym WHERE termKey = 'xylophone'")
            })
            let removed = try await staff.post("/equipe/synonymes/\(id)/suppression", [])
            #expect(removed.status == .seeOther)
            #expect(try await Self.search(client, "xylophone").contains("Aucun résultat"))
            #expect(try await staff.post("/equipe/synonymes/\(id)/suppression", []).status == .notFound, "already removed")
            #expect(try await staff.post("/equipe/synonymes/999999/suppression", []).status == .notFound)
            // Added back, it is in use again.
            #expect(try await staff.post("/equipe/synonymes", [("terme", "xylophone"), ("equivalent", "congé spécial")]).status == .seeOther)
            #expect(try await Self.search(client, "xylophone").contains("<a href=\"/vademecum/conge-special\">"))

            let audit = try await database.auditEvents().filter { $0.action.hasPrefix("synonyme_") }
            #expect(audit.map(\.action) == ["synonyme_ajoute", "synonyme_supprime", "synonyme_ajoute"])
            #expect(audit.allSatisfy { $0.actorEmail == Self.staffEmail && $0.target == "synonyme xylophone" })
            #expect(audit.first?.detail == "xylophone → congé spécial", "the newest first")
            let journal = try await staff.get("/equipe/journal")
            #expect(journal.body.contains("Synonyme de recherche ajouté") && journal.body.contains("Synonyme de recherche supprimé"))
        }
    }

    @Test("hostile or empty input gets a French message beside the field, the form kept, and nothing written", arguments: [
        ("", "épuisement", "terme", "Indiquez un mot ou une courte expression"),
        ("burn-out", "", "equivalent", "Indiquez un mot ou une courte expression"),
        (String(repeating: "a", count: 81), "épuisement", "terme", "Ce texte est trop long\u{202F}: 80 caractères au plus (il en compte 81)."),
        ("burn-out", String(repeating: "é", count: 5_000), "equivalent", "Ce texte est trop long"),
        ("<script>alert(1)</script>", "épuisement", "terme", "sans balise HTML"),
        ("burn-out", "<b>épuisement</b>", "equivalent", "sans balise HTML"),
        ("burn\tout", "épuisement", "terme", "caractère invisible ou de contrôle"),
        ("burn\u{7F}out", "épuisement", "terme", "caractère invisible ou de contrôle"),
        ("burn\u{9B}out", "épuisement", "terme", "caractère invisible ou de contrôle"),
        ("\u{202E}tuo-nrub", "épuisement", "terme", "caractère invisible ou de contrôle"),
        ("burn\u{200B}out", "épuisement", "terme", "caractère invisible ou de contrôle"),
        ("burn-out", "épuise\u{FEFF}ment", "equivalent", "caractère invisible ou de contrôle"),
        ("***", "épuisement", "terme", "Ce texte ne contient aucun mot"),
        ("un deux trois quatre cinq", "épuisement", "terme", "trop de mots\u{202F}: 4 au plus"),
        ("Épuisement", "epuisement", "equivalent", "sont identiques"),
        ("' OR 1=1 --", "\" OR \"\"=\"", "equivalent", "sont identiques"),
    ])
    func hostileInput(term: String, expansion: String, field: String, message: String) async throws {
        let database = try await Self.database()
        let before = try await Self.synonymCount(database)
        try await TestApp.run(database: database) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, Self.staffEmail, Self.staffPassword)
            try await staff.get("/equipe/synonymes")

            // MUT
            let page = try await staff.post("/equipe/synonymes", [("terme", term), ("equivalent", expansion)])

            // validate
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("À corriger avant de continuer"))
            #expect(page.body.contains("<p class=\"error-message\" id=\"champ-\(field)-erreur\">"))
            #expect(page.body.contains(HTML.escape(message)), "\(page.body.components(separatedBy: "error-message").dropFirst().first?.prefix(300) ?? "")")
            #expect(page.body.contains("href=\"#champ-\(field)\""), "the summary links to the field")
            #expect(!page.body.contains("<script>alert(1)"))
            #expect(!page.body.contains("<b>épuisement"))
            // What was typed comes back, escaped (a tampered tab or separator as it was sent).
            let shown = term.count > 200 ? String(term.prefix(20)) : term
            if !shown.isEmpty, !shown.contains("\t") { #expect(page.body.contains(HTML.escape(shown))) }
        }
        #expect(try await Self.synonymCount(database) == before)
        #expect(try await database.auditEvents().allSatisfy { !$0.action.hasPrefix("synonyme_") })
    }

    @Test("a NUL or another C0 control byte is refused as a malformed form (400 page), never a 500, nothing written")
    func controlBytes() async throws {
        let database = try await Self.database()
        let before = try await Self.synonymCount(database)
        try await TestApp.run(database: database) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, Self.staffEmail, Self.staffPassword)
            try await staff.get("/equipe/synonymes")
            for byte in ["%00", "%01", "%1B"] {
                let csrf = try #require(staff.lastCSRF)
                let page = try await staff.postRaw("/equipe/synonymes", body: Array("_csrf=\(csrf)&terme=burn\(byte)out&equivalent=x".utf8))
                #expect(page.status == .badRequest, "\(byte)")
                #expect(page.body.contains("Demande incomprise"))
            }
        }
        #expect(try await Self.synonymCount(database) == before)
    }

    @Test("without the page's CSRF token, adding or removing a synonym is refused and changes nothing")
    func csrf() async throws {
        let database = try await Self.database()
        let before = try await Self.synonymCount(database)
        try await TestApp.run(database: database) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, Self.staffEmail, Self.staffPassword)
            try await staff.get("/equipe/synonymes")
            #expect(try await staff.post("/equipe/synonymes", [("terme", "xylophone"), ("equivalent", "congé")], csrf: "faux").status == .forbidden)
            #expect(try await staff.post("/equipe/synonymes/1/suppression", [], csrf: "faux").status == .forbidden)
        }
        #expect(try await Self.synonymCount(database) == before)
    }

    @Test("the page reads French: narrow spaces before high punctuation, French quotes, typographic apostrophes")
    func typography() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, Self.staffEmail, Self.staffPassword)
            let html = try await staff.get("/equipe/synonymes").body
            let text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            #expect(text.range(of: #"\S [:;?!](\s|$)"#, options: .regularExpression) == nil, "a plain space before high punctuation")
            #expect(!text.contains("'"), "a straight apostrophe")
            #expect(!text.contains("\""), "straight quotes")
            #expect(html.contains("«&#160;burn-out&#160;»"))
        }
    }
}
