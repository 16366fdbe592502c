import Foundation
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// The legal review of 2026-12-01 (DOMAIN.md, « Corrections and additions ») as readers see it.
@Suite("Vademecum after the legal review")
struct VademecumReviewTests {
    @Test("a code article on a sheet links to its official text on Légifrance, a decision stays plain text")
    func officialLinks() async throws {
        try await TestApp.run { client async throws in
            let html = try await client.execute(uri: "/vademecum/protection-six-mois", method: .get).text
            #expect(html.contains(#"<a href="https://www.legifrance.gouv.fr/search/code?tab_selection=code&amp;searchField=NUM_ARTICLE&amp;query=L544-1&amp;typeRecherche=date&amp;codes=LEGITEXT000044416551" rel="external">CGFP, art. L544-1</a>"#))
            #expect(html.contains("<li>CE, 21 juillet 2006, Commune d’Épinal, n°\u{00A0}279502</li>"))
        }
    }

    @Test("a corrected sheet carries the review date of the legal review and the general-information notice")
    func reviewDate() async throws {
        try await TestApp.run { client async throws in
            let html = try await client.execute(uri: "/vademecum/trois-options-reclassement-conge-licenciement", method: .get).text
            #expect(html.contains("les quatre options"))
            #expect(html.contains("Dernière relecture&#8239;: 1er\u{00A0}décembre 2026"))
            #expect(html.contains("Information générale à jour à la date de dernière relecture"))
        }
    }

    @Test("every seeded sheet cites decisions with their date and number, never a bare year")
    func preciseCitations() throws {
        let folder = TestPaths.seeds.appendingPathComponent("vademecum")
        for file in try FileManager.default.contentsOfDirectory(atPath: folder.path) where file.hasSuffix(".md") {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            #expect(!text.contains("CE, 21 juillet 2006)"), "\(file)")
            #expect(!text.contains("CE, 21 juillet 2006\""), "\(file)")
            #expect(!text.contains("Jurisprudence Czabaj (Conseil"), "\(file)")
            #expect(!text.contains("trois mois, renouvelables"), "\(file)")
            if text.contains("250616") { #expect(text.contains("à vérifier"), "\(file)") }
        }
    }
}
