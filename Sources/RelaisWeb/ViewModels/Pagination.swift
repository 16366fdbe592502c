import Hummingbird
import RelaisCore
import RelaisUseCases

/// Links between the pages of a long back-office list, so a list of thousands of cases or
/// correspondents is read a page at a time (the page is `?page=N`, counted from 1).
struct Pagination: Encodable, Sendable {
    static let pageSize = 50

    /// « Page 2 sur 40 ».
    let summary: String
    let previousURL: String?
    let nextURL: String?

    /// The page asked for, 1 when absent or not a positive number.
    static func page(of request: Request) -> Int {
        request.uri.queryParameters["page"].flatMap { Int(String($0)) }.map { max(1, min($0, 1_000_000)) } ?? 1
    }

    static func offset(page: Int) -> Int { (page - 1) * pageSize }

    /// Nil when everything fits on one page. `url` gives the address of a page; `total`, when known,
    /// tells how many pages there are.
    init?(page: Int, hasNext: Bool, total: Int? = nil, url: (Int) -> String) {
        guard page > 1 || hasNext else { return nil }
        summary = total.map { "Page \(page) sur \(max(1, ($0 + Self.pageSize - 1) / Self.pageSize))" } ?? "Page \(page)"
        previousURL = page > 1 ? url(page - 1) : nil
        nextURL = hasNext ? url(page + 1) : nil
    }
}
