import Foundation
import GRDB
import RelaisCore

/// The search over the public entries, held in memory: the rows of the FTS5 table `searchEntry`,
/// cut into words by FTS5's own tokenizer (`FTS5Words`), with an inverted index of the words.
///
/// `search` answers exactly as `AppDatabase.search` does over FTS5 (the same entries, in the same
/// order, with the same highlighted titles and excerpts): it reproduces FTS5's matching of word
/// starts and phrases, `bm25()` with the same weights and arithmetic, and the `highlight()` and
/// `snippet()` functions of SQLite's `fts5_aux.c` (3.40), step for step. A test compares the two
/// over the seeds for every word of the index and many queries. Nothing is read from SQLite, and
/// nothing is kept between searches: results are computed for each query.
///
/// An index is immutable and belongs to one content generation: the content's tables bump the
/// generation on every change, and with it every change to `searchEntry` (its triggers).
public final class SearchIndex: Sendable {
    public typealias Hit = AppDatabase.SearchHit

    /// The content generation the entries were read at.
    public let generation: Int64
    /// By rowid, ascending: FTS5's order of scanning, which breaks ties in the ranking.
    let entries: [Entry]
    /// Every distinct word, in byte order: the words starting with a prefix are one range of ids.
    let terms: [[UInt8]]
    /// By word id: the entries holding the word, ascending, with the columns it is in.
    let postings: [[Posting]]
    /// Words in all entries: `bm25`'s average length is this over the number of entries.
    let totalTokens: Int
    private let words: FTS5Words

    /// The indexed columns, as FTS5 numbers them after `kind` and `ref`.
    static let columnCount = 3
    static let title = 0, summary = 1, body = 2
    /// `bm25(searchEntry, 0.0, 0.0, 10.0, 2.0, 1.0)`: the title weighs most, then the summary.
    static let weights: [Double] = [10.0, 2.0, 1.0]
    /// `snippet(…, '…', 28)`.
    static let snippetTokens = 28
    static let ellipsis = Array("…".utf8)
    static let open = Array(Hit.markStart.utf8), close = Array(Hit.markEnd.utf8)

    /// Classes rather than structs: reading one from the array is one reference count, not one per
    /// array it holds (a search reads hundreds).
    final class Entry: Sendable {
        let rowid: Int64
        let kind: String
        let ref: String
        /// Title, summary and body.
        let columns: [Column]
        /// Words in the three columns (`xColumnSize(-1)`).
        let size: Int

        init(rowid: Int64, kind: String, ref: String, columns: [Column]) {
            self.rowid = rowid
            self.kind = kind
            self.ref = ref
            self.columns = columns
            size = columns.reduce(0) { $0 + $1.count }
        }
    }

    final class Column: Sendable {
        /// nil for an SQL NULL, which `highlight()` and `snippet()` return as NULL.
        let text: [UInt8]?
        /// By position: the word's id and its bytes in `text`.
        let terms: [UInt32]
        let starts: [UInt32]
        let ends: [UInt32]
        /// The positions of the words that start a sentence (`snippet()`'s sentence finder): the
        /// first word, and each word that whitespace then '.' or ':' precede. They depend on the
        /// text only, so they are found once here rather than on every search.
        let sentenceStarts: [Int]

        var count: Int { terms.count }

        init(text: [UInt8]?, terms: [UInt32], starts: [UInt32], ends: [UInt32]) {
            self.text = text
            self.terms = terms
            self.starts = starts
            self.ends = ends
            var sentenceStarts: [Int] = []
            let bytes = text ?? []
            for position in terms.indices {
                if position == 0 {
                    sentenceStarts.append(0)
                    continue
                }
                // fts5SentenceFinderCb, from the byte before the word backwards.
                let start = Int(starts[position])
                var index = start - 1
                var character: UInt8 = 0
                while index >= 0 {
                    character = bytes[index]
                    if character != 0x20, character != 0x09, character != 0x0A, character != 0x0D { break }
                    index -= 1
                }
                if index != start - 1, character == UInt8(ascii: ".") || character == UInt8(ascii: ":") {
                    sentenceStarts.append(position)
                }
            }
            self.sentenceStarts = SearchIndex.tight(sentenceStarts)
        }
    }

