import RelaisCore
import Testing

@Suite("Search query tokeniser")
struct SearchQueryTests {
    @Test("folds accents and case, and searches every word as a word start")
    func folding() {
        let query = SearchQuery("Congé SPÉcial")
        #expect(query.words == ["conge", "special"])
        #expect(query.matchExpression == #""conge"* "special"*"#)
    }

    @Test("drops elided articles but keeps a lone letter")
    func elisions() {
        #expect(SearchQuery("l’entretien d'effet").words == ["entretien", "effet"])
        #expect(SearchQuery("a").words == ["a"])
    }

    @Test("query-language characters are only separators", arguments: [
        #""congé"#, #"conge" OR "x"#, "NEAR(conge special)", "conge*", "^conge", "title:conge", "(conge) -special",
        "conge AND NOT special", "\u{0000}conge\u{FFFD}", "conge 🙂 spécial", "{conge}", "conge+special",
    ])
    func operators(input: String) {
        let query = SearchQuery(input)
        #expect(query.words.contains("conge"), "\(input)")
        for word in query.words {
            #expect(word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || $0.properties.numericType != nil }, "\(word)")
        }
        // Every word is quoted and followed by a star; nothing else reaches FTS5.
        #expect(query.matchExpression.split(separator: " ").allSatisfy { $0.hasPrefix("\"") && $0.hasSuffix("\"*") })
    }

    @Test("input with no word is empty, and is never sent to the index", arguments: ["", "   ", #"""#, "\"\"\"", "*", "()", "🙂🙂", "-:^"])
    func empty(input: String) {
        #expect(SearchQuery(input).isEmpty)
        #expect(SearchQuery(input).matchExpression == "")
    }

    @Test("huge input is cut: bounded text, words and word length")
    func bounds() {
        let query = SearchQuery(String(repeating: "abcdefghij ", count: 500) + String(repeating: "x", count: 5_000))
        #expect(query.text.count == SearchQuery.maxCharacters)
        let many = SearchQuery((1...30).map { "mot\($0)" }.joined(separator: " "))
        #expect(many.words.count == SearchQuery.maxWords)
        #expect(SearchQuery(String(repeating: "y", count: 150)).words == [String(repeating: "y", count: SearchQuery.maxWordLength)])
    }

    @Test("repeated words are searched once")
    func repeats() {
        #expect(SearchQuery("conge Congé CONGE special").words == ["conge", "special"])
    }
}
