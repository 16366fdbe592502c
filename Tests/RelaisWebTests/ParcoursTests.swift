import Foundation
import GRDB
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Parcours")
struct ParcoursTests {
    @Test("the questionnaire sends its answers to the situation's parcours in the URL")
    func roundTrip() async throws {
        try await TestApp.run { client async throws in
            let form = try await client.execute(uri: "/parcours", method: .get)
            #expect(form.status == .ok)
            #expect(String(buffer: form.body).contains("Ma fin de fonctions est annoncée"))

            let answered = try await client.execute(
                uri: "/parcours?situation=fin-de-fonctions&poste=dgs&employeur=33063&urgence=date-fixee&information=2026-11-15&action=voir",
                method: .get
            )
            #expect(answered.status == .seeOther)
            #expect(answered.headers[.location] == "/parcours/fin-de-fonctions?poste=dgs&employeur=33063&departement=33&urgence=date-fixee&information=2026-11-15")
        }
    }

    @Test("without a situation the questionnaire comes back with a French message and the answers kept")
    func missingSituation() async throws {
        try await TestApp.run { client async throws in
            let page = try await client.execute(uri: "/parcours?poste=dga&departement=33&action=voir", method: .get)
            #expect(page.status == .unprocessableContent)
            let html = String(buffer: page.body)
            #expect(html.contains("Choisissez la situation qui ressemble le plus à la vôtre."))
            #expect(html.contains("id=\"poste-dga\" value=\"dga\" checked"))
            #expect(html.contains("<option value=\"33\" selected>"))
        }
    }

    @Test("the employer search works without JavaScript and keeps the other answers")
    func employerSearch() async throws {
        try await TestApp.run { client async throws in
            let page = try await client.execute(uri: "/parcours?employeur_recherche=bordeaux&situation=avis-juridique&action=rechercher", method: .get)
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("Bordeaux (33)"))
            #expect(html.contains("value=\"avis-juridique\" checked"))
        }
    }

    @Test("every seeded situation has a parcours page with steps and the way to open a case")
    func everySituation() async throws {
        let slugs = try await TestDatabase.seeded().reader.read { db in try String.fetchAll(db, sql: "SELECT slug FROM situation") }
        try await TestApp.run { client async throws in
            for slug in slugs {
                let page = try await client.execute(uri: "/parcours/\(slug)?departement=33", method: .get)
                #expect(page.status == .ok, "\(slug)")
                let html = String(buffer: page.body)
                #expect(html.contains("Étape 1"))
                #expect(html.contains("Ouvrir une demande d’accompagnement"))
                #expect(html.contains("Qui peut vous accompagner — Gironde (33)"))
            }
        }
    }

    @Test("a département without a correspondent falls back to its région, and the page never shows an address")
    func fallback() async throws {
        let database = try TestDatabase.seeded()
        let uncovered = try #require(try await database.reader.read { db in
            try String.fetchOne(db, sql: """
                SELECT d.code FROM departement d WHERE d.code NOT IN (SELECT departementCode FROM correspondentDepartement)
                  AND d.regionCode IN (SELECT d2.regionCode FROM correspondentDepartement cd JOIN departement d2 ON d2.code = cd.departementCode)
                ORDER BY d.code LIMIT 1
                """)
        })
        try await TestApp.run(database: database) { client async throws in
            let page = try await client.execute(uri: "/parcours/confiance-degradee?departement=\(uncovered)", method: .get)
            let html = String(buffer: page.body)
            #expect(html.contains("Personne ne couvre encore votre département"))
            #expect(html.contains("voici les correspondants de votre région"))
            #expect(!html.contains("@correspondants.relais.example"))
        }
    }

    @Test("an end of functions with dates shows the indicative calendar with its sources")
    func calendar() async throws {
        try await TestApp.run { client async throws in
            let page = try await client.execute(
                uri: "/parcours/fin-de-fonctions?departement=33&designation=2026-03-22&information=2026-09-15&notification=2026-03-20",
                method: .get
            )
            let html = String(buffer: page.body)
            #expect(html.contains("Votre calendrier indicatif"))
            #expect(html.contains("1er\u{00A0}décembre 2026"), "information on 15 September → effect on 1 December")
            #expect(html.contains("Source"))
            #expect(html.contains("CGFP, art. L544-1"))
            let withoutDates = String(buffer: try await client.execute(uri: "/parcours/fin-de-fonctions?departement=33", method: .get).body)
            #expect(!withoutDates.contains("Votre calendrier indicatif"))
            #expect(withoutDates.contains("pour obtenir votre calendrier indicatif"))
        }
    }

    @Test("hostile answers in the URL are ignored or refused, never a 500", arguments: [
        "/parcours/fin-de-fonctions?departement=%3Cscript%3E&employeur=%27%20OR%201%3D1&nomination=2026-02-30",
        "/parcours?situation=%2E%2E%2Fetc&action=voir",
        "/parcours?nomination=pas-une-date&situation=fin-de-fonctions&action=voir",
        "/parcours/%3Cscript%3E",
    ])
    func hostile(uri: String) async throws {
        try await TestApp.run { client async throws in
            let page = try await client.execute(uri: uri, method: .get)
            #expect(page.status.code < 500)
            #expect(!String(buffer: page.body).contains("<script>"))
        }
    }
}
