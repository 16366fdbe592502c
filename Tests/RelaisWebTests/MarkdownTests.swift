@testable import RelaisUseCases
@testable import RelaisWeb
import Testing

@Suite("Fact-sheet Markdown")
struct MarkdownTests {
    @Test("renders headings, lists, emphasis and safe links")
    func rendersMarkdown() {
        let html = Markdown.html("## Ce qui se passe\n\n- **un** point\n- [la fiche](/vademecum/conge-special)\n")
        #expect(html.contains("<h2>Ce qui se passe</h2>"))
        #expect(html.contains("<strong>un</strong>"))
        #expect(html.contains("<a href=\"/vademecum/conge-special\">la fiche</a>"))
    }

    @Test("never lets raw HTML or script through", arguments: [
        "<script>alert(1)</script>",
        "Texte <img src=x onerror=alert(1)> suite",
        "<div onclick=\"alert(1)\">clic</div>",
        "<a href=\"javascript:alert(1)\">lien</a>",
    ])
    func escapesHTML(markdown: String) {
        let html = Markdown.html(markdown)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(!html.contains("<div"))
        #expect(!html.contains("<a href=\"javascript"))
        #expect(html.contains("&lt;"))
    }

    @Test("drops links to dangerous schemes but keeps their text", arguments: [
        "[clic](javascript:alert(1))", "[clic](data:text/html;base64,xx)", "[clic](//evil.example/x)", "[clic](vbscript:x)",
    ])
    func dropsUnsafeLinks(markdown: String) {
        let html = Markdown.html(markdown)
        #expect(!html.contains("href"))
        #expect(html.contains("clic"))
    }
}
