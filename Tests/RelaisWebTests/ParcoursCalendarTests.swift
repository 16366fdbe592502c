import Foundation
import HummingbirdTesting
import RelaisCore
import RelaisTestSupport
import Testing

/// The calendar on the parcours page after the legal review (issue 14, part 2). The test clock is
/// 22 November 2026.
@Suite("Parcours calendar")
struct ParcoursCalendarTests {
    @Test("an impossible date in a parcours link comes back beside its field in the questionnaire, never dropped")
    func impossibleDate() async throws {
        try await TestApp.run { client async throws in
            let response = try await client.execute(uri: "/parcours/fin-de-fonctions?designation=2026-03-22&notification=2026-02-30", method: .get)
            #expect(response.status == .seeOther)
            let location = try #require(response.headers[.location])
            #expect(location == "/parcours?situation=fin-de-fonctions&designation=2026-03-22&notification=2026-02-30")
            let form = try await client.execute(uri: location, method: .get)
            #expect(form.status == .unprocessableContent)
            let html = String(buffer: form.body)
            #expect(html.contains("Le 30\u{00A0}février 2026 n’existe pas"))
            #expect(html.contains("value=\"2026-02-30\""))
        }
    }

    @Test("the questionnaire asks for the date of the arrêté, and the calendar alerts when it falls inside the protection")
    func arreteField() async throws {
        try await TestApp.run { client async throws in
            let form = String(buffer: try await client.execute(uri: "/parcours", method: .get).body)
            #expect(form.contains("name=\"arrete\""))
            let html = String(buffer: try await client.execute(
                uri: "/parcours/fin-de-fonctions?designation=2026-03-22&entretien=2026-09-01&arrete=2026-09-15&notification=2026-09-25",
                method: .get
            ).body)
            #expect(html.contains("<span class=\"badge badge-urgent\">Attention</span> Décision prise pendant la protection"))
        }
    }

    @Test("the calendar shows the indemnity and prise en charge lines and marks past dates as past")
    func newLinesAndPast() async throws {
        try await TestApp.run { client async throws in
            let html = String(buffer: try await client.execute(
                uri: "/parcours/fin-de-fonctions?designation=2026-03-22&entretien=2026-09-28&information=2026-10-12&notification=2026-10-20",
                method: .get
            ).body)
            #expect(html.contains("Dernier jour pour demander le licenciement avec indemnité — 30\u{00A0}novembre 2026</h3>"))
            #expect(html.contains("Prise en charge anticipée — 1er\u{00A0}février 2027</h3>"))
            #expect(html.contains("Fin de la protection de six mois — 22\u{00A0}septembre 2026 <span class=\"badge badge-past\">date passée</span>"))
            #expect(!html.contains("30\u{00A0}novembre 2026 <span class=\"badge badge-past\">"))
            #expect(html.contains("enregistrée au greffe du tribunal"))
        }
    }
}
