import Foundation
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// Issue 15, « Also seen »: a printed sheet carried no Relais name, address or print date. The
/// browser suite prints it (Tests/e2e/test_search_directory_print_browser.py); here, what the server
/// sends, cached for every visitor.
@Suite("Fact sheets: the printed header")
struct SheetPrintHeaderTests {
    static var config: AppConfig {
        var config = TestApp.config(baseURL: "https://relais.example")
        config.associationAddress = "Association des DG, 1 rue de l’Exemple, 75000 Paris"
        return config
    }

    @Test("a sheet carries, for paper, Relais, the association's address, its public address and version, and the print-day script")
    func header() async throws {
        try await TestApp.run(config: Self.config) { client async throws in
            let page = try await client.execute(uri: "/vademecum/conge-special", method: .get)
            let html = page.text
            #expect(html.contains("<div class=\"print-header\">"))
            #expect(html.contains("<p><strong>Relais</strong> — l’entraide entre directeurs généraux</p>"))
            #expect(html.contains("<p>Association des DG, 1 rue de l’Exemple, 75000 Paris</p>"))
            #expect(html.contains("<p>Fiche en ligne&#8239;: https://relais.example/vademecum/conge-special</p>"))
            #expect(html.contains("<p>Version 1, relue le "))
            // The day is left to the reader's browser: the page is the same for everyone, all day.
            #expect(html.contains("<span class=\"print-date\" hidden> · imprimée le <span id=\"date-impression\"></span></span>"))
            #expect(html.contains("<script src=\"/js/impression.js\" defer></script>"))
            #expect(!html.contains("<script>"), "no inline script: the CSP allows none")
            #expect(page.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            let script = try await client.execute(uri: "/js/impression.js", method: .get)
            #expect(script.status == .ok)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.text.contains("beforeprint") && script.text.contains("date-impression"))
            // The second visitor gets the cached page, identical.
            #expect(try await client.execute(uri: "/vademecum/conge-special", method: .get).text == html)
        }
    }

    @Test("without an association address, the header says where the sheet is online")
    func withoutAddress() async throws {
        try await TestApp.run { client async throws in
            let html = try await client.execute(uri: "/vademecum/conge-special", method: .get).text
            #expect(html.contains("<p>Fiche en ligne&#8239;: http://127.0.0.1:0/vademecum/conge-special</p>"), "RELAIS_BASE_URL, here the default")
            #expect(!html.contains("rue de l’Exemple"))
        }
    }

    @Test("RELAIS_ASSOCIATION_ADDRESS is one line of 200 characters at most")
    func configuration() throws {
        let config = try AppConfig.fromEnvironment(["RELAIS_ASSOCIATION_ADDRESS": " 1 rue de l’Exemple, 75000 Paris "])
        #expect(config.associationAddress == "1 rue de l’Exemple, 75000 Paris")
        #expect(try AppConfig.fromEnvironment([:]).associationAddress == nil)
        for bad in [String(repeating: "a", count: 201), "1 rue\nde l’Exemple"] {
            #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(["RELAIS_ASSOCIATION_ADDRESS": bad]) }
        }
    }
}
