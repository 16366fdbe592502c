import Foundation
import GRDB
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

@Suite("Vademecum curation: versions, four eyes, diff, restore", .serialized)
struct VademecumCurationTests {
    static let slug = "conge-special"

    /// The editor's fields for `conge-special` with `body`.
    static func fields(title: String = "Le congé spécial", body: String) -> [(String, String)] {
        [("titre", title), ("resume", "Un résumé revu."), ("axe", "juridique"), ("theme", "Fin de fonctions"), ("etiquettes", "congé\nspécial"),
         ("references", "Loi n° 84-53, art. 99"), ("corps", body), ("liees", "entretien-prealable"), ("prochaine_relecture", "2027-06-30"),
         ("action", "enregistrer")]
    }

    @Test("an edit is a new version; the published text stays until a second staff member publishes; search finds it at once")
    func fourEyesPublication() async throws {
        let world = try await CaseWorld.make()
        let second = "second.relecteur@association.example"
        let hash = try await PasswordHasher().hash(CaseWorld.password)
        try await world.database.writer.write { db in
            var user = User(email: second, name: "Second Relecteur", role: .equipe, notificationEmail: second, now: TestClock.now)
            user.passwordHash = hash
            user.emailConfirmedAt = TestClock.now
            try user.insert(db)
        }
        try await SecondFactorFixture.enrolStaff(in: world.database)
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let editor = Browser(client)
            try await signIn(editor, world.staffAccount, CaseWorld.password)
            let form = try await editor.get("/equipe/vademecum/\(Self.slug)")
            #expect(form.status == .ok)

            // A preview renders the Markdown, escaping raw HTML, and saves nothing.
            var preview = Self.fields(body: "## Nouveau titre\n\nTexte <script>alert(1)</script> **zygomorphe**.")
            preview[preview.count - 1] = ("action", "apercu")
            let shown = try await editor.post("/equipe/vademecum/\(Self.slug)", preview)
            #expect(shown.status == .ok)
            #expect(shown.body.contains("<strong>zygomorphe</strong>"))
            #expect(!shown.body.contains("<script>alert(1)</script>"))
            let versionsBefore = try await world.database.sheetHistory(slug: Self.slug)?.versions.count ?? 0

            let saved = try await editor.post("/equipe/vademecum/\(Self.slug)", Self.fields(body: "Le mot zygomorphe apparaît dans la nouvelle version."))
            #expect(saved.status == .seeOther)
            let history = try #require(try await world.database.sheetHistory(slug: Self.slug))
            #expect(history.versions.count == versionsBefore + 1)
            #expect(history.sheet.status == .publiee)
            #expect(!history.sheet.bodyMarkdown.contains("zygomorphe"), "the draft does not replace the published text")
            #expect(try await editor.get("/recherche?q=zygomorphe").body.contains("Le congé spécial") == false)

            // Review, then the same person may not publish.
            try await editor.get("/equipe/vademecum/\(Self.slug)")
            #expect(try await editor.post("/equipe/vademecum/\(Self.slug)/etat", [("action", "relecture")]).status == .seeOther)
            let refused = try await editor.post("/equipe/vademecum/\(Self.slug)/etat", [("action", "publier")])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("quatre yeux"))
            #expect(!refused.body.contains(#"aria-invalid="true""#), "the refusal is said once, not beside every field")

