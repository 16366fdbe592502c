/// A term that staff want searched as another one too: « burn-out » also finds « épuisement ».
///
/// Directors type their own words for what the fact sheets name in the statute's words; staff keep a
/// list of such pairs (`/equipe/synonymes`). A search whose words contain a term looks for the term
/// or any of its expansions (`SearchQuery.matchExpression(expansions:)`), one level deep: an
/// expansion is not expanded again.
public enum SearchSynonym {
    /// Longer text is refused: a synonym is a word or a short expression.
    public static let maxCharacters = 80
    /// A term longer than this could never be typed as part of a query's `SearchQuery.maxWords`.
    public static let maxTermWords = 4
    public static let maxExpansionWords = 6
    /// The alternatives one term brings to a query, at most: bounds the work of a search.
    public static let maxExpansionsPerTerm = 12

    /// The two fields staff fill in.
    public enum Field: Sendable, Equatable {
        case term, expansion
    }

    /// The term as the query tokeniser reads it (folded, one-letter words dropped when others
    /// remain), its words joined by a space: what a run of a query's words is compared with.
    /// « Burn-out » → `burn out`.
    public static func termKey(_ term: String) -> String {
        SearchQuery(term).words.joined(separator: " ")
    }

    /// Every folded word of the expansion, in order, joined by a space: it is searched as a phrase,
    /// so « fin de fonctions » keeps its « de ». « Mis à l’écart » → `mis a l ecart`.
    public static func expansionKey(_ expansion: String) -> String {
        SearchQuery.allWords(of: expansion).joined(separator: " ")
    }

    /// What is wrong with a pair typed by staff, in French, field by field; empty when it can be
    /// saved. Both values are expected trimmed.
    public static func problems(term: String, expansion: String) -> [(field: Field, message: String)] {
        var problems: [(field: Field, message: String)] = []
        if let problem = problem(with: term, example: "burn-out", maxWords: maxTermWords, key: termKey) {
            problems.append((.term, problem))
        }
        if let problem = problem(with: expansion, example: "épuisement", maxWords: maxExpansionWords, key: expansionKey) {
            problems.append((.expansion, problem))
        }
        if problems.isEmpty, termKey(term) == expansionKey(expansion) {
            problems.append((.expansion, "Le terme et ce qu’il doit aussi chercher sont identiques (accents et majuscules ne comptent pas)\u{202F}: indiquez un autre mot."))
        }
        return problems
    }

    private static func problem(with value: String, example: String, maxWords: Int, key: (String) -> String) -> String? {
        if value.isEmpty {
            return "Indiquez un mot ou une courte expression, par exemple «\u{00A0}\(example)\u{00A0}»."
        }
        if value.count > maxCharacters {
            return "Ce texte est trop long\u{202F}: \(maxCharacters) caractères au plus (il en compte \(value.count))."
        }
        if value.unicodeScalars.contains(where: isControlOrInvisible) {
            return "Ce texte contient un caractère invisible ou de contrôle (tabulation, saut de ligne, caractère de mise en forme)\u{202F}: retapez-le."
        }
        if value.contains("<") || value.contains(">") {
            return "Écrivez le texte sans balise HTML\u{202F}: les signes «\u{00A0}<\u{00A0}» et «\u{00A0}>\u{00A0}» ne sont pas acceptés."
        }
        let words = key(value).split(separator: " ")
        if words.isEmpty {
            return "Ce texte ne contient aucun mot\u{202F}: indiquez au moins une lettre ou un chiffre."
        }
        if words.count > maxWords {
            return "Ce texte compte trop de mots\u{202F}: \(maxWords) au plus."
        }
        return nil
    }

    /// Control characters (C0, DEL, C1), line and paragraph separators, and the invisible format
    /// characters (zero-width spaces, bidirectional overrides): nothing a person means to type in a
    /// word, and some would make the list read differently from what is stored.
    static func isControlOrInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }
}

