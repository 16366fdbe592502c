import RelaisCore
import RelaisStore
import RelaisUseCases

/// Search excerpts as HTML: the stored text is escaped first, then only the marks FTS5 placed
/// around matched words become `<mark>` elements. Whatever the stored text holds (`<script>`, a
/// stray mark character), what comes out is escaped text and balanced `<mark>` pairs.
enum Highlight {
    static func html(_ marked: String) -> String {
        let start = AppDatabase.SearchHit.markStart.unicodeScalars.first!, end = AppDatabase.SearchHit.markEnd.unicodeScalars.first!
        let scalars = marked.unicodeScalars
        var out = ""
        out.reserveCapacity(marked.utf8.count + 64)
        var open = false
        var segmentStart = scalars.startIndex
        var index = scalars.startIndex
        while index < scalars.endIndex {
            let scalar = scalars[index]
            if scalar == start || scalar == end {
                out += HTML.escape(String(scalars[segmentStart..<index]))
                // Only a mark that opens when closed, or closes when open, counts; a stray one is dropped.
                if scalar == start, !open {
                    out += "<mark>"
                    open = true
                } else if scalar == end, open {
                    out += "</mark>"
                    open = false
                }
                segmentStart = scalars.index(after: index)
            }
            index = scalars.index(after: index)
        }
        out += HTML.escape(String(scalars[segmentStart..<scalars.endIndex]))
        if open { out += "</mark>" }
        return out
    }
}
