import Foundation

/// Text helpers shared by search, seeds and validation.
public enum Text {
    /// Lower-cased, without diacritics, apostrophes and hyphens turned into spaces: the form used to
    /// compare names typed by people ("saint-etienne" finds "Saint-Étienne").
    public static func folded(_ value: String) -> String {
        let lowered = value.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
        var result = ""
        result.reserveCapacity(lowered.utf8.count)
        var lastWasSpace = true
        for scalar in lowered.unicodeScalars {
            let isSeparator = scalar == "-" || scalar == "'" || scalar == "’" || scalar == " " || scalar == "\u{00A0}" || scalar == "\t"
            if isSeparator {
                if !lastWasSpace { result.append(" ") }
                lastWasSpace = true
            } else {
                result.unicodeScalars.append(scalar)
                lastWasSpace = false
            }
        }
        if result.hasSuffix(" ") { result.removeLast() }
        return result
    }

    /// `value` with its straight apostrophes as typographic ones (« Côte-d’Or »).
    public static func typographicApostrophes(_ value: String) -> String {
        value.replacingOccurrences(of: "'", with: "’")
    }

    /// `value` with a narrow no-break space (U+202F) instead of the plain space before ; : ? and !,
    /// for text that comes from files written without French typography.
    public static func frenchSpacing(_ value: String) -> String {
        var result = value
        for mark in [";", ":", "?", "!"] { result = result.replacingOccurrences(of: " " + mark, with: "\u{202F}" + mark) }
        return result
    }

    /// Whether a slug is made only of lower-case ASCII letters, digits and single hyphens.
    public static func isSlug(_ value: String) -> Bool {
        guard !value.isEmpty, value.count <= 120, !value.hasPrefix("-"), !value.hasSuffix("-") else { return false }
        var previous: Character = " "
        for character in value {
            let allowed = ("a"..."z").contains(character) || ("0"..."9").contains(character) || character == "-"
            if !allowed { return false }
            if character == "-" && previous == "-" { return false }
            previous = character
        }
        return true
    }
}
