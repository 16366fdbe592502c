import Hummingbird
import NIOCore

/// A CSV file for spreadsheets: `;`-free RFC 4180 with a BOM so Excel reads UTF-8, every field
/// quoted, and cells that a spreadsheet would run as a formula defused with a leading quote.
struct CSV {
    private var lines: [String]

    init(header: [String]) {
        lines = [Self.line(header)]
    }

    mutating func append(_ fields: [String]) {
        lines.append(Self.line(fields))
    }

    static func line(_ fields: [String]) -> String {
        fields.map { field in
            var value = field
            if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    func response(filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: .init(byteBuffer: ByteBuffer(string: "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"))
        )
    }
}
