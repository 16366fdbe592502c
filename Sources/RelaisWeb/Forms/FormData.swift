import Foundation
import Hummingbird
import RelaisCore
import RelaisUseCases

/// The fields of an `application/x-www-form-urlencoded` body, read strictly: valid UTF-8 only, at most
/// `FormData.maxBytes`, every field at most once. Whatever fails answers 400 or 413 with a French page;
/// nothing malformed reaches a controller.
struct FormData: Sendable {
    static let maxBytes = 1024 * 1024

    private var fields: [String: String]

    init(fields: [String: String]) {
        self.fields = fields
    }

    /// Parses `text` (the body, or a query string).
    init(parsing text: String) throws(FormError) {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), let value = Self.decode(parts.count > 1 ? parts[1] : "") else {
                throw .malformed
            }
            guard fields[name] == nil else { throw .duplicateField(name) }
            fields[name] = value
        }
        self.fields = fields
    }

    /// Reads the body of `request`, refusing what is too large or not a form.
    static func read(from request: Request, context: RelaisRequestContext) async throws -> FormData {
        let type = request.headers[.contentType]?.lowercased() ?? ""
        guard type.hasPrefix("application/x-www-form-urlencoded") else { throw FormError.notAForm }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBytes {
            throw FormError.tooLarge
        }
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: maxBytes)
        } catch {
            throw FormError.tooLarge
        }
        guard let text = String(validating: buffer.readableBytesView, as: UTF8.self) else { throw FormError.malformed }
        return try FormData(parsing: text)
    }

    /// `+` is a space; percent escapes must be complete and make valid UTF-8. One pass over the bytes.
    private static func decode(_ part: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(part.utf8.count)
        var input = part.utf8.makeIterator()
        while let byte = input.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = input.next().flatMap(hexValue), let low = input.next().flatMap(hexValue) else { return nil }
                bytes.append(high << 4 | low)
            default:
                bytes.append(byte)
            }
            // NUL and other C0 controls (but tab and line breaks) have nothing to do in a form.
            if let last = bytes.last, last < 0x20, last != 0x09, last != 0x0A, last != 0x0D { return nil }
        }
        return String(validating: bytes, as: UTF8.self)
    }

    /// The value of one hexadecimal digit of a percent escape (forms, and the search's lenient query).
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The trimmed value of a one-line field, or "" when absent. A browser sends no line break from
    /// an `<input>`; one that comes anyway (a tampered form) becomes a space, so it never reaches a
    /// name, a reference or a mail header.
    subscript(name: String) -> String {
        text(name).replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: .newlines).joined(separator: " ")
    }

    /// The trimmed value of a multi-line field (a `<textarea>`), line breaks kept, or "" when absent.
    func text(_ name: String) -> String {
        (fields[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The raw value of `name` (passwords keep their spaces).
    func raw(_ name: String) -> String? {
        fields[name]
    }

    func has(_ name: String) -> Bool {
        fields[name] != nil
    }
}

/// Why a form body was refused.
enum FormError: Error, HTTPResponseError, Equatable {
    case notAForm
    case malformed
    case duplicateField(String)
    case tooLarge

    var status: HTTPResponse.Status {
        self == .tooLarge ? .contentTooLarge : .badRequest
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(status: status)
    }
}
