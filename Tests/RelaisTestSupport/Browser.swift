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
        return Page(status: response.status, headers: response.headers, body: text)
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
