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

@Suite("Feedback pages: closing questions and sheets' feedback, through the router", .serialized)
struct FeedbackPagesTests {
    /// Opens a case as the director, has the correspondent accept and close it; returns its reference.
    static func closedCase(_ world: CaseWorld, director: Browser, correspondent: Browser) async throws -> String {
        let reference = try await world.openCase(director)
        _ = try await correspondent.get("/demandes/\(reference)")
        #expect(try await correspondent.post("/demandes/\(reference)/action", [("action", "accepter")]).status == .seeOther)
        #expect(try await correspondent.post("/demandes/\(reference)/action", [("action", "clore_resolue"), ("confirme", "oui")]).status == .seeOther)
        return reference
    }

    static func answers(comment: String, share: Bool) -> [(String, String)] {
        [("a_temps", "oui"), ("utile", "en_partie"), ("recommande", "non"), ("commentaire", comment)] + (share ? [("partage", "oui")] : [])
    }

    func feedback(_ world: CaseWorld, _ reference: String) async throws -> CaseFeedback? {
        let id = try await world.caseFile(reference).id!
        return try await world.database.closingFeedback(caseId: id)
    }

    @Test("the mail's link only shows a form: a GET records nothing, a visitor is sent to sign in, only the director's POST with the token records, once")
    func scannerSafeLink() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client), correspondent = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            try await signIn(correspondent, world.correspondentEmail, CaseWorld.password)
            let reference = try await Self.closedCase(world, director: director, correspondent: correspondent)
            let mail = try #require(try world.outbox(kind: "retour-cloture").first)
            let link = "/demandes/\(reference)/retour"
            #expect(MIMEReader(mail.raw).part("text/plain")?.contains(link) == true)

            // A scanner (no session) following the link: sent to sign in, nothing recorded.
            let scanner = Browser(client)
            let followed = try await scanner.get(link + "?a_temps=oui&utile=oui&recommande=oui")
            #expect(followed.status == .seeOther)
            #expect(followed.location?.hasPrefix("/connexion?suite=") == true)
            // The director's own GET, with answers in the query, shows the form and records nothing.
            let form = try await director.get(link + "?a_temps=oui&utile=oui&recommande=oui")
            #expect(form.status == .ok)
            #expect(form.body.contains("Avez-vous eu une réponse à temps&#8239;?") || form.body.contains("Avez-vous eu une réponse à temps\u{00A0}?"))
            #expect(form.body.contains("Mon correspondant peut lire ce commentaire"))
            #expect(try await feedback(world, reference)?.isAnswered == false)

            // Nobody but the director: the correspondent, another one and staff get 404.
            #expect(try await correspondent.get(link).status == .notFound)
            #expect(try await correspondent.post(link, Self.answers(comment: "", share: false)).status == .notFound)
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            #expect(try await staff.get(link).status == .notFound)

            // A POST without the session's token changes nothing.
            #expect(try await director.post(link, Self.answers(comment: "", share: false), csrf: "faux").status == .forbidden)
            #expect(try await feedback(world, reference)?.isAnswered == false)

            try await director.get(link)
            let sent = try await director.post(link, Self.answers(comment: "Merci.", share: false))
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/mes-demandes?message=retour")
            #expect(try await feedback(world, reference)?.answers?.timely == .yes)

            // A second answer is refused cleanly; the first stays.
            try await director.get(link)
            var again = Self.answers(comment: "Autre", share: true)
            again[0] = ("a_temps", "non")
            let refused = try await director.post(link, again)
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Vous avez déjà répondu à ces questions"))
            let kept = try #require(try await feedback(world, reference))
            #expect(kept.timely == .yes && kept.comment == "Merci." && !kept.shareComment)
            #expect(try await director.get(link).body.contains("Vos réponses du"))
        }
    }

    @Test("the comment reaches the correspondent only when the director allows it, never the answers; another correspondent gets 404; staff read it in the audited case page")
    func consent() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client), correspondent = Browser(client), other = Browser(client), staff = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            try await signIn(correspondent, world.correspondentEmail, CaseWorld.password)
            try await signIn(other, world.otherEmail, CaseWorld.password)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            let kept = try await Self.closedCase(world, director: director, correspondent: correspondent)
            let shared = try await Self.closedCase(world, director: director, correspondent: correspondent)

            // /mes-demandes lists both questions waiting.
            let list = try await director.get("/mes-demandes")
            #expect(list.body.contains("/demandes/\(kept)/retour") && list.body.contains("/demandes/\(shared)/retour"))

            try await director.get("/demandes/\(kept)/retour")
            #expect(try await director.post("/demandes/\(kept)/retour", Self.answers(comment: "Commentaire GARDÉ pour l’équipe", share: false)).status == .seeOther)
            try await director.get("/demandes/\(shared)/retour")
            #expect(try await director.post("/demandes/\(shared)/retour", Self.answers(comment: "Commentaire PARTAGÉ <b>merci</b>", share: true)).status == .seeOther)
            #expect(!(try await director.get("/mes-demandes").body.contains("/retour\"")), "nothing waits once answered")

            let keptPage = try await correspondent.get("/demandes/\(kept)")
            #expect(keptPage.status == .ok)
            #expect(!keptPage.body.contains("GARDÉ"))
            let sharedPage = try await correspondent.get("/demandes/\(shared)")
            #expect(sharedPage.body.contains("Commentaire PARTAGÉ &lt;b&gt;merci&lt;/b&gt;"))
            #expect(!sharedPage.body.contains("<b>merci</b>"))
            for answer in ["Oui, à temps", "Peut-être", "Avez-vous eu une réponse à temps"] {
                #expect(!sharedPage.body.contains(answer) && !keptPage.body.contains(answer), "the correspondent reads \(answer)")
            }
            #expect(try await other.get("/demandes/\(shared)").status == .notFound)

            let staffPage = try await staff.get("/demandes/\(kept)")
            #expect(staffPage.body.contains("GARDÉ") && staffPage.body.contains("Oui, à temps"))
            let history = try await world.database.caseAccessHistory(reference: kept)
            #expect(history.contains { $0.actorEmail == world.staffAccount && $0.action == AuditAction.caseRead.rawValue })

            // The figures page names nobody.
            let figures = try await staff.get("/equipe/retours")
            #expect(figures.status == .ok)
            for leak in [kept, shared, "GARDÉ", "PARTAGÉ", "Directrice", world.directorEmail] {
                #expect(!figures.body.contains(leak), "\(leak) on the figures page")
            }
            #expect(figures.body.contains("non affiché"), "two answers make no figures")
            #expect(try await staff.get("/equipe").body.contains("Questions de clôture"))
        }
    }

    @Test("hostile answers: an oversize comment and missing answers get French messages, the form kept, nothing stored")
    func hostileAnswers() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client), correspondent = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            try await signIn(correspondent, world.correspondentEmail, CaseWorld.password)
            let reference = try await Self.closedCase(world, director: director, correspondent: correspondent)
            let link = "/demandes/\(reference)/retour"
            try await director.get(link)
            let long = "<script>x</script>\r\n" + String(repeating: "é", count: 2100)
            let page = try await director.post(link, [("a_temps", "peut-etre"), ("commentaire", long), ("partage", "oui")])
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("Choisissez une réponse."))
            #expect(page.body.contains("Votre commentaire est trop long"))
            #expect(page.body.contains("&lt;script&gt;x&lt;/script&gt;") && !page.body.contains("<script>x"))
            #expect(page.body.contains("id=\"champ-partage\" value=\"oui\" checked"))
            let csrf = try #require(director.lastCSRF)
            let broken = try await director.postRaw(link, body: Array("_csrf=\(csrf)&a_temps=oui&commentaire=".utf8) + [0xC3, 0x28])
            #expect(broken.status == .badRequest && broken.body.contains("Demande incomprise"))
            #expect(try await feedback(world, reference)?.isAnswered == false)
        }
    }

    // MARK: Sheets

    @Test("the cached sheet leads to the forms by GET; a GET records nothing; a visitor's POST with their form token records and says thanks")
    func sheetVote() async throws {
        let database = try TestDatabase.seeded()
        try await TestApp.run(database: database) { client async throws in
            let visitor = Browser(client)
            let sheet = try await visitor.get("/vademecum/conge-special")
            #expect(sheet.status == .ok)
            #expect(sheet.body.contains("action=\"/vademecum/conge-special/avis\""))
            #expect(sheet.body.contains("href=\"/vademecum/conge-special/signalement\""))
            #expect(!sheet.body.contains("name=\"_csrf\""), "the cached sheet carries no token")
            // The second visit comes from the page cache, the same bytes.
            #expect(try await Browser(client).get("/vademecum/conge-special").body == sheet.body)

            let form = try await visitor.get("/vademecum/conge-special/avis?reponse=non")
            #expect(form.status == .ok)
            #expect(form.body.contains("id=\"reponse-non\" value=\"non\" checked"))
            #expect(try await database.sheetVoteCounts().isEmpty)

            let sent = try await visitor.post("/vademecum/conge-special/avis", [("reponse", "non"), ("commentaire", "Il manque un exemple.")])
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/vademecum/conge-special/merci?objet=avis")
            #expect(try await visitor.get(sent.location!).body.contains("Votre réponse est enregistrée"))
            #expect(try await database.sheetVoteCounts().values.first?.notHelpful == 1)

            // Without the browser's token: refused, nothing stored.
            #expect(try await Browser(client).post("/vademecum/conge-special/avis", [("reponse", "oui")], csrf: "faux").status == .forbidden)
            #expect(try await visitor.get("/vademecum/fiche-inexistante/avis").status == .notFound)
        }
    }

    @Test("five sends from one browser, then a French 429 with the text kept and nothing stored")
    func sheetRateLimit() async throws {
        let database = try TestDatabase.seeded()
        try await TestApp.run(database: database) { client async throws in
            let visitor = Browser(client)
            try await visitor.get("/vademecum/conge-special/signalement")
            for index in 0..<5 {
                #expect(try await visitor.post("/vademecum/conge-special/signalement", [("signalement", "Erreur \(index)"), ("courriel", "")]).status == .seeOther)
            }
            let limited = try await visitor.post("/vademecum/conge-special/signalement", [("signalement", "Sixième signalement"), ("courriel", "")])
            #expect(limited.status == .tooManyRequests)
            #expect(limited.body.contains("Réessayez dans"))
            #expect(limited.body.contains("Sixième signalement"))
            #expect(try await database.sheetFeedbackQueue().open.count == 5)
        }
    }

    @Test("a visitor's report lands in the staff queue beside the review reminders; staff turn it into a draft, the editor shows it; hostile input is refused")
    func reportToDraft() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await SecondFactorFixture.enrolStaff(in: database)
        try await TestApp.run(database: database) { client async throws in
            let visitor = Browser(client)
            try await visitor.get("/vademecum/conge-special/signalement")
            let bad = try await visitor.post("/vademecum/conge-special/signalement",
                                             [("signalement", ""), ("courriel", "lecteur@exemple.fr\r\nBcc: espion@exemple.fr")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Décrivez ce qui est inexact ou ce qui a changé."))
            let badAddress = try await visitor.post("/vademecum/conge-special/signalement",
                                                    [("signalement", "Texte <img src=x onerror=alert(1)>"), ("courriel", "lecteur@exemple.fr\r\nBcc: espion@exemple.fr")])
            #expect(badAddress.status == .unprocessableContent)
            #expect(badAddress.body.contains("Cette adresse électronique n’est pas valide."))
            #expect(badAddress.body.contains("Texte &lt;img src=x onerror=alert(1)&gt;"))
            #expect(try await database.sheetFeedbackQueue().open.isEmpty)

            let sent = try await visitor.post("/vademecum/conge-special/signalement",
                                              [("signalement", "Le décret <b>2026-1</b> a changé la durée."), ("courriel", "lecteur@exemple.fr")])
            #expect(sent.status == .seeOther)
            #expect(sent.location == "/vademecum/conge-special/merci?objet=signalement")

            let staff = Browser(client)
            try await signIn(staff, "equipe@demo.relais.example", "relais-demo-equipe")
            let list = try await staff.get("/equipe/vademecum")
            #expect(list.body.contains("1 signalement(s) à traiter"))
            let queue = try await staff.get("/equipe/signalements")
            #expect(queue.body.contains("Le décret &lt;b&gt;2026-1&lt;/b&gt; a changé la durée."))
            #expect(queue.body.contains("mailto:lecteur@exemple.fr"))
            let id = try #require(try await database.sheetFeedbackQueue().open.first?.report.id)
            let drafted = try await staff.post("/equipe/signalements/\(id)", [("action", "brouillon")])
            #expect(drafted.status == .seeOther)
            #expect(drafted.location == "/equipe/vademecum/conge-special?message=signalement")
            let editor = try await staff.get(drafted.location!)
            #expect(editor.body.contains("Signalements des lecteurs sur cette fiche"))
            #expect(editor.body.contains("Le décret &lt;b&gt;2026-1&lt;/b&gt; a changé la durée."))
            #expect(try await database.sheetHistory(slug: "conge-special")?.latest?.status == .brouillon)

            try await staff.get("/equipe/signalements")
            #expect(try await staff.post("/equipe/signalements/\(id)", [("action", "traite")]).location == "/equipe/signalements?message=traite")
            #expect(try await database.sheetFeedbackQueue().open.isEmpty)
            #expect(try await staff.post("/equipe/signalements/99999", [("action", "traite")]).status == .notFound)
            // The public sheet still shows the published text to readers.
            #expect(try await Browser(client).get("/vademecum/conge-special").status == .ok)
        }
    }
}