            let reviewer = Browser(client)
            try await signIn(reviewer, second, CaseWorld.password)
            try await reviewer.get("/equipe/vademecum/\(Self.slug)")
            let published = try await reviewer.post("/equipe/vademecum/\(Self.slug)/etat", [("action", "publier")])
            #expect(published.status == .seeOther)
            // Readers and search see it at once, the page cache notwithstanding.
            let visitor = Browser(client)
            #expect(try await visitor.get("/vademecum/\(Self.slug)").body.contains("zygomorphe"))
            let search = try await visitor.get("/recherche?q=zygomorphe")
            #expect(search.body.contains("Le congé spécial"))
            let actions = try await world.database.auditEvents().map(\.action)
            #expect(actions.contains("fiche_publiee") && actions.contains("fiche_enregistree"))
        }
    }

    @Test("a single-person association may waive four eyes")
    func waiver() async throws {
        let world = try await CaseWorld.make()
        var config = CaseWorld.config
        config.fourEyes = false
        try await TestApp.run(database: world.database, config: config) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            try await staff.get("/equipe/vademecum/\(Self.slug)")
            try await staff.post("/equipe/vademecum/\(Self.slug)", Self.fields(body: "Seul à bord."))
            try await staff.get("/equipe/vademecum/\(Self.slug)")
            try await staff.post("/equipe/vademecum/\(Self.slug)/etat", [("action", "relecture")])
            #expect(try await staff.post("/equipe/vademecum/\(Self.slug)/etat", [("action", "publier")]).status == .seeOther)
            #expect(try await world.database.sheetHistory(slug: Self.slug)?.sheet.bodyMarkdown == "Seul à bord.")
        }
    }

    @Test("the history shows a line diff between two versions, and an old version comes back as a new draft")
    func historyDiffRestore() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            try await staff.get("/equipe/vademecum/\(Self.slug)")
            try await staff.post("/equipe/vademecum/\(Self.slug)", Self.fields(body: "ligne commune\nancienne ligne"))
            try await staff.get("/equipe/vademecum/\(Self.slug)")
            try await staff.post("/equipe/vademecum/\(Self.slug)", Self.fields(body: "ligne commune\nnouvelle ligne"))
            let history = try #require(try await world.database.sheetHistory(slug: Self.slug))
            let last = history.versions.last!.version
            let page = try await staff.get("/equipe/vademecum/\(Self.slug)/historique?de=\(last - 1)&a=\(last)")
            #expect(page.status == .ok)
            #expect(page.body.contains(#"<span class="diff-removed">− ancienne ligne</span>"#))
            #expect(page.body.contains(#"<span class="diff-added">+ nouvelle ligne</span>"#))
            #expect(page.body.contains(#"<span class="">  ligne commune</span>"#))

            let restored = try await staff.post("/equipe/vademecum/\(Self.slug)/etat", [("action", "restaurer"), ("version", String(last - 1))])
            #expect(restored.status == .seeOther)
            let after = try #require(try await world.database.sheetHistory(slug: Self.slug))
            #expect(after.versions.count == history.versions.count + 1)
            #expect(after.latest?.bodyMarkdown == "ligne commune\nancienne ligne")
            #expect(after.latest?.status == .brouillon)
            // Versions are immutable in the database itself.
            #expect(throws: (any Error).self) {
                try world.database.writer.write { db in try db.execute(sql: "UPDATE factSheetVersion SET title = 'x'") }
            }
        }
    }

    @Test("a new sheet is created as a draft, hidden from readers; bad input keeps what was typed")
    func newSheet() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            try await staff.get("/equipe/vademecum/nouvelle")
            var fields = Self.fields(title: "Détachement : mode d’emploi", body: "")
            fields = fields.map { $0.0 == "liees" ? ("liees", "fiche-inconnue") : $0 }
            let wrong = try await staff.post("/equipe/vademecum/nouvelle", fields)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("Écrivez le texte de la fiche"))
            #expect(wrong.body.contains("Fiches inconnues\u{00A0}: fiche-inconnue"))
            #expect(wrong.body.contains("Détachement : mode d’emploi"))
            let created = try await staff.post("/equipe/vademecum/nouvelle", Self.fields(title: "Détachement : mode d’emploi", body: "Texte."))
            #expect(created.status == .seeOther)
            #expect(created.location?.hasPrefix("/equipe/vademecum/detachement-mode-d-emploi") == true)
            #expect(try await Browser(client).get("/vademecum/detachement-mode-d-emploi").status == .notFound)
        }
    }

    @Test("staff get one weekly mail listing the sheets past their review date")
    func reviewReminder() async throws {
        let world = try await CaseWorld.make()
        try await world.database.writer.write { db in
            try db.execute(sql: "UPDATE factSheet SET nextReview = '2026-01-01' WHERE slug = ?", arguments: [Self.slug])
        }
        let clock = MutableClock()
        let parts = try await AppParts.make(config: CaseWorld.config, database: world.database, logger: .init(label: "t"), clock: clock.function)
        try await parts.useCases.jobs.run()
        try await parts.useCases.jobs.run()
        #expect(try world.outbox(kind: "review-reminder").count == 1)
        let mail = try #require(try world.outbox(kind: "review-reminder").first)
        #expect(mail.recipient == CaseWorld.staffEmail)
        #expect(MIMEReader(mail.raw).part("text/plain")?.contains("Le congé spécial") == true || MIMEReader(mail.raw).part("text/plain")?.contains("congé") == true)
        clock.advance(by: 8 * 86_400)
        try await parts.useCases.jobs.run()
        #expect(try world.outbox(kind: "review-reminder").count == 2)
    }
}
