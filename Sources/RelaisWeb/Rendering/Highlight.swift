import RelaisCore
import RelaisStore
import RelaisUseCases

/// Search excerpts as HTML: the stored text is escaped first, then only the marks FTS5 placed
/// around matched words become `<mark>` elements. Whatever the stored text holds (`<script>`, a
/// stray mark character), what comes out is escaped text and balanced `<mark>` pairs.
enum Highlight {
    static func html(_ marked: String) -> String {
        // One pass over the UTF-8 bytes: U+E001 and U+E002 are `EE 80 81` and `EE 80 82`, and in
        // valid UTF-8 those bytes can be nothing else.
        var text = marked
        return text.withUTF8 { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count + 64)
            var open = false
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0xEE, index + 2 < bytes.count, bytes[index + 1] == 0x80, bytes[index + 2] == 0x81 || bytes[index + 2] == 0x82 {
                    // Only a mark that opens when closed, or closes when open, counts; a stray one is dropped.
                    let isStart = bytes[index + 2] == 0x81
                    if isStart, !open {
                        out += Self.markOpen
                        open = true
                    } else if !isStart, open {
                        out += Self.markClose
                        open = false
                    }
                    index += 3
                    continue
                }
                switch byte {
                case UInt8(ascii: "&"): out += Self.amp
                case UInt8(ascii: "<"): out += Self.lt
                case UInt8(ascii: ">"): out += Self.gt
                case UInt8(ascii: "\""): out += Self.quot
                case UInt8(ascii: "'"): out += Self.apos
                default: out.append(byte)
                }
                index += 1
            }
            if open { out += Self.markClose }
            return String(decoding: out, as: UTF8.self)
        }
    }

    // What `HTML.escape` writes, and the marks.
    private static let amp = Array("&amp;".utf8), lt = Array("&lt;".utf8), gt = Array("&gt;".utf8)
    private static let quot = Array("&quot;".utf8), apos = Array("&#39;".utf8)
    private static let markOpen = Array("<mark>".utf8), markClose = Array("</mark>".utf8)
}
