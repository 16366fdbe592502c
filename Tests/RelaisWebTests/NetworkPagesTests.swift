import Foundation
import HTTPTypes
import HummingbirdTesting
import RelaisTestSupport
import Testing

@Suite("Partners and networks")
struct NetworkPagesTests {
    func html(_ client: any TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, String) {
        let response = try await client.execute(uri: uri, method: .get)
        return (response.status, String(buffer: response.body))
    }

    @Test("the partners page lists every partner, and its filters work without JavaScript")
    func filters() async throws {
        try await TestApp.run { client async throws in
            let (status, all) = try await html(client, "/partenaires")
            #expect(status == .ok)
            #expect(all.contains("28 partenaire(s)."))
            let (_, lawyers) = try await html(client, "/partenaires?type=avocat")
            #expect(lawyers.contains("5 partenaire(s) pour ces critères"))
            #expect(lawyers.contains("<option value=\"avocat\" selected>"))
            #expect(!lawyers.contains("Psychologue du travail · national"))
        }
    }

    @Test("unknown filter values are ignored, never an error")
    func unknownFilters() async throws {
        try await TestApp.run { client async throws in
            let (status, page) = try await html(client, "/partenaires?type=%3Cscript%3E&axe=x&region=zz")
            #expect(status == .ok)
            #expect(page.contains("28 partenaire(s)."))
            #expect(!page.contains("<script>"))
        }
    }

    @Test("the networks page shows the real institutions and the upcoming ateliers only")
    func networks() async throws {
        try await TestApp.run { client async throws in
            let (status, page) = try await html(client, "/reseaux")
            #expect(status == .ok)
            #expect(page.contains("CNFPT"))
            #expect(page.contains("Prochains ateliers"))
            #expect(page.contains("2026") || page.contains("2027"))
        }
    }
}
