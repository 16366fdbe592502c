import Foundation
@testable import RelaisCore
import Testing

@Suite("Text and codes")
struct TextTests {
    @Test("ASCII text is folded by lower-casing, exactly as Foundation's case and accent folding does")
    func asciiFolding() {
        func foundation(_ text: String) -> String {
            text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
        }
        for byte in UInt8(0)..<0x80 {
            let text = String(decoding: [UInt8(ascii: "a"), byte, UInt8(ascii: "Z")], as: UTF8.self)
            #expect(Text.caseAndAccentFolded(text) == foundation(text), "byte \(byte)")
        }
        for text in ["", "conge spe", "CONGE SPE", "Burn-Out 2026", "l'entretien", "ABC xyz 0-9 !?:;", "\u{0}\t\n"] {
            #expect(Text.caseAndAccentFolded(text) == foundation(text))
        }
        #expect(Text.caseAndAccentFolded("Congé") == "conge", "anything else goes through Foundation")
    }

    @Test("folds names so people can type them without accents, case or hyphens")
    func folding() {
        #expect(Text.folded("Saint-Étienne") == "saint etienne")
        #expect(Text.folded("  L’Haÿ-les-Roses ") == "l hay les roses")
        #expect(Text.folded("ÎLE-DE-FRANCE") == "ile de france")
    }

    @Test("accepts only lower-case ASCII slugs with single hyphens", arguments: [
        ("fin-de-fonctions", true), ("r2", true), ("Fin", false), ("fin--de", false), ("-fin", false),
        ("fin-", false), ("élu", false), ("a b", false), ("", false), ("../etc", false),
    ])
    func slugs(value: String, valid: Bool) {
        #expect(Text.isSlug(value) == valid)
    }

    @Test("recognises département codes, Corsica and overseas included", arguments: [
        ("01", true), ("2A", true), ("2B", true), ("95", true), ("971", true), ("976", true),
        ("20", false), ("96", false), ("977", false), ("1", false), ("00", false), ("2C", false), ("９５", false),
    ])
    func departementCodes(code: String, valid: Bool) {
        #expect(Territory.isDepartementCode(code) == valid)
    }

    @Test("every axis and partner kind has a French label")
    func labels() {
        #expect(Axis.allCases.map(\.label) == [
            "Solidarités professionnelles", "Conseil juridique et contentieux", "Trajectoires professionnelles", "Réseaux",
        ])
        #expect(PartnerKind.allCases.allSatisfy { !$0.label.isEmpty })
        #expect(Axis(code: "juridique") == .juridique)
        #expect(Axis(code: "Juridique") == nil)
    }

    @Test("encodes query values as Foundation does, ASCII or not", arguments: [
        "", "2026-11-15", "33063", "dgs", "a b&c=d/e?f#g", "100%", "~tilde_under.dot-hyphen",
        "Saint-Étienne", "l’Haÿ", "\u{202F}:", "日本", "a+b", "\r\n<script>",
    ])
    func queryEncoding(value: String) {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        #expect(Text.queryEncoded(value) == value.addingPercentEncoding(withAllowedCharacters: allowed))
    }

    @Test("trims white space at both ends as Foundation does", arguments: [
        "", " ", "33", " 33", "33 ", "\t33\t", "\u{00A0}33\u{00A0}", "a b", "é", " é ", "\u{3000}x", "x\n",
    ])
    func trimming(value: String) {
        #expect(Text.trimmedSpaces(value) == value.trimmingCharacters(in: .whitespaces))
    }
}
