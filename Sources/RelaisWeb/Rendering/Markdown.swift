import Ink
import RelaisCore
import RelaisUseCases

/// Turns the Markdown of a fact sheet into HTML that is safe to insert raw in a page.
///
/// Markdown allows raw HTML, and fact sheets are edited by people: every `<` typed is kept as text,
/// every `"` is written `&quot;` (Ink copies a link's address into `href="…"` as it is, so a quote
/// in an address would close the attribute and open another), and links may only point to
/// http(s), mail or a path of the site. What comes out is HTML that Relais itself produced, which is
/// why templates may insert it unescaped. Editors' previews and public pages both come through here.
enum Markdown {
    /// Private-use characters Ink never produces, standing for a `<` and a `"` typed by the author.
    private static let lessThan = "\u{E000}"
    private static let quote = "\u{E001}"

    static func html(_ markdown: String) -> String {
        var parser = MarkdownParser()
        parser.addModifier(Modifier(target: .links) { input in
            guard let href = Self.href(in: input.html), !isSafe(href) else { return input.html }
            // Keep the link text, drop the link.
            return Self.innerText(of: input.html)
        })
        parser.addModifier(Modifier(target: .images) { _ in "" })
        let shielded = markdown
            .replacingOccurrences(of: lessThan, with: "").replacingOccurrences(of: quote, with: "")
            .replacingOccurrences(of: "<", with: lessThan).replacingOccurrences(of: "\"", with: quote)
        return parser.html(from: shielded).replacingOccurrences(of: lessThan, with: "&lt;").replacingOccurrences(of: quote, with: "&quot;")
    }

    /// A fact sheet's body as readers see it, and as the editor's preview shows it.
    static func sheetHTML(_ markdown: String) -> String {
        markingChecks(html(markdown))
    }

    /// The « à vérifier » marks of a sheet made visible: each occurrence in the text (never inside a
    /// tag) is wrapped in `<strong class="check-mark">`, which shows on screen and on paper.
    static func markingChecks(_ html: String) -> String {
        let marks = [Array("à vérifier".utf8), Array("À vérifier".utf8)]
        let bytes = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + 256)
        var insideTag = false
        var index = 0
        scan: while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") { insideTag = true } else if byte == UInt8(ascii: ">") { insideTag = false }
            if !insideTag {
                for mark in marks where bytes[index...].starts(with: mark) {
                    out += Array("<strong class=\"check-mark\">".utf8) + mark + Array("</strong>".utf8)
                    index += mark.count
                    continue scan
                }
            }
            out.append(byte)
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isSafe(_ href: String) -> Bool {
        let lowered = href.lowercased()
        if lowered.hasPrefix("https://") || lowered.hasPrefix("http://") || lowered.hasPrefix("mailto:") { return true }
        // A path of the site or an anchor, never a scheme ("javascript:") nor a protocol-relative URL.
        return (lowered.hasPrefix("/") && !lowered.hasPrefix("//")) || lowered.hasPrefix("#")
    }

    private static func href(in html: String) -> String? {
        guard let start = html.range(of: "href=\"") else { return nil }
        let rest = html[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }

    private static func innerText(of html: String) -> String {
        guard let open = html.firstIndex(of: ">"), let close = html.range(of: "</a>", options: .backwards) else { return "" }
        return String(html[html.index(after: open)..<close.lowerBound])
    }
}