extension SearchQuery {
    /// The keys of every run of 1 to `SearchSynonym.maxTermWords` consecutive words of the query:
    /// the terms whose expansions may apply.
    public var synonymCandidates: [String] {
        var keys: [String] = []
        for start in words.indices {
            for length in 1...min(SearchSynonym.maxTermWords, words.count - start) {
                let key = words[start..<start + length].joined(separator: " ")
                if !keys.contains(key) { keys.append(key) }
            }
        }
        return keys
    }

    /// The FTS5 query with synonyms: a run of words that is a term (the longest first) matches the
    /// term's words or any expansion of it, each expansion as a phrase whose last word is a word
    /// start; the other words stay as in `matchExpression`. `expansions` maps a term key to the
    /// expansion keys (`SearchSynonym`), whose words hold only letters and digits. The parts are
    /// joined by an explicit `AND`: FTS5 refuses an implicit one after a parenthesis.
    ///
    /// « burn-out 2026 » with `burn out` → `epuisement`:
    /// `(("burn"* "out"*) OR "epuisement"*) AND "2026"*`.
    public func matchExpression(expansions: [String: [String]]) -> String {
        match(expansions: expansions).expression
    }

    /// The same query as a tree: what `matchExpression(expansions:)` writes for FTS5, and what the
    /// search kept in memory (`SearchIndex` in RelaisStore) evaluates, phrase for phrase in the
    /// same order.
    public func match(expansions: [String: [String]]) -> SearchMatch {
        var parts: [SearchMatch] = []
        var index = words.startIndex
        while index < words.endIndex {
            var matched = false
            for length in stride(from: min(SearchSynonym.maxTermWords, words.endIndex - index), through: 1, by: -1) {
                let run = words[index..<index + length]
                var phrases: [String] = []
                for expansion in expansions[run.joined(separator: " ")] ?? [] {
                    let phrase = Self.allWords(of: expansion).joined(separator: " ")
                    if !phrase.isEmpty, !phrases.contains(phrase), phrases.count < SearchSynonym.maxExpansionsPerTerm {
                        phrases.append(phrase)
                    }
                }
                guard !phrases.isEmpty else { continue }
                parts.append(.any([.all(run.map(SearchMatch.wordStart))] + phrases.map(SearchMatch.wordStart)))
                index += length
                matched = true
                break
            }
            if !matched {
                parts.append(.wordStart(words[index]))
                index += 1
            }
        }
        return .all(parts)
    }
}

/// A search query as FTS5 reads it: phrases whose last word is a word start, all of which or any of
/// which must match. Built by `SearchQuery.match(expansions:)`.
public indirect enum SearchMatch: Sendable, Equatable {
    /// Words separated by a space, in this order, the last one as a word start: `"mis a l ecart"*`.
    case wordStart(String)
    case all([SearchMatch])
    case any([SearchMatch])

    /// The phrases, left to right: FTS5 numbers them in this order (its `xInst` and `bm25`).
    public var phrases: [String] {
        switch self {
        case .wordStart(let words): [words]
        case .all(let parts), .any(let parts): parts.flatMap(\.phrases)
        }
    }

    /// The FTS5 expression. At the top, the parts are joined by a space (implicit `AND`) unless one
    /// is an alternative: FTS5 then wants an explicit `AND`. Inside an alternative, a group of
    /// words is bracketed.
    public var expression: String {
        switch self {
        case .wordStart(let words):
            SearchQuery.wordStart(words)
        case .all(let parts):
            parts.map(\.nested).joined(separator: parts.contains(where: \.isAlternative) ? " AND " : " ")
        case .any:
            nested
        }
    }

    private var nested: String {
        switch self {
        case .wordStart(let words): SearchQuery.wordStart(words)
        case .all(let parts): "(" + parts.map(\.nested).joined(separator: " ") + ")"
        case .any(let parts): "(" + parts.map(\.nested).joined(separator: " OR ") + ")"
        }
    }

    private var isAlternative: Bool {
        if case .any = self { true } else { false }
    }
}
