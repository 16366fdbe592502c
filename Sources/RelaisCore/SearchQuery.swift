/// What a visitor typed in the search box, turned into words to look for.
///
/// The text is never handed to SQLite's query language: quotes, `AND`, `NEAR(`, `*`, `^`, `:` or
/// brackets are only separators or plain words here. Each word is folded like the index folds
/// (case and accents), quoted, and searched as a word start, so "conge spe" finds « congé spécial ».
public struct SearchQuery: Sendable, Equatable {
    /// Longer input is cut: nobody types more, and it bounds the work of a request.
    public static let maxCharacters = 200
    public static let maxWords = 8
    public static let maxWordLength = 40

    /// The input as it is shown back in the search box (cut to `maxCharacters`, trimmed).
    public let text: String
    /// Folded words, in order, without repeats.
    public let words: [String]

    public init(_ input: String) {
        let text = String(input.prefix(Self.maxCharacters)).trimmingCharacters()
        self.text = text
        var words: [String] = []
        for word in Self.allWords(of: text) where !words.contains(word) && words.count < Self.maxWords {
            words.append(word)
        }
        // "l’entretien", "d’effet": an elided article says nothing and, as a word start, would match
        // half the words of the language. A one-letter word alone is kept: it is all there is.
        let meaningful = words.filter { $0.count > 1 }
        self.words = meaningful.isEmpty ? words : meaningful
    }

    public var isEmpty: Bool { words.isEmpty }

    /// The FTS5 query: every word, quoted, as a word start; all of them must appear.
    /// `"conge"* "spe"*`. Words hold letters and digits only, so the quotes cannot be broken.
    public var matchExpression: String {
        words.map(Self.wordStart).joined(separator: " ")
    }

    /// `"conge"*`: a quoted word (or phrase) whose last word is a word start.
    static func wordStart(_ words: String) -> String {
        "\"\(words.replacingQuotes())\"*"
    }

    /// Every word of `text`, folded like the index folds it (case and accents), cut to
    /// `maxWordLength`, in order, repeats and one-letter words kept: the tokens FTS5 sees.
    public static func allWords(of text: String) -> [String] {
        var words: [String] = []
        var current = ""
        func flush() {
            if !current.isEmpty { words.append(String(current.prefix(maxWordLength))) }
            current = ""
        }
        for scalar in Text.folded(text).unicodeScalars {
            if isWordCharacter(scalar) {
                current.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return words
    }

    /// Letters and digits, as SQLite's `unicode61` tokenizer counts them (Unicode L* and N*);
    /// everything else separates words.
    static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            true
        default:
            false
        }
    }
}

private extension String {
    func trimmingCharacters() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }

    func replacingQuotes() -> String {
        var result = ""
        for character in self {
            result.append(character)
            if character == "\"" { result.append("\"") }
        }
        return result
    }
}
