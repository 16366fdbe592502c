import Foundation
import Hummingbird
import NIOCore
import RelaisCore
import RelaisUseCases

/// Serves the files of `Public/`, read once at start-up, by exact path only. A request is served
/// when its path is, byte for byte, one of those files: no decoding, no directory listing or
/// redirect, so `%00`, `..` or `//` tricks find nothing to serve and fall through to a 404. Each
/// file has the type of its own extension, with an ETag for revalidation.
struct PublicFilesMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext

    struct File: Sendable {
        let body: ByteBuffer
        let contentType: String
        let etag: String
        let cacheControl: String
    }

    let files: [String: File]

    /// The types of the files Relais ships; any other file is not served.
    static let types: [String: (type: String, maxAge: Int)] = [
        "css": ("text/css; charset=utf-8", 3600), "js": ("text/javascript; charset=utf-8", 3600),
        "svg": ("image/svg+xml", 86400), "png": ("image/png", 86400), "ico": ("image/x-icon", 86400),
        "woff2": ("font/woff2", 86400), "txt": ("text/plain; charset=utf-8", 3600),
    ]

    /// `generated` adds files made at start-up, by path, each with its type: their paths carry a
    /// digest of their content, so browsers keep them for a year without asking again.
    init(folder: String, generated: [String: (body: String, contentType: String)] = [:]) throws {
        let root = URL(fileURLWithPath: folder, isDirectory: true).standardizedFileURL
        var files: [String: File] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey])
        while let url = enumerator?.nextObject() as? URL {
            let values = try url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            guard values.isRegularFile == true, values.isSymbolicLink != true,
                  let kind = Self.types[url.pathExtension.lowercased()] else { continue }
            let relative = url.standardizedFileURL.path.dropFirst(root.path.count)
            guard relative.hasPrefix("/"), relative.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "%") }) else { continue }
            let data = try Data(contentsOf: url)
            files[String(relative)] = File(
                body: ByteBuffer(bytes: data), contentType: kind.type,
                etag: "\"" + SecretDigest.digest(Array(data)).prefix(8).map { String(format: "%02x", $0) }.joined() + "\"",
                cacheControl: "public, max-age=\(kind.maxAge)"
            )
        }
        guard !files.isEmpty else { throw StartupError("no static file found in \(folder) (RELAIS_PUBLIC)") }
        for (path, file) in generated {
            let bytes = Array(file.body.utf8)
            files[path] = File(
                body: ByteBuffer(bytes: bytes), contentType: file.contentType,
                etag: "\"" + SecretDigest.digest(bytes).prefix(8).map { String(format: "%02x", $0) }.joined() + "\"",
                cacheControl: "public, max-age=31536000, immutable"
            )
        }
        self.files = files
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .get || request.method == .head, let file = files[request.uri.path] else {
            return try await next(request, context)
        }
        var headers: HTTPFields = [.contentType: file.contentType, .eTag: file.etag, .cacheControl: file.cacheControl]
        if request.headers[.ifNoneMatch] == file.etag {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentLength] = String(file.body.readableBytes)
        return Response(status: .ok, headers: headers, body: request.method == .head ? .init() : .init(byteBuffer: file.body))
    }
}
