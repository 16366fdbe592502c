import RelaisCore
import Testing

@Suite("Search synonyms: keys, expansion and the rules staff's input must follow")
struct SearchSynonymTests {
    @Test("a term is keyed by its folded words, an expansion by all of them (it is searched as a phrase)")
    func keys() {
        #expect(SearchSynonym.termKey("Burn-Out") == "burn out")
        #expect(SearchSynonym.termKey("burnout") == "burnout")
        #expect(SearchSynonym.termKey("l’épuisement") == "epuisement")
        #expect(SearchSynonym.expansionKey("Mis à l’écart") == "mis a l ecart")
        #expect(SearchSynonym.expansionKey("fin de fonctions") == "fin de fonctions")
    }

    @Test("a query's runs of up to four words are the candidate terms")
    func candidates() {
        #expect(SearchQuery("burn-out grave").synonymCandidates == ["burn", "burn out", "burn out grave", "out", "out grave", "grave"])
        #expect(SearchQuery("").synonymCandidates.isEmpty)
        let long = SearchQuery("a1 b2 c3 d4 e5 f6")
        #expect(long.synonymCandidates.allSatisfy { $0.split(separator: " ").count <= SearchSynonym.maxTermWords })
    }

    @Test("a term in the query matches itself or any expansion, as a phrase whose last word is a word start")
    func expansion() {
        let query = SearchQuery("Burn-out 2026")
        let expansions = ["burn out": ["epuisement", "souffrance au travail"]]
        #expect(query.matchExpression(expansions: expansions) == #"(("burn"* "out"*) OR "epuisement"* OR "souffrance au travail"*) AND "2026"*"#)
        // No synonym: the plain expression, unchanged.
        #expect(query.matchExpression(expansions: [:]) == query.matchExpression)
        #expect(query.matchExpression(expansions: ["autre": ["x"]]) == #""burn"* "out"* "2026"*"#)
    }

    @Test("the longest term wins, and an expansion is not expanded again")
    func longestFirst() {
        let query = SearchQuery("mise au placard")
        let expansions = ["placard": ["mis a l ecart"], "mise au placard": ["isolement"], "isolement": ["x"]]
        #expect(query.matchExpression(expansions: expansions) == #"(("mise"* "au"* "placard"*) OR "isolement"*)"#)
    }

    @Test("repeated or empty expansions are sent once, and their number is bounded")
    func bounded() {
        let many = (1...40).map { "mot\($0)" }
        let expression = SearchQuery("burnout").matchExpression(expansions: ["burnout": ["epuisement", "epuisement", ""] + many])
        #expect(expression.components(separatedBy: " OR ").count == 1 + SearchSynonym.maxExpansionsPerTerm)
        #expect(expression.components(separatedBy: "\"epuisement\"*").count == 2)
    }

    @Test("a sensible pair has no problem")
    func valid() {
        #expect(SearchSynonym.problems(term: "burn-out", expansion: "épuisement").isEmpty)
        #expect(SearchSynonym.problems(term: "mise au placard", expansion: "mis à l’écart").isEmpty)
    }

    @Test("empty, too long, HTML, control or invisible characters, no word, too many words, or the same word twice are refused", arguments: [
        ("", "épuisement", SearchSynonym.Field.term),
        ("burn-out", "", .expansion),
        (String(repeating: "a", count: 81), "épuisement", .term),
        ("<b>burn</b>", "épuisement", .term),
        ("burn-out", "épuisement>", .expansion),
        ("burn\tout", "épuisement", .term),
        ("burn\u{0}out", "épuisement", .term),
        ("burn\u{7F}out", "épuisement", .term),
        ("burn\u{85}out", "épuisement", .term),
        ("\u{202E}tuo-nrub", "épuisement", .term),
        ("burn\u{200B}out", "épuisement", .term),
        ("burn-out", "épuise\u{2028}ment", .expansion),
        ("?!", "épuisement", .term),
        ("un deux trois quatre cinq", "épuisement", .term),
        ("burn-out", "un deux trois quatre cinq six sept", .expansion),
        ("Épuisement", "epuisement", .expansion),
    ])
    func problems(term: String, expansion: String, field: SearchSynonym.Field) {
        let problems = SearchSynonym.problems(term: term, expansion: expansion)
        #expect(problems.first?.field == field)
        for problem in problems {
            #expect(!problem.message.isEmpty)
            #expect(problem.message.range(of: #" [:;?!]"#, options: .regularExpression) == nil, "French spacing: \(problem.message)")
        }
    }
}
