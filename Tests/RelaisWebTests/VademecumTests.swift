import Foundation
import GRDB
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

@Suite("Vademecum by axis and theme")
struct VademecumTests {
    @Test("the list groups published sheets by axis, then by theme, each sheet once")
    func index() async throws {
        let database = try TestDatabase.seeded()
        let published = try await database.reader.read { db in
            try String.fetchAll(db, sql: "SELECT slug FROM factSheet WHERE status = 'publiee'")
        }
        try await TestApp.run(database: database) { client async throws in
            let html = try await client.execute(uri: "/vademecum", method: .get).text
            for slug in published {
                #expect(html.components(separatedBy: "<a href=\"/vademecum/\(slug)\">").count - 1 == 1, "\(slug)")
            }
            let juridique = try #require(html.range(of: "<h2 id=\"titre-juridique\">"))
            let theme = try #require(html.range(of: ">Recours et contentieux</h3>"))
            let sheet = try #require(html.range(of: "href=\"/vademecum/refere-suspension\""))
            #expect(juridique.lowerBound < theme.lowerBound && theme.lowerBound < sheet.lowerBound)
            #expect(html.contains(">Protection et santé au travail</h3>"))
            #expect(html.contains("<nav class=\"toc toc-themes\" aria-label=\"Les thèmes du vademecum\">"))
        }
    }

    @Test("a draft is listed nowhere and its page is a 404")
    func drafts() async throws {
        let database = try TestDatabase.seeded()
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE factSheet SET status = 'brouillon' WHERE slug = 'refere-suspension'")
        }
        try await TestApp.run(database: database) { client async throws in
            #expect(!(try await client.execute(uri: "/vademecum", method: .get).text.contains("refere-suspension")))
            #expect(try await client.execute(uri: "/vademecum/refere-suspension", method: .get).status == .notFound)
        }
    }

    @Test("a sheet shows its theme, summary, body, references, review date, related sheets and its « à vérifier » marks")
    func sheet() async throws {
        try await TestApp.run { client async throws in
            let html = try await client.execute(uri: "/vademecum/indemnite-de-licenciement", method: .get).text
            #expect(html.contains("Conseil juridique et contentieux</a> · Après la fin de fonctions</p>"))
            #expect(html.contains("<p class=\"lead\">"))
            #expect(html.contains("Dernière relecture&#8239;: "))
            #expect(html.contains("Textes de référence"))
            #expect(html.contains("Fiches liées"))
            #expect(html.contains("<strong class=\"check-mark\">à vérifier</strong>"))
        }
    }

    @Test("« à vérifier » is marked in text only, never inside a tag")
    func checkMarks() {
        let html = #"<p>Montant à vérifier.</p><a href="/x" title="à vérifier">À vérifier</a>"#
        #expect(Markdown.markingChecks(html) == #"<p>Montant <strong class="check-mark">à vérifier</strong>.</p><a href="/x" title="à vérifier"><strong class="check-mark">À vérifier</strong></a>"#)
    }

    @Test("the stylesheet prints sheets cleanly: no navigation, readable references")
    func printStylesheet() throws {
        let css = try String(contentsOfFile: TestPaths.publicFolder + "/css/relais.css", encoding: .utf8)
        let printRules = css.components(separatedBy: "@media print").dropFirst().joined()
        #expect(printRules.contains(".site-header"))
        #expect(printRules.contains(".related"))
        #expect(printRules.contains(".site-search"))
        #expect(printRules.contains("@page"))
    }
}
