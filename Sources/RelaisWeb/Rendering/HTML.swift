/// HTML text escaping for the few fragments Relais builds itself (the map, search excerpts) instead
/// of leaving them to Mustache.
enum HTML {
    /// `text` with `& < > " '` escaped: safe inside an element and inside a quoted attribute.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.unicodeScalars.append(character)
            }
        }
        return result
    }
}
