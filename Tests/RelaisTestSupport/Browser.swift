import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore

/// A browser's view of the app for tests: it keeps the session cookie, reads the CSRF token of the
/// last page, and follows nothing by itself, so each test sees every status and redirect.
public final class Browser: @unchecked Sendable {
    public let client: any TestClientProtocol
    /// The session cookie's value.
    public private(set) var cookie: String?
    /// The other cookies the app set (the visitor's form nonce, the known-device cookie), by name.
    public private(set) var otherCookies: [String: String] = [:]
    public private(set) var lastCSRF: String?
    /// Every Set-Cookie received, in order.
    public private(set) var setCookies: [String] = []

    /// Headers sent with every request (say, the `X-Forwarded-For` of a proxy).
    let extraHeaders: HTTPFields

    public init(_ client: any TestClientProtocol, headers: HTTPFields = [:]) {
        self.client = client
        self.extraHeaders = headers
    }

    public struct Page: Sendable {
        public let status: HTTPResponse.Status
        public let headers: HTTPFields
        public let body: String
        /// The body as bytes (a file downloaded).
        public let bytes: [UInt8]

        public var location: String? { headers[.location] }
    }

    @discardableResult
    public func get(_ uri: String) async throws -> Page {
        try await send(uri, method: .get, body: nil, contentType: nil)
    }

    /// Posts `fields`, adding the CSRF token of the last page unless `csrf` says otherwise.
    @discardableResult
    public func post(_ uri: String, _ fields: [(String, String)], csrf: String? = nil) async throws -> Page {
        var all = fields
        if let token = csrf ?? lastCSRF { all.append(("_csrf", token)) }
        let body = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await postRaw(uri, body: Array(body.utf8))
    }

    /// Posts bytes as they are (hostile bodies).
    @discardableResult
    public func postRaw(_ uri: String, body: [UInt8], contentType: String = "application/x-www-form-urlencoded") async throws -> Page {
        try await send(uri, method: .post, body: ByteBuffer(bytes: body), contentType: contentType)
    }

    /// A file of a `multipart/form-data` body.
    public struct FilePart: Sendable {
        public var name = "pieces"
        public var filename: String
        public var bytes: [UInt8]
        public var contentType = "application/octet-stream"

        public init(name: String = "pieces", filename: String, bytes: [UInt8], contentType: String = "application/octet-stream") {
            self.name = name
            self.filename = filename
            self.bytes = bytes
            self.contentType = contentType
        }
    }

    /// Posts a `multipart/form-data` body as a browser does: the CSRF token of the last page first
    /// (unless `csrf` is given, or `tokenFirst` is false), then `fields`, then `files`.
    @discardableResult
    public func postMultipart(_ uri: String, _ fields: [(String, String)], files: [FilePart], csrf: String? = nil,
                              tokenFirst: Bool = true) async throws -> Page {
        let boundary = "----RelaisTestBoundary7MA4YWxkTrZu0gW"
        var parts: [(String, String)] = fields
        if let token = csrf ?? lastCSRF {
            if tokenFirst { parts.insert(("_csrf", token), at: 0) } else { parts.append(("_csrf", token)) }
        }
        var body: [UInt8] = []
        func line(_ text: String) { body += Array((text + "\r\n").utf8) }
        for (name, value) in parts {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"\(name)\"")
            line("")
            line(value)
        }
        for file in files {
            line("--\(boundary)")
            line("Content-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"")
            line("Content-Type: \(file.contentType)")
            line("")
            body += file.bytes
            line("")
        }
        line("--\(boundary)--")
        return try await postRaw(uri, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Forgets the cookies (another browser, or a cleared one).
    public func forgetCookie() {
        cookie = nil
        otherCookies = [:]
    }

    /// Sets or removes (nil) a cookie other than the session's.
    public func setOtherCookie(_ name: String, _ value: String?) {
        otherCookies[name] = value
    }

    public func setCookie(_ value: String?) {
        cookie = value
    }

    private func send(_ uri: String, method: HTTPRequest.Method, body: ByteBuffer?, contentType: String?) async throws -> Page {
        var headers = extraHeaders
        let jar = (cookie.map { ["relais_session=\($0)"] } ?? []) + otherCookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        if !jar.isEmpty { headers[.cookie] = jar.joined(separator: "; ") }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        for field in response.headers[values: .setCookie] {
            setCookies.append(field)
            let pair = field.prefix { $0 != ";" }
            guard let equals = pair.firstIndex(of: "=") else { continue }
            let name = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            if name == "relais_session" {
                cookie = value.isEmpty ? nil : value
            } else {
                otherCookies[name] = value.isEmpty ? nil : value
            }
        }
        let text = String(buffer: response.body)
        if let token = Self.csrf(in: text) { lastCSRF = token }
        return Page(status: response.status, headers: response.headers, body: text, bytes: Array(response.body.readableBytesView))
    }

    static func csrf(in html: String) -> String? {
        guard let range = html.range(of: "name=\"_csrf\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
