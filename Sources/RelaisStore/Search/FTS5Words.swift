import GRDB

/// SQLite's own `unicode61` tokenizer, with the options of the `searchEntry` table
/// (`remove_diacritics 2`), usable outside of a database read: the search kept in memory
/// (`SearchIndex`) cuts its texts and its queries' words exactly as FTS5 does, case and accent
/// folding included, because it is FTS5's code doing it.
///
/// GRDB lets a tokenizer be used only inside its connection's queue: this one has a private
/// in-memory connection for that, and every call goes through it, one at a time. A query's words
/// take a few microseconds.
final class FTS5Words: @unchecked Sendable {
    /// The tokenizer of migration `v7-search`: `tokenize = 'unicode61 remove_diacritics 2'`.
    static let descriptor = FTS5TokenizerDescriptor(components: ["unicode61", "remove_diacritics", "2"])
    /// FTS5 keeps at most this many bytes of a token (`FTS5_MAX_TOKEN_SIZE`).
    static let maxTokenBytes = 32_768

    private let queue: DatabaseQueue
    /// Only used inside `queue`.
    private let tokenizer: any FTS5Tokenizer

    init() throws {
        queue = try DatabaseQueue()
        tokenizer = try queue.inDatabase { db in try db.makeTokenizer(Self.descriptor) }
    }

    /// The folded words of each phrase of a query, as FTS5 cuts the text between a query's quotes.
    func queryWords(of phrases: [String]) throws -> [[[UInt8]]] {
        try queue.inDatabase { _ in
            try phrases.map { phrase in
                var words: [[UInt8]] = []
                try run(Array(phrase.utf8), query: true, sink: Sink { term, _, _ in words.append(Array(term)) })
                return words
            }
        }
    }

    /// Calls `body` with each token of `text` (its folded bytes, valid only during the call, and
    /// where it lies in `text`), as FTS5 cuts a document: no array is made per token.
    func forEachToken(in text: [UInt8], _ body: (UnsafeRawBufferPointer, Int, Int) -> Void) throws {
        try withoutActuallyEscaping(body) { body in
            let sink = Sink(body)
            try queue.inDatabase { _ in try run(text, query: false, sink: sink) }
        }
    }

    private final class Sink {
        let body: (UnsafeRawBufferPointer, Int, Int) -> Void

        init(_ body: @escaping (UnsafeRawBufferPointer, Int, Int) -> Void) {
            self.body = body
        }
    }

    private func run(_ text: [UInt8], query: Bool, sink: Sink) throws {
        guard !text.isEmpty else { return }
        let code = text.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                tokenizer.tokenize(
                    context: Unmanaged.passUnretained(sink).toOpaque(),
                    tokenization: query ? .query : .document,
                    pText: chars.baseAddress, nText: CInt(chars.count)
                ) { context, flags, pToken, nToken, start, end in
                    guard let context else { return 1 /* SQLITE_ERROR */ }
                    // FTS5_TOKEN_COLOCATED: a synonym at the same position. `unicode61` makes none;
                    // FTS5 would not count it as a position either.
                    if flags & 0x0001 != 0 { return 0 }
                    let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
                    let count = pToken == nil ? 0 : min(Int(nToken), FTS5Words.maxTokenBytes)
                    sink.body(UnsafeRawBufferPointer(start: pToken, count: count), Int(start), Int(end))
                    return 0 // SQLITE_OK
                }
            }
        }
        guard code == 0 else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }
}