    struct Posting: Sendable {
        let entry: UInt32
        /// Bit `1 << column` for each column holding the word.
        let columns: UInt8
    }

    /// The rows of `searchEntry` as read (`load`).
    struct Row: Sendable {
        var rowid: Int64
        var kind: String
        var ref: String
        var texts: [String?]
    }

    init(generation: Int64, rows: [Row], words: FTS5Words) throws {
        self.generation = generation
        self.words = words
        let rows = rows.sorted { $0.rowid < $1.rowid }

        // Each word gets a number as it is first met, then the numbers are redone in byte order.
        // Words are keyed as strings: most are under 16 bytes, which Swift stores without
        // allocating, so cutting 28 MB of text (10,000 sheets) does not make millions of arrays.
        var numbers: [String: UInt32] = [:]
        var met: [String] = []
        var cut: [(text: [UInt8]?, terms: [UInt32], starts: [UInt32], ends: [UInt32])] = []
        cut.reserveCapacity(rows.count * Self.columnCount)
        for row in rows {
            for column in 0..<Self.columnCount {
                let text = column < row.texts.count ? row.texts[column].map { Array($0.utf8) } : nil
                var terms: [UInt32] = [], starts: [UInt32] = [], ends: [UInt32] = []
                try words.forEachToken(in: text ?? []) { term, start, end in
                    let key = String(decoding: term, as: UTF8.self)
                    let number: UInt32
                    if let known = numbers[key] {
                        number = known
                    } else {
                        number = UInt32(met.count)
                        numbers[key] = number
                        met.append(key)
                    }
                    terms.append(number)
                    starts.append(UInt32(start))
                    ends.append(UInt32(end))
                }
                cut.append((text, terms, starts, ends))
            }
        }
        numbers = [:]
        let order = met.indices.sorted { met[$0].utf8.lexicographicallyPrecedes(met[$1].utf8) }
        var renumbered = [UInt32](repeating: 0, count: met.count)
        for (id, first) in order.enumerated() { renumbered[first] = UInt32(id) }
        let terms = order.map { Array(met[$0].utf8) }
        met = []

        var entries: [Entry] = []
        entries.reserveCapacity(rows.count)
        var postings = [[Posting]](repeating: [], count: terms.count)
        var total = 0
        for (index, row) in rows.enumerated() {
            var columns: [Column] = []
            var masks: [UInt32: UInt8] = [:]
            for column in 0..<Self.columnCount {
                var found = cut[index * Self.columnCount + column]
                cut[index * Self.columnCount + column] = (nil, [], [], [])
                for position in found.terms.indices {
                    let id = renumbered[Int(found.terms[position])]
                    found.terms[position] = id
                    masks[id, default: 0] |= 1 << column
                }
                columns.append(Column(text: found.text, terms: Self.tight(found.terms), starts: Self.tight(found.starts),
                                      ends: Self.tight(found.ends)))
            }
            for (id, mask) in masks {
                postings[Int(id)].append(Posting(entry: UInt32(index), columns: mask))
            }
            let entry = Entry(rowid: row.rowid, kind: row.kind, ref: row.ref, columns: columns)
            total += entry.size
            entries.append(entry)
        }
        self.entries = entries
        self.terms = terms
        self.postings = postings.map(Self.tight)
        self.totalTokens = total
    }

    /// `array` in storage of its size: grown by appending, an array has up to twice the room it
    /// needs, which on 10,000 sheets was 60 MB of words' positions. (`Array(array[...])` would
    /// keep the same storage.)
    static func tight<Element>(_ array: [Element]) -> [Element] {
        guard array.capacity > array.count else { return array }
        return [Element](unsafeUninitializedCapacity: array.count) { buffer, initialized in
            _ = buffer.initialize(from: array)
            initialized = array.count
        }
    }

