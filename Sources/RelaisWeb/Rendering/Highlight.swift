import RelaisStore

/// Search excerpts as HTML: the stored text is escaped first, then only the marks FTS5 placed
/// around matched words become `<mark>` elements. Whatever the stored text holds (`<script>`, a
/// stray mark character), what comes out is escaped text and balanced `<mark>` pairs.
enum Highlight {
    static func html(_ marked: String) -> String {
        let start = AppDatabase.SearchHit.markStart.unicodeScalars.first, end = AppDatabase.SearchHit.markEnd.unicodeScalars.first
        var out = "", text = ""
        var open = false
        func flush() {
            out += HTML.escape(text)
            text = ""
        }
        for scalar in marked.unicodeScalars {
            if scalar == start {
                if !open {
                    flush()
                    out += "<mark>"
                    open = true
                }
            } else if scalar == end {
                if open {
                    flush()
                    out += "</mark>"
                    open = false
                }
            } else {
                text.unicodeScalars.append(scalar)
            }
        }
        flush()
        if open { out += "</mark>" }
        return out
    }
}
