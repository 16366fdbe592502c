import Foundation
import GRDB
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import RelaisTemplates
import Testing

@Suite("Search page")
struct SearchPageTests {
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    @Test("« conge special » finds the sheet with the matched words highlighted, grouped by kind")
    func results() async throws {
        try await TestApp.run { client async throws in
            let page = try await client.execute(uri: "/recherche?q=conge+special", method: .get)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<a href=\"/vademecum/conge-special\">Le <mark>congé</mark> <mark>spécial</mark></a>"))
            #expect(html.contains("résultats pour «\u{00A0}conge special\u{00A0}»"))
            #expect(html.contains("<h2 id=\"resultats-fiche\">Fiches du vademecum ("))
            #expect(html.contains("value=\"conge special\""), "the query stays in the box")
            // The group of the best hit comes first.
            let sheets = try #require(html.range(of: "id=\"resultats-fiche\""))
            if let situations = html.range(of: "id=\"resultats-situation\"") {
                #expect(sheets.lowerBound < situations.lowerBound)
            }
        }
    }

    @Test("a first name lists correspondents, linked to their département's page")
    func correspondent() async throws {
        try await TestApp.run { client async throws in
            let html = try await client.execute(uri: "/recherche?q=Isabelle", method: .get).text
            #expect(html.contains("<h2 id=\"resultats-correspondant\">Correspondants (1)</h2>"))
            #expect(html.contains("<a href=\"/annuaire/75\"><mark>Isabelle</mark> — DGS honoraire</a>"))
            #expect(!html.contains("Moreau"))
        }
    }

    @Test("stored HTML comes back escaped in titles and excerpts; only <mark> is added")
    func escaping() async throws {
        let database = try TestDatabase.seeded()
        try await database.writer.write { db in
            try db.execute(sql: """
                UPDATE factSheet SET title = 'Piège <b>gras</b>', summary = 'Résumé',
                  bodyMarkdown = 'Avant <script>alert("xylophage")</script> & après \u{E002}</mark><img src=x onerror=alert(1)>'
                WHERE slug = 'conge-special'
                """)
        }
        try await TestApp.run(database: database) { client async throws in
            let html = try await client.execute(uri: "/recherche?q=xylophage", method: .get).text
            #expect(html.contains("<a href=\"/vademecum/conge-special\">Piège &lt;b&gt;gras&lt;/b&gt;</a>"))
            #expect(html.contains("&lt;script&gt;alert(&quot;<mark>xylophage</mark>&quot;)&lt;/script&gt; &amp; après &lt;/mark&gt;&lt;img src=x onerror=alert(1)&gt;"))
            #expect(!html.contains("<script>"))
            #expect(!html.contains("<img"))
            #expect(html.components(separatedBy: "<mark>").count == html.components(separatedBy: "</mark>").count)
            let piege = try await client.execute(uri: "/recherche?q=piege", method: .get).text
            #expect(piege.contains("<mark>Piège</mark> &lt;b&gt;gras&lt;/b&gt;"))
        }
    }

    @Test("hostile or odd queries always answer 200 with a page", arguments: [
        "\"", "\"\"", "conge\"", "AND", "OR", "NOT", "conge AND", "NEAR(", "NEAR(conge special, 2)", "*", "conge*", "^conge", "^",
        "-", "-conge", ":", "title:conge", "kind:fiche", "(", ")", "(conge", "{conge}", "conge + special", "'", "’", "%", "\\",
        "🙂", "congé 🙂 spécial", "\u{0000}", "<script>alert(1)</script>", "' OR 1=1 --", "\u{202E}conge",
        String(repeating: "a", count: 5_000), String(repeating: "conge ", count: 1_000), String(repeating: "\"", count: 5_000),
    ])
    func hostile(query: String) async throws {
        try await TestApp.run { client async throws in
            let page = try await client.execute(uri: "/recherche?q=\(Self.encode(query))", method: .get)
            #expect(page.status == .ok, "\(query.prefix(40))")
            #expect(page.text.contains("<h1>Rechercher dans Relais</h1>"))
            #expect(!page.text.contains("<script>alert"))
        }
    }

    @Test("raw bytes in the address: bad escapes, invalid UTF-8, a lone quote, a repeated name")
    func rawQueries() async throws {
        try await TestApp.run { client async throws in
            for uri in ["/recherche?q=%ZZ", "/recherche?q=%", "/recherche?q=%C3", "/recherche?q=%FF%FEconge", "/recherche?q=%22",
                        "/recherche?q=a&q=b", "/recherche?q", "/recherche?", "/recherche?q=%00%01", "/recherche?x=1&q=conge%2Bspe"] {
                let page = try await client.execute(uri: uri, method: .get)
                #expect(page.status == .ok, "\(uri)")
            }
            #expect(try await client.execute(uri: "/recherche?q=%FF%FEconge+spe", method: .get).text.contains("/vademecum/conge-special"))
        }
    }

    @Test("nothing found: a helpful page suggesting the situations and the parcours")
    func nothingFound() async throws {
        try await TestApp.run { client async throws in
            let page = try await client.execute(uri: "/recherche?q=zzzqqq", method: .get)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("Aucun résultat pour «\u{00A0}zzzqqq\u{00A0}»."))
            #expect(html.contains("Rien trouvé&#8239;? Quelques pistes"))
            #expect(html.contains("href=\"/parcours/fin-de-fonctions\""))
            #expect(html.contains("href=\"/parcours\""))
        }
    }

    @Test("an empty search shows the box and the situations, without a result count")
    func empty() async throws {
        try await TestApp.run { client async throws in
            let html = try await client.execute(uri: "/recherche", method: .get).text
            #expect(html.contains("id=\"recherche-page\""))
            #expect(!html.contains("role=\"status\""))
            #expect(html.contains("href=\"/parcours/fin-de-fonctions\""))
        }
    }

    @Test("drafts are never found")
    func publishedOnly() async throws {
        let database = try TestDatabase.seeded()
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE factSheet SET status = 'en_relecture' WHERE slug = 'refere-suspension'")
        }
        try await TestApp.run(database: database) { client async throws in
            #expect(!(try await client.execute(uri: "/recherche?q=refere+suspension", method: .get).text.contains("/vademecum/refere-suspension")))
        }
    }

    @Test("the header and the home page carry a search form that works without JavaScript")
    func forms() async throws {
        try await TestApp.run { client async throws in
            let home = try await client.execute(uri: "/", method: .get).text
            #expect(home.contains("<form class=\"site-search\" role=\"search\" method=\"get\" action=\"/recherche\">"))
            #expect(home.contains("<label for=\"recherche-accueil\">"))
            let about = try await client.execute(uri: "/a-propos", method: .get).text
            #expect(about.contains("name=\"q\""))
        }
    }
}