    /// Reads every entry and the content generation in one transaction, then builds the index on a
    /// thread of its own: cutting 10,000 sheets takes two seconds, which would hold one of the
    /// threads that serve requests.
    public static func load(from database: AppDatabase) async throws -> SearchIndex {
        let (generation, rows) = try await database.reader.read { db -> (Int64, Rows) in
            let generation = try Int64.fetchOne(db, sql: "SELECT value FROM contentGeneration WHERE id = 1") ?? 0
            let rows = try GRDB.Row.fetchAll(db, sql: "SELECT rowid, kind, ref, title, summary, body FROM searchEntry ORDER BY rowid")
                .map { row in
                    Row(rowid: row[0], kind: row[1] ?? "", ref: row[2] ?? "", texts: [row[3], row[4], row[5]])
                }
            return (generation, Rows(rows))
        }
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .utility).async {
                let built = Result { try SearchIndex(generation: generation, rows: rows.take(), words: FTS5Words()) }
                #if os(Linux)
                // The rows and the build's working arrays are freed by now, but glibc keeps freed
                // memory in this thread's arena: on 10,000 sheets, 80 MB the server would not use
                // again until the next build.
                _ = releaseFreedMemory(0)
                #endif
                continuation.resume(with: built)
            }
        }
    }

    /// The rows read, handed to the build and let go as soon as it is done with them.
    private final class Rows: @unchecked Sendable {
        private var rows: [Row]

        init(_ rows: [Row]) {
            self.rows = rows
        }

        /// Only called once, by the one thread that builds.
        func take() -> [Row] {
            defer { rows = [] }
            return rows
        }
    }

    /// How many entries the index holds.
    public var count: Int { entries.count }
}

// MARK: - Searching

