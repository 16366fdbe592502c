import Foundation

/// Text helpers shared by search, seeds and validation.
public enum Text {
    /// Lower-cased, without diacritics, apostrophes and hyphens turned into spaces: the form used to
    /// compare names typed by people ("saint-etienne" finds "Saint-Étienne").
    public static func folded(_ value: String) -> String {
        let lowered = caseAndAccentFolded(value)
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

    /// Foundation's case and diacritic folding (French locale). Text that is all ASCII, most of what
    /// is typed in the search box, is only lower-cased: Foundation's folding does nothing else to it
    /// (a test compares the two on every ASCII character), and it costs a tenth of a search.
    static func caseAndAccentFolded(_ value: String) -> String {
        guard value.utf8.allSatisfy({ $0 < 0x80 }) else {
            return value.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "fr_FR"))
        }
        guard value.utf8.contains(where: { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") }) else { return value }
        return String(decoding: value.utf8.map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }, as: UTF8.self)
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

    /// `value` percent-encoded for a query string: RFC 3986's unreserved characters stay as they are
    /// (so do Foundation's other alphanumerics, as `addingPercentEncoding` with `.alphanumerics`
    /// plus `-._~` leaves them), everything else is `%XX` in upper-case hex.
    ///
    /// The query values Relais writes are ASCII (codes, dates, tokens, slugs): those are encoded here
    /// byte by byte, which costs a fraction of building a `CharacterSet` for each link; anything
    /// else goes through Foundation, so the output is the same either way.
    public static func queryEncoded(_ value: String) -> String {
        var ascii = true
        var clean = true
        for byte in value.utf8 {
            if byte >= 0x80 { ascii = false; break }
            if !isUnreserved(byte) { clean = false }
        }
        guard ascii else { return value.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? "" }
        if clean { return value }
        let hex = Array("0123456789ABCDEF".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(value.utf8.count * 3)
        for byte in value.utf8 {
            if isUnreserved(byte) {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The characters `queryEncoded` keeps, for its non-ASCII path.
    private static let queryAllowed: CharacterSet = {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    /// `value` without the white space (`CharacterSet.whitespaces`) at either end. Values that start
    /// and end with a visible ASCII character, nearly all of them, are returned without Foundation.
    public static func trimmedSpaces(_ value: String) -> String {
        if let first = value.utf8.first, let last = value.utf8.last,
           first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return value
        }
        return value.trimmingCharacters(in: .whitespaces)
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