@Suite("Search excerpts")
struct HighlightTests {
    @Test("text is escaped, FTS5's marks become <mark>, stray marks are dropped")
    func highlight() {
        #expect(Highlight.html("a \u{E001}b\u{E002} <c> & \"d\" 'e'") == "a <mark>b</mark> &lt;c&gt; &amp; &quot;d&quot; &#39;e&#39;")
        #expect(Highlight.html("\u{E002}x\u{E001}y") == "x<mark>y</mark>")
        #expect(Highlight.html("\u{E001}\u{E001}x\u{E002}\u{E002}") == "<mark>x</mark>")
        #expect(Highlight.html("congé ’spécial’") == "congé ’spécial’")
        #expect(Highlight.html("") == "")
    }

    @Test("a page's value tree holds its stored properties by name, nil ones left out as Mustache expects")
    func valueTree() throws {
        let page = SearchPage(
            layout: LayoutModel(title: "T", section: .search, demo: false), action: "/recherche", query: "q", searched: true,
            status: nil, groups: [], nothingFound: false, situations: [], parcoursURL: "/p", directoryURL: "/d", vademecumURL: "/v"
        )
        guard case .object(let object) = try TemplateEncoder.encode(page) else {
            Issue.record("a page encodes as an object")
            return
        }
        let stored = Mirror(reflecting: page).children.compactMap(\.label).filter { $0 != "status" }
        #expect(object.fieldNames == stored)
        guard case .string("q")? = object["query"], case .bool(true)? = object["searched"], case .list(let groups)? = object["groups"], groups.isEmpty else {
            Issue.record("values keep their kind")
            return
        }
    }
}
