import Foundation
import GRDB
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Directory: map and départements")
struct DirectoryTests {
    /// The map's links as `code → (class, accessible name)`, read from `/annuaire`.
    static func mapLinks(_ html: String) throws -> [String: (cssClass: String, label: String)] {
        let svg = try #require(html.range(of: "<svg class=\"france-map\"").flatMap { start in
            html[start.lowerBound...].range(of: "</svg>").map { String(html[start.lowerBound..<$0.upperBound]) }
        })
        var links: [String: (String, String)] = [:]
        let pattern = try Regex(#"<a href="/annuaire/([0-9AB]+)" class="([a-z-]+)" aria-labelledby="carte-\1" data-departement="\1"><title id="carte-\1">([^<]+)</title>"#)
        for match in svg.matches(of: pattern) {
            let code = String(try #require(match.output[1].substring)), cssClass = String(try #require(match.output[2].substring))
            links[code] = (cssClass, String(try #require(match.output[3].substring)))
        }
        return links
    }

    @Test("the map links all 101 départements once by keyboard, each with an accessible name")
    func mapLinks() async throws {
        try await TestApp.run { client async throws in
            let page = try await client.execute(uri: "/annuaire", method: .get)
            #expect(page.status == .ok)
            let html = page.text
            let links = try Self.mapLinks(html)
            #expect(links.count == 101)
            #expect(Set(links.keys).count == 101)
            // Île-de-France is drawn twice; only its enlarged shapes take the focus.
            #expect(html.components(separatedBy: "tabindex=\"-1\" aria-hidden=\"true\"").count - 1 == 8)
            #expect(html.components(separatedBy: "<a href=\"/annuaire/").count - 1 == 101 + 8 + 101, "map, small Île-de-France shapes, list")
            #expect(links["33"]?.label == "Gironde (33)\u{202F}: 2 correspondants disponibles")
            #expect(html.contains("<title id=\"carte-titre\">"))
            #expect(html.contains("IGN, ADMIN EXPRESS COG"), "the attribution")
            #expect(html.contains("Île-de-France (×4)"))
            #expect(!html.contains("style="), "CSP: classes, never style attributes")
        }
    }

    @Test("the shapes come from one file browsers keep: every <use> of the map names a shape of it")
    func shapesFile() async throws {
        try await TestApp.run { client async throws in
            let html = try await client.execute(uri: "/annuaire", method: .get).text
            let uses = html.matches(of: try Regex(#"<use href="(/carte/departements-[0-9a-f]{16}\.svg)#([di][0-9AB]+)"/>"#)).map {
                (String($0.output[1].substring ?? ""), String($0.output[2].substring ?? ""))
            }
            #expect(uses.count == 101 + 8, "each département once, Île-de-France again in its inset")
            let path = try #require(uses.first?.0)
            #expect(Set(uses.map(\.0)) == [path], "one file")
            #expect(html.utf8.count < 60_000, "the path data is no longer in the page")

            let file = try await client.execute(uri: path, method: .get)
            #expect(file.status == .ok)
            #expect(file.headers[.contentType] == "image/svg+xml")
            #expect(file.headers[.cacheControl] == "public, max-age=31536000, immutable")
            let sprite = file.text
            #expect(sprite.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\">"))
            for (_, id) in uses {
                #expect(sprite.contains("<path id=\"\(id)\" d=\"M"), "shape \(id)")
            }
            #expect(try await client.execute(uri: "/carte/departements-0000000000000000.svg", method: .get).status == .notFound)
        }
    }

    @Test("coverage classes follow the seeds: covered, all absent, nobody")
    func coverageClasses() async throws {
        try await TestApp.run { client async throws in
            let links = try Self.mapLinks(try await client.execute(uri: "/annuaire", method: .get).text)
            // Gironde has available correspondents; the Pyrénées-Atlantiques' only one is absent until
            // 20 December 2026 (the tests run on 22 November 2026); nobody covers Lot-et-Garonne.
            #expect(links["33"]?.cssClass == "coverage-available")
            #expect(links["64"]?.cssClass == "coverage-absent")
            #expect(links["64"]?.label == "Pyrénées-Atlantiques (64)\u{202F}: 1 correspondant, absent pour le moment")
            #expect(links["47"]?.cssClass == "coverage-none")
            #expect(links["47"]?.label == "Lot-et-Garonne (47)\u{202F}: aucun correspondant pour l’instant")
            #expect(links.values.count { $0.cssClass == "coverage-available" } == 67)
        }
    }

    @Test("an absence that ends changes the colour: the day counts")
    func absenceEnds() async throws {
        let afterAbsence = Date(timeIntervalSince1970: TestClock.now.timeIntervalSince1970 + 30 * 86_400)
        try await TestApp.run(clock: { afterAbsence }) { client async throws in
            let links = try Self.mapLinks(try await client.execute(uri: "/annuaire", method: .get).text)
            #expect(links["64"]?.cssClass == "coverage-available")
        }
    }

    @Test("a département whose every correspondent is made absent turns hatched")
    func madeAbsent() async throws {
        let database = try TestDatabase.seeded()
        try await database.writer.write { db in
            try db.execute(sql: """
                UPDATE correspondent SET absentUntil = '2027-06-30'
                WHERE id IN (SELECT correspondentId FROM correspondentDepartement WHERE departementCode = '33')
                """)
        }
        try await TestApp.run(database: database) { client async throws in
            let links = try Self.mapLinks(try await client.execute(uri: "/annuaire", method: .get).text)
            #expect(links["33"]?.cssClass == "coverage-absent")
            #expect(links["33"]?.label == "Gironde (33)\u{202F}: 2 correspondants, tous absents pour le moment")
        }
    }

    @Test("the list by région holds the same 101 départements, régions of the métropole first")
    func listByRegion() async throws {
        try await TestApp.run { client async throws in
            let html = try await client.execute(uri: "/annuaire", method: .get).text
            let list = try #require(html.range(of: "id=\"liste-regions\"").map { String(html[$0.lowerBound...]) })
            let items = list.matches(of: try Regex(#"<li><svg class="legend-swatch"[^>]*><rect class="(coverage-[a-z]+)"[^>]*/></svg> <a href="/annuaire/([0-9AB]+)">"#))
            #expect(items.count == 101)
            #expect(Set(items.compactMap { $0.output[2].substring.map(String.init) }).count == 101)
            let regions = list.matches(of: try Regex(#"<h3 id="region-[0-9]+">([^<]+)</h3>"#)).compactMap { $0.output[1].substring.map(String.init) }
            #expect(regions.count == 18)
            #expect(regions.first == "Auvergne-Rhône-Alpes")
            #expect(regions.firstIndex(of: "Île-de-France")! < regions.firstIndex(of: "Guadeloupe")!)
            #expect(list.contains("<a href=\"/annuaire/47\">Lot-et-Garonne (47)</a>&#8239;: aucun correspondant pour l’instant"))
        }
    }

    @Test("a covered département shows its correspondents without any address, and the way to open a case")
    func coveredDepartement() async throws {
        try await TestApp.run { client async throws in
            let page = try await client.execute(uri: "/annuaire/33", method: .get)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<h1>Gironde (33)</h1>"))
            #expect(html.contains("Les correspondants du département"))
            #expect(html.contains("Les autres correspondants de la région Nouvelle-Aquitaine"))
            #expect(html.contains("href=\"/demandes/nouvelle?departement=33\""))
            #expect(!html.contains("@correspondants.relais.example"))
            #expect(!html.contains("mailto:"))
            // Last names stay private.
            let lastNames = try await TestDatabase.seeded().reader.read { db in
                try String.fetchAll(db, sql: """
                    SELECT c.lastName FROM correspondent c JOIN correspondentDepartement cd ON cd.correspondentId = c.id
                    WHERE cd.departementCode = '33'
                    """)
            }
            #expect(!lastNames.isEmpty)
            for name in lastNames { #expect(!html.contains(name), "\(name)") }
        }
    }

    @Test("a département nobody covers shows the help of its région")
    func uncoveredDepartement() async throws {
        try await TestApp.run { client async throws in
            let html = try await client.execute(uri: "/annuaire/47", method: .get).text
            #expect(html.contains("<h1>Lot-et-Garonne (47)</h1>"))
            #expect(html.contains("Personne ne couvre encore ce département. Les correspondants de la région Nouvelle-Aquitaine"))
            #expect(!html.contains("Les correspondants du département"))
            #expect(html.contains("Les autres correspondants de la région Nouvelle-Aquitaine"))
            #expect(html.contains("<li class=\"card correspondent-card\">"))
        }
    }

    @Test("a région without anyone falls back to correspondents elsewhere")
    func nationalFallback() async throws {
        let database = try TestDatabase.seeded()
        try await database.writer.write { db in
            try db.execute(sql: """
                DELETE FROM correspondentDepartement WHERE departementCode IN (SELECT code FROM departement WHERE regionCode = '75')
                """)
        }
        try await TestApp.run(database: database) { client async throws in
            let html = try await client.execute(uri: "/annuaire/47", method: .get).text
            #expect(html.contains("Personne ne couvre encore ce département ni sa région."))
            #expect(html.contains("Des correspondants d’autres régions"))
        }
    }

    @Test("an unknown or malformed code is a French 404", arguments: ["20", "99", "2C", "2a", "977", "33x", "%00", "3%33"])
    func unknown(code: String) async throws {
        try await TestApp.run { client async throws in
            let page = try await client.execute(uri: "/annuaire/\(code)", method: .get)
            #expect(page.status == .notFound)
            #expect(page.text.contains("Page introuvable"))
        }
    }

    @Test("the navigation links the directory")
    func navigation() async throws {
        try await TestApp.run { client async throws in
            let html = try await client.execute(uri: "/", method: .get).text
            #expect(html.contains("<li><a href=\"/annuaire\">Annuaire</a></li>"))
            let directory = try await client.execute(uri: "/annuaire", method: .get).text
            #expect(directory.contains("<li><a href=\"/annuaire\" aria-current=\"page\">Annuaire</a></li>"))
        }
    }
}
