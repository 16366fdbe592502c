import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// `/recherche?q=`: one search over fact sheets, situations, correspondents, partners and the
/// départements' directory pages, with the synonyms staff curate.
struct SearchController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.search, use: search)
    }

    /// The results, grouped by kind; a page of suggestions when the
    /// query is empty or nothing matches. Any input answers 200.
    @Sendable func search(request: Request, context: RelaisRequestContext) async throws -> Response {
        let query = SearchQuery(Self.value(of: "q", inQuery: request.uri.query) ?? "")
        let hits = try await parts.search.search(query)
        let situations = hits.isEmpty ? try await content.situations() : []
        let page = SearchPage(query: query, hits: hits, situations: situations, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }

    /// The first value of `name` in a raw query string, decoded as a browser's GET form encodes it
    /// (`+` is a space). Bad escapes stay as typed and bytes that are not UTF-8 become U+FFFD, so no
    /// input is refused.
    static func value(of name: String, inQuery query: String?) -> String? {
        guard let query else { return nil }
        for pair in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard decode(parts[0]) == name else { continue }
            return parts.count > 1 ? decode(parts[1]) : ""
        }
        return nil
    }

    static func decode(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), index + 2 < bytes.count, let high = FormData.hexValue(bytes[index + 1]), let low = FormData.hexValue(bytes[index + 2]) {
                out.append(high << 4 | low)
                index += 2
            } else {
                out.append(byte)
            }
            index += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}
