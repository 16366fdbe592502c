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

@Suite("Remontées pages: from the field to staff and back, through the router", .serialized)
struct RemonteePagesTests {
    @Test("a director sends a remontée (hostile input refused in French, the form kept); staff see it by theme, answer and link a sheet; the director reads the answer")
    func journey() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await SecondFactorFixture.enrolStaff(in: database)
        try await TestApp.run(database: database) { client async throws in
            let director = Browser(client)
            try await signIn(director, "directrice@demo.relais.example", "relais-demo-directrice")
            #expect(try await director.get("/compte").body.contains("href=\"/remontees\""))
            let form = try await director.get("/remontees")
            #expect(form.status == .ok)
            let refused = try await director.post("/remontees", [("remontee", "<script>alert(1)</script>\r\n" + String(repeating: "x", count: 4001))])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Choisissez un thème.") && refused.body.contains("Votre remontée est trop longue"))
            #expect(refused.body.contains("&lt;script&gt;alert(1)&lt;/script&gt;") && !refused.body.contains("<script>alert(1)"))
            #expect(try await database.remonteeBoard().lines.isEmpty)

            let sent = try await director.post("/remontees", [("theme", "textes"), ("remontee", "Le décret <b>d’application</b> tarde.")])
            #expect(sent.status == .seeOther && sent.location == "/remontees?message=envoyee")

            let staff = Browser(client)
            try await signIn(staff, "equipe@demo.relais.example", "relais-demo-equipe")
            let board = try await staff.get("/equipe/remontees")
            #expect(board.status == .ok)
            #expect(board.body.contains("Un texte, sa lecture ou son application"))
            #expect(board.body.contains("Le décret &lt;b&gt;d’application&lt;/b&gt; tarde."))
            let id = try #require(try await database.remonteeBoard().lines.first?.remontee.id)
            #expect(try await staff.post("/equipe/remontees/\(id)", [("reponse-\(id)", ""), ("fiche", ""), ("situation", "")]).status == .unprocessableContent)
            #expect(try await staff.post("/equipe/remontees/\(id)", [("reponse-\(id)", "Merci"), ("fiche", "inconnue"), ("situation", "")]).status
                    == .unprocessableContent)
            let answered = try await staff.post("/equipe/remontees/\(id)",
                                                [("reponse-\(id)", "Nous complétons la fiche."), ("fiche", "conge-special"), ("situation", "fin-de-fonctions")])
            #expect(answered.status == .seeOther)
            #expect(try await staff.get("/equipe").body.contains("Remontées du terrain"))

            let mine = try await director.get("/remontees")
            #expect(mine.body.contains("Nous complétons la fiche."))
            #expect(mine.body.contains("href=\"/vademecum/conge-special\"") && mine.body.contains("href=\"/parcours/fin-de-fonctions\""))
            let mail = try #require(try await database.outboxMessages().first { $0.kind == MailKind.remonteeAnswered.rawValue })
            #expect(!mail.raw.contains("complétons") && !mail.raw.contains("décret"))

            // Staff send none; another member never sees someone else's.
            #expect(try await staff.get("/remontees").status == .notFound)
            let correspondent = Browser(client)
            try await signIn(correspondent, "correspondant@demo.relais.example", "relais-demo-correspondant")
            #expect(!(try await correspondent.get("/remontees").body.contains("décret")))
            #expect(try await correspondent.post("/equipe/remontees/\(id)", [("reponse-\(id)", "intrus")]).status == .notFound)
        }
    }
}
