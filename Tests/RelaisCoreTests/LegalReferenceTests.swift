import RelaisCore
import Testing

@Suite("Legal references")
struct LegalReferenceTests {
    @Test("an article of the CGFP links to Légifrance's search for that article in that code")
    func cgfpArticle() {
        let reference = LegalReference("CGFP, art. L544-1")
        #expect(reference.officialURL == "https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=NUM_ARTICLE&query=L544-1&typeRecherche=date&codes=LEGITEXT000044416551")
    }

    @Test("a range of articles links to its first article, in the right code")
    func range() {
        #expect(LegalReference("CGFP, art. L544-11 à L544-16").officialURL?.contains("query=L544-11&") == true)
        #expect(LegalReference("CJA, art. R421-1").officialURL?.hasSuffix("LEGITEXT000006070933") == true)
        #expect(LegalReference("CRPA, art. L411-2").officialURL?.contains("query=L411-2&") == true)
    }

    @Test("case law, decrees and laws get no link, since their official pages need identifiers the sheets do not carry")
    func noLink() {
        #expect(LegalReference("CE, 21 juillet 2006, Commune d’Épinal, n°\u{00A0}279502").officialURL == nil)
        #expect(LegalReference("Décret n°\u{00A0}88-614, art. 6").officialURL == nil)
        #expect(LegalReference("Loi de finances pour 2026, art. 173").officialURL == nil)
        #expect(LegalReference("CGFP").officialURL == nil)
    }
}
