import Foundation
import HummingbirdTesting
import RelaisCore
import RelaisTestSupport
import Testing

@Suite("Public pages")
struct SitePagesTests {
    @Test("the home page presents the four axes and the situations of the parcours, in French")
    func home() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = response.text
                #expect(html.contains("<html lang=\"fr\">"))
                #expect(html.contains("href=\"#contenu\""))
                for axis in Axis.allCases {
                    #expect(html.contains(axis.label), "missing \(axis.label)")
                    #expect(html.contains("href=\"/axes/\(axis.rawValue)\""))
                }
                #expect(html.contains("Ma fin de fonctions est annoncée"))
                #expect(html.contains("href=\"/parcours/fin-de-fonctions\""))
                #expect(html.contains("À propos et sources"))
            }
        }
    }

    @Test("each axis page says what Relais offers, with its sheets, partners and networks", arguments: Axis.allCases)
    func axisPage(axis: Axis) async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/axes/\(axis.rawValue)", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>\(axis.label)</h1>"))
                #expect(html.contains("Ce que Relais vous offre"))
            }
        }
    }

    @Test("the legal axis links its fact sheets, partners and upcoming ateliers")
    func legalAxisContent() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/axes/juridique", method: .get) { response in
                let html = response.text
                #expect(html.contains("href=\"/vademecum/entretien-prealable\""))
                #expect(html.contains("Avocat en droit public"))
                #expect(html.contains("Prochains ateliers"))
            }
        }
    }

    @Test("an unknown axis is a French 404")
    func unknownAxis() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/axes/astrologie", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text.contains("Page introuvable"))
            }
        }
    }

    @Test("the about page carries the data attributions")
    func about() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/a-propos", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("IGN, ADMIN EXPRESS COG"))
                #expect(html.contains("Licence Ouverte / Etalab 2.0"))
                #expect(html.contains("Code officiel géographique"))
            }
        }
    }

    @Test("a situation shows its steps grouped by axis with the sheets that apply")
    func situation() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/parcours/fin-de-fonctions", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<h1>Ma fin de fonctions est annoncée</h1>"))
                #expect(html.contains("id=\"axe-solidarite\""))
                #expect(html.contains("id=\"axe-juridique\""))
                #expect(html.contains("Étape 1"))
                #expect(html.contains("href=\"/vademecum/"))
            }
            try await client.execute(uri: "/parcours/inconnue", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test("a fact sheet shows its body, references, review date and its « à vérifier » warning")
    func factSheet() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/vademecum/indemnite-de-licenciement", method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Dernière relecture"))
                #expect(html.contains("<strong>À vérifier.</strong>"))
                #expect(html.contains("Textes de référence"))
                #expect(html.contains("<h2>Ce qui se passe</h2>"))
            }
            try await client.execute(uri: "/vademecum", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("href=\"/vademecum/conge-special\""))
            }
        }
    }

    @Test("a page that does not exist is a French 404 that keeps the layout")
    func notFound() async throws {
        try await TestApp.run { client in
            try await client.execute(uri: "/page-inexistante", method: .get) { response in
                #expect(response.status == .notFound)
                let html = response.text
                #expect(html.contains("<h1>Page introuvable</h1>"))
                #expect(html.contains("Revenir à l’accueil"))
                #expect(!html.contains("Numéro de la requête"))
            }
        }
    }

    @Test("every response carries the security headers, error pages included")
    func securityHeaders() async throws {
        try await TestApp.run { client in
            for uri in ["/", "/page-inexistante", "/healthz", "/css/relais.css"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true, "\(uri)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
                    #expect(response.headers[.xContentTypeOptions] == "nosniff")
                    #expect(response.headers[.init("Referrer-Policy")!] == "same-origin")
                    #expect(response.headers[.strictTransportSecurity] == nil)
                }
            }
        }
    }

    @Test("HSTS is sent when the site is served over HTTPS")
    func hsts() async throws {
        try await TestApp.run(config: TestApp.config(baseURL: "https://relais.example.org")) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.headers[.strictTransportSecurity]?.hasPrefix("max-age=") == true)
            }
        }
    }

    @Test("the demo banner appears only in demo mode")
    func demoBanner() async throws {
        try await TestApp.run(config: TestApp.config(demo: true)) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.text.contains("Version de démonstration"))
            }
        }
        try await TestApp.run { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(!response.text.contains("Version de démonstration"))
            }
        }
    }
}
