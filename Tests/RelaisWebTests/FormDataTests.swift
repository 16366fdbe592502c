@testable import RelaisUseCases
@testable import RelaisWeb
import Testing

@Suite("Form decoding")
struct FormDataTests {
    @Test("plus signs and percent escapes decode to UTF-8 text", arguments: [
        ("a=b", "b"), ("a=un+deux", "un deux"), ("a=%41%62", "Ab"), ("a=%C3%A9t%C3%A9", "été"), ("a=%c3%a9", "é"),
        ("a=ligne%0D%0Asuite", "ligne\r\nsuite"), ("a=tab%09", "tab\t"), ("a=", ""), ("a", ""), ("a=%2B", "+"),
        ("a=d%C3%A9j%C3%A0+%E2%80%AF%3A", "déjà \u{202F}:"), ("a=%F0%9F%98%80", "😀"),
    ])
    func decodes(body: String, value: String) throws {
        #expect(try FormData(parsing: body).raw("a") == value)
    }

    @Test("incomplete escapes, invalid UTF-8 and control characters are refused", arguments: [
        "a=%", "a=%4", "a=%zz", "a=%4g", "a=%C3", "a=%E9t%E9", "a=%FF", "a=%00", "a=x%01", "a=%1B[31m", "%C3=b", "a=%ED%A0%80",
    ])
    func refuses(body: String) {
        #expect(throws: FormError.malformed) { try FormData(parsing: body) }
    }

    @Test("a field given twice is refused")
    func duplicates() {
        #expect(throws: FormError.duplicateField("a")) { try FormData(parsing: "a=1&b=2&a=3") }
    }
}
