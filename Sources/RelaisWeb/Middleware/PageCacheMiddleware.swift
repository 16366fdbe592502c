import Foundation
import HTTPTypes
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Serves the routes of its group from `PageCache` for visitors without a session.
///
/// Only a visitor with no session at all is served or stored: a signed-in person's page carries
/// their name and a CSRF token, and a session may start during the request (a page with a form),
/// which the check after rendering catches. Only `200` answers without cookies are stored. The
/// headers stored are those the handler set; the outer middleware (security headers, cookies,
/// error pages) run on a cached answer exactly as on a fresh one.
struct PageCacheMiddleware: RouterMiddleware {
    typealias Context = RelaisRequestContext

    /// How a query string is treated.
    enum Queries: Sendable {
        /// Part of the key: the routes read non-personal filters from it (partners).
        case key
        /// A request with a query bypasses the cache. For routes that ignore the query (random
        /// queries cannot then fill the cache) or whose query is personal (the parcours answers,
        /// which Relais keeps nowhere for an anonymous visitor).
        case bypass
    }

    let cache: PageCache
    let generation: ContentGeneration
    let clock: @Sendable () -> Date
    let queries: Queries

    /// Longer addresses are served fresh, not stored.
    static let maxKeyLength = 300

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let query = request.uri.query ?? ""
        guard request.method == .get, context.sessions?.current == nil,
              queries == .key || query.isEmpty else {
            return try await next(request, context)
        }
        let key = query.isEmpty ? request.uri.path : request.uri.path + "?" + query
        guard key.utf8.count <= Self.maxKeyLength else { return try await next(request, context) }
        let epoch = PageCache.Epoch(generation: try await generation.current(), day: Day(clock()))
        if let page = cache.page(for: key, epoch: epoch) {
            return Response(status: .ok, headers: page.headers, body: ResponseBody(byteBuffer: page.body))
        }
        let response = try await next(request, context)
        guard response.status == .ok, context.sessions?.current == nil, response.headers[.setCookie] == nil,
              let length = response.body.contentLength, length <= cache.maxPageBytes else {
            return response
        }
        let collector = Collector()
        try await response.body.write(collector)
        let body = collector.buffer
        cache.store(PageCache.Page(headers: response.headers, body: body), for: key, epoch: epoch)
        return Response(status: response.status, headers: response.headers, body: ResponseBody(byteBuffer: body))
    }

    /// Gathers a response body written by its producer.
    private final class Collector: ResponseBodyWriter {
        var buffer = ByteBuffer()

        func write(_ buffer: ByteBuffer) async throws {
            var buffer = buffer
            self.buffer.writeBuffer(&buffer)
        }

        func finish(_ trailingHeaders: HTTPFields?) async throws {}
    }
}
