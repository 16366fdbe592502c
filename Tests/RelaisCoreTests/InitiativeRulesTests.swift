import Foundation
@testable import RelaisCore
import Testing

@Suite("Fiches initiatives: fields, who edits and proposes, the draft made of them")
struct InitiativeRulesTests {
    @Test("a title and what was done are needed; every field has its limit")
    func problems() {
        let empty = InitiativeRules.Fields(title: "", what: "", place: "", contact: "", outcome: "")
        #expect(empty.problems.map(\.field) == ["titre", "quoi"])
        let long = InitiativeRules.Fields(title: String(repeating: "t", count: 121), what: String(repeating: "w", count: 4_001),
                                          place: String(repeating: "p", count: 301), contact: String(repeating: "c", count: 301),
                                          outcome: String(repeating: "o", count: 4_001))
        #expect(long.problems.map(\.field) == ["titre", "quoi", "ou", "contact", "resultat"])
    }

    @Test("its author edits and proposes it while it is in the group, or after staff left it aside")
    func rights() {
        #expect(InitiativeRules.mayEdit(.inGroup, isAuthor: true) && InitiativeRules.mayEdit(.declined, isAuthor: true))
        #expect(!InitiativeRules.mayEdit(.inGroup, isAuthor: false))
        #expect(!InitiativeRules.mayEdit(.proposed, isAuthor: true) && !InitiativeRules.mayEdit(.takenUp, isAuthor: true))
        #expect(InitiativeRules.mayPropose(.inGroup, isAuthor: true) && !InitiativeRules.mayPropose(.proposed, isAuthor: true))
    }

    @Test("the draft: one heading per section, empty ones left out; the summary is the first sentence")
    func draft() {
        let fields = InitiativeRules.Fields(title: "T", what: "Un modèle de protocole. Puis une formation.\nEnsuite…", place: "",
                                            contact: "Le CDG", outcome: "Six signés.")
        #expect(InitiativeRules.sheetMarkdown(fields) == "## Ce qui a été fait\n\nUn modèle de protocole. Puis une formation.\nEnsuite…\n\n"
                + "## Qui contacter\n\nLe CDG\n\n## Ce qui en est ressorti\n\nSix signés.")
        #expect(InitiativeRules.sheetSummary(fields) == "Un modèle de protocole.")
    }
}
