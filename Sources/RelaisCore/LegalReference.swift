import Foundation

/// A legal reference as written on a fact sheet ("CGFP, art. L544-1", "CJA, art. R421-1",
/// "CGFP, art. L544-11 à L544-16"), and the link to its official text on Légifrance.
///
/// The link is built from the code and the article number alone, with no call to Légifrance: an
/// article's permanent identifier (LEGIARTI…) cannot be derived from its number, so the link opens
/// Légifrance's search for that article number inside that code. Case law and decrees get no link:
/// their official pages need identifiers the sheets do not carry.
public struct LegalReference: Sendable, Equatable {
    /// The reference as the sheet writes it.
    public let text: String
    /// Légifrance's page for the article, when the reference names an article of a known code.
    public let officialURL: String?

    public init(_ text: String) {
        self.text = text
        officialURL = Self.parse(text).map { Self.legifranceURL(code: $0.code, article: $0.article) }
    }

    /// The codes Relais's sheets cite, by the abbreviation they use, with Légifrance's text identifier.
    public enum Code: String, Sendable, CaseIterable {
        case cgfp = "CGFP"
        case cja = "CJA"
        case crpa = "CRPA"

        /// Légifrance's identifier of the consolidated code.
        public var legifranceId: String {
            switch self {
            case .cgfp: "LEGITEXT000044416551"
            case .cja: "LEGITEXT000006070933"
            case .crpa: "LEGITEXT000031366350"
            }
        }
    }

    /// "CGFP, art. L544-11 à L544-16" → (.cgfp, "L544-11"): the first article of a range is the one
    /// linked, since a range has no page of its own.
    static func parse(_ text: String) -> (code: Code, article: String)? {
        let parts = text.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let code = Code(rawValue: parts[0]), parts[1].hasPrefix("art.") else { return nil }
        let article = parts[1].dropFirst("art.".count).drop(while: { $0 == " " || $0 == "\u{00A0}" })
            .prefix(while: { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
        guard let first = article.first, "LRD".contains(first), article.dropFirst().first?.isNumber == true else { return nil }
        return (code, String(article))
    }

    static func legifranceURL(code: Code, article: String) -> String {
        "https://www.legifrance.gouv.fr/search/code?tab_selection=code&searchField=NUM_ARTICLE&query=\(article)&typeRecherche=date&codes=\(code.legifranceId)"
    }
}