extension SearchIndex {
    /// What `AppDatabase.search(query, limit:, rankingCap:)` answers, computed here; `expansions`
    /// are the synonyms in use by term key (`AppDatabase.searchSynonymTable`). Nil for the rare
    /// query this index does not reproduce: a word FTS5's tokenizer reads as no word at all (a
    /// letter of a script newer than its Unicode tables). The caller then asks FTS5.
    public func search(_ query: SearchQuery, expansions: [String: [String]], limit: Int = 60,
                       rankingCap: Int = AppDatabase.searchRankingCap) -> [Hit]? {
        guard !query.isEmpty else { return [] }
        let match = query.match(expansions: expansions)
        guard let phraseWords = try? words.queryWords(of: match.phrases),
              phraseWords.allSatisfy({ !$0.isEmpty }) else { return nil }
        let phrases = phraseWords.map(resolve)
        var next = 0
        let node = Node(match, next: &next)
        let masks = phrases.map(columnMasks)

        // The candidates, as FTS5 finds them: newest first, and past the cap those matching in their
        // title, then in their title or summary, then anywhere.
        func newest(scope: UInt8, limit: Int) -> [Int] {
            let matching = node.matching(scope: scope, masks: masks, count: entries.count)
            var found: [Int] = []
            var index = entries.count - 1
            while index >= 0, found.count < limit {
                if matching[index] { found.append(index) }
                index -= 1
            }
            return found
        }
        var candidates = newest(scope: 0b111, limit: rankingCap + 1)
        if candidates.count > rankingCap {
            var seen = Set<Int>()
            candidates = []
            for scope: UInt8 in [0b001, 0b011, 0b111] where candidates.count < rankingCap {
                for index in newest(scope: scope, limit: rankingCap) where candidates.count < rankingCap {
                    if seen.insert(index).inserted { candidates.append(index) }
                }
            }
        }
        guard !candidates.isEmpty else { return [] }

        // bm25(), as fts5_aux.c computes it.
        let rowCount = Int64(entries.count)
        let averageLength = Double(totalTokens) / Double(rowCount)
        let idf: [Double] = masks.map { mask in
            let hits = Int64(mask.reduce(0) { $0 + ($1 != 0 ? 1 : 0) })
            let value = log((Double(rowCount - hits) + 0.5) / (Double(hits) + 0.5))
            return value <= 0.0 ? 1e-6 : value
        }
        let k1 = 1.2, b = 0.75
        var scored: [(score: Double, index: Int)] = []
        scored.reserveCapacity(candidates.count)
        var reported = [Bool](repeating: false, count: phrases.count)
        // When every candidate is shown (the usual case), their instances serve the ranking and then
        // the excerpts; otherwise only the shown ones' are listed, after the ranking.
        let showsAll = candidates.count <= limit
        var instancesByEntry: [Int: [[Instance]]] = [:]
        for index in candidates {
            let entry = entries[index]
            var frequencies = [Double](repeating: 0, count: phrases.count)
            node.reported(index, masks: masks, into: &reported)
            if showsAll {
                let found = instances(of: phrases, in: index, masks: masks, reported: reported)
                for column in 0..<Self.columnCount {
                    for instance in found[column] { frequencies[instance.phrase] += Self.weights[column] }
                }
                instancesByEntry[index] = found
            } else {
                for (phraseIndex, phrase) in phrases.enumerated() where reported[phraseIndex] {
                    for column in 0..<Self.columnCount where masks[phraseIndex][index] & (1 << column) != 0 {
                        let occurrences = phrase.count(in: entry.columns[column])
                        frequencies[phraseIndex] += Double(occurrences) * Self.weights[column]
                    }
                }
            }
            let length = Double(entry.size)
            var score = 0.0
            for phraseIndex in phrases.indices {
                let frequency = frequencies[phraseIndex]
                score += idf[phraseIndex] * ((frequency * (k1 + 1.0)) / (frequency + k1 * (1 - b + b * length / averageLength)))
            }
            scored.append((-1.0 * score, index))
        }
        // ORDER BY bm25 over FTS5's scan by ascending rowid: equal scores keep that order.
        // Entries are in rowid order: comparing indexes compares rowids.
        scored.sort { $0.score != $1.score ? $0.score < $1.score : $0.index < $1.index }

        var hits: [Hit] = []
        for (_, index) in scored.prefix(limit) {
            let entry = entries[index]
            guard let kind = Hit.Kind(rawValue: entry.kind) else { continue }
            let instances: [[Instance]]
            if let found = instancesByEntry[index] {
                instances = found
            } else {
                node.reported(index, masks: masks, into: &reported)
                instances = self.instances(of: phrases, in: index, masks: masks, reported: reported)
            }
            let title = highlight(entry.columns[Self.title], instances: instances[Self.title], phrases: phrases)
            let summary = snippet(entry.columns[Self.summary], instances: instances[Self.summary], phrases: phrases)
            // `CASE WHEN instr(summary, mark) = 0 THEN snippet(body) END`: a NULL summary gives NULL.
            let body = summary.flatMap { Self.hasMark($0) ? nil : snippet(entry.columns[Self.body], instances: instances[Self.body], phrases: phrases) }
            // The summary when a word was found there or nowhere else (`AppDatabase.hit`).
            let summaryShown = summary.map(Self.hasMark) ?? false || !(body.map(Self.hasMark) ?? false)
            let excerpt = (summaryShown ? summary : body).map(Self.string) ?? ""
            hits.append(Hit(kind: kind, ref: entry.ref, title: title.map(Self.string) ?? "", excerpt: excerpt))
        }
        return hits
    }

    private static func string(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Whether the bytes hold U+E001 (`instr(…, markStart) > 0`).
    private static func hasMark(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 3 else { return false }
        for index in 0...(bytes.count - 3) where bytes[index] == open[0] && bytes[index + 1] == open[1] && bytes[index + 2] == open[2] {
            return true
        }
        return false
    }
}

#if os(Linux)
/// glibc's `malloc_trim` (`<malloc.h>`, which Swift's `Glibc` module does not bring in).
@_silgen_name("malloc_trim")
private func releaseFreedMemory(_ pad: Int) -> Int32
#endif
