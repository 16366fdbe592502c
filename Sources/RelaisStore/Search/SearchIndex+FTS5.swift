import RelaisCore

// What FTS5 does for `SearchIndex.search`: phrases of word starts and how they match, and the
// `highlight()` and `snippet()` functions of SQLite 3.40's `ext/fts5/fts5_aux.c`, ported step for
// step (same names where it helps to compare), so that titles and excerpts are byte for byte FTS5's.

extension SearchIndex {
    /// One phrase of the query: its words in order, the last one as a word start.
    struct Phrase {
        /// Ids of the words before the last, which must be exact; nil when one is in no entry.
        let exact: [UInt32]?
        /// Ids of the words the last word starts (a range: ids follow byte order).
        let last: Range<UInt32>
        /// Words in the phrase (`xPhraseSize`).
        let size: Int

        var matchesNothing: Bool { exact == nil || last.isEmpty }

        /// Whether the phrase starts at `position` of `column`.
        func occurs(in column: Column, at position: Int) -> Bool {
            guard let exact, position + size <= column.count else { return false }
            for (offset, id) in exact.enumerated() where column.terms[position + offset] != id {
                return false
            }
            return last.contains(column.terms[position + size - 1])
        }

        /// Every position where the phrase starts in `column`, ascending (overlapping ones too).
        func positions(in column: Column) -> [Int] {
            var found: [Int] = []
            forEachPosition(in: column) { found.append($0) }
            return found
        }

        /// How many times the phrase is in `column`.
        func count(in column: Column) -> Int {
            var count = 0
            forEachPosition(in: column) { _ in count += 1 }
            return count
        }

        private func forEachPosition(in column: Column, _ body: (Int) -> Void) {
            guard !matchesNothing, column.count >= size else { return }
            if size == 1 {
                // The usual phrase, one word start: a range check per word.
                let lower = last.lowerBound, upper = last.upperBound
                column.terms.withUnsafeBufferPointer { terms in
                    for position in terms.indices where terms[position] >= lower && terms[position] < upper {
                        body(position)
                    }
                }
                return
            }
            for position in 0...(column.count - size) where occurs(in: column, at: position) {
                body(position)
            }
        }
    }

    /// The phrase of these folded words.
    func resolve(_ words: [[UInt8]]) -> Phrase {
        var exact: [UInt32]? = []
        for word in words.dropLast() {
            guard let id = id(of: word) else {
                exact = nil
                break
            }
            exact?.append(id)
        }
        return Phrase(exact: exact, last: ids(startingWith: words[words.count - 1]), size: words.count)
    }

    private func id(of word: [UInt8]) -> UInt32? {
        let index = firstIndex { !$0.lexicographicallyPrecedes(word) }
        return index < terms.count && terms[index] == word ? UInt32(index) : nil
    }

    private func ids(startingWith prefix: [UInt8]) -> Range<UInt32> {
        let lower = firstIndex { !$0.lexicographicallyPrecedes(prefix) }
        let upper = firstIndex { !($0.lexicographicallyPrecedes(prefix) || $0.starts(with: prefix)) }
        return UInt32(lower)..<UInt32(max(lower, upper))
    }

    /// The first index of `terms` for which `isAfter` holds (false then true along the array).
    private func firstIndex(where isAfter: ([UInt8]) -> Bool) -> Int {
        var low = 0, high = terms.count
        while low < high {
            let middle = (low + high) / 2
            if isAfter(terms[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// By entry: the columns (bits) where `phrase` occurs.
    func columnMasks(_ phrase: Phrase) -> [UInt8] {
        var masks = [UInt8](repeating: 0, count: entries.count)
        guard !phrase.matchesNothing, let exact = phrase.exact else { return masks }
        if phrase.size == 1 {
            for id in phrase.last {
                for posting in postings[Int(id)] { masks[Int(posting.entry)] |= posting.columns }
            }
            return masks
        }
        // Entries holding the first word, then the phrase checked in each column holding it.
        for posting in postings[Int(exact[0])] {
            let entry = entries[Int(posting.entry)]
            for column in 0..<Self.columnCount where posting.columns & (1 << column) != 0 {
                let words = entry.columns[column]
                if words.count >= phrase.size,
                   (0...(words.count - phrase.size)).contains(where: { phrase.occurs(in: words, at: $0) }) {
                    masks[Int(posting.entry)] |= 1 << column
                }
            }
        }
        return masks
    }

    /// The query's tree with its phrases numbered left to right, as FTS5 numbers them.
    indirect enum Node {
        case phrase(Int)
        case all([Node])
        case any([Node])

        init(_ match: SearchMatch, next: inout Int) {
            switch match {
            case .wordStart:
                self = .phrase(next)
                next += 1
            case .all(let parts):
                self = .all(parts.map { Node($0, next: &next) })
            case .any(let parts):
                self = .any(parts.map { Node($0, next: &next) })
            }
        }

        /// The phrases whose instances FTS5 reports (`xInst`) for an entry the whole query matches:
        /// a phrase is reported when its node sits on the entry. The children of a group of words
        /// move together to the group's next match, so in an alternative a phrase of a group that
        /// does not match the entry reports nothing, even if the phrase itself is there; a phrase
        /// standing alone in an alternative reports wherever it is.
        func reported(_ entry: Int, masks: [[UInt8]], into phrases: inout [Bool], atEntry: Bool = true) {
            switch self {
            case .phrase(let index):
                phrases[index] = atEntry && masks[index][entry] != 0
            case .all(let parts):
                for part in parts { part.reported(entry, masks: masks, into: &phrases, atEntry: atEntry) }
            case .any(let parts):
                for part in parts {
                    part.reported(entry, masks: masks, into: &phrases, atEntry: atEntry && part.matches(entry, scope: 0b111, masks: masks))
                }
            }
        }

        /// By entry: whether it matches within the columns of `scope` (FTS5's `{title summary} : (…)`).
        func matching(scope: UInt8, masks: [[UInt8]], count: Int) -> [Bool] {
            switch self {
            case .phrase(let index):
                return masks[index].map { $0 & scope != 0 }
            case .all(let parts):
                var result = [Bool](repeating: true, count: count)
                for part in parts {
                    let matched = part.matching(scope: scope, masks: masks, count: count)
                    for entry in 0..<count where !matched[entry] { result[entry] = false }
                }
                return result
            case .any(let parts):
                var result = [Bool](repeating: false, count: count)
                for part in parts {
                    let matched = part.matching(scope: scope, masks: masks, count: count)
                    for entry in 0..<count where matched[entry] { result[entry] = true }
                }
                return result
            }
        }

        /// Whether entry `entry` matches within the columns of `scope`.
        func matches(_ entry: Int, scope: UInt8, masks: [[UInt8]]) -> Bool {
            switch self {
            case .phrase(let index): masks[index][entry] & scope != 0
            case .all(let parts): parts.allSatisfy { $0.matches(entry, scope: scope, masks: masks) }
            case .any(let parts): parts.contains { $0.matches(entry, scope: scope, masks: masks) }
            }
        }
    }

    /// One phrase instance (`xInst`): the phrase and the position where it starts.
    struct Instance {
        let phrase: Int
        let offset: Int
    }

    /// The instances of every phrase in each column of an entry, by position, then by phrase (the
    /// order of FTS5's `xInst`).
    func instances(of phrases: [Phrase], in index: Int, masks: [[UInt8]], reported: [Bool]) -> [[Instance]] {
        let entry = entries[index]
        return (0..<Self.columnCount).map { column in
            var found: [Instance] = []
            for (phraseIndex, phrase) in phrases.enumerated() where reported[phraseIndex] && masks[phraseIndex][index] & (1 << column) != 0 {
                for offset in phrase.positions(in: entry.columns[column]) {
                    found.append(Instance(phrase: phraseIndex, offset: offset))
                }
            }
            found.sort { $0.offset != $1.offset ? $0.offset < $1.offset : $0.phrase < $1.phrase }
            return found
        }
    }

    /// `CInstIter`: the instances of one column, overlapping ones coalesced into one span.
    struct CoalescedInstances {
        let instances: [Instance]
        let sizes: [Int]
        var next = 0
        /// First and last word of the current span; -1 past the end.
        var start = -1
        var end = -1

        init(_ instances: [Instance], phrases: [Phrase]) {
            self.instances = instances
            sizes = phrases.map(\.size)
            advance()
        }

        mutating func advance() {
            start = -1
            end = -1
            while next < instances.count {
                let instance = instances[next]
                let instanceEnd = instance.offset - 1 + sizes[instance.phrase]
                if start < 0 {
                    start = instance.offset
                    end = instanceEnd
                } else if instance.offset <= end {
                    if instanceEnd > end { end = instanceEnd }
                } else {
                    break
                }
                next += 1
            }
        }
    }

    /// `highlight(searchEntry, column, open, close)`: the whole text, every span marked.
    func highlight(_ column: Column, instances: [Instance], phrases: [Phrase]) -> [UInt8]? {
        guard let text = column.text else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(text.count + 12)
        var iterator = CoalescedInstances(instances, phrases: phrases)
        var offset = 0
        for position in 0..<column.count {
            let start = Int(column.starts[position]), end = Int(column.ends[position])
            if position == iterator.start {
                output += text[offset..<start]
                output += Self.open
                offset = start
            }
            if position == iterator.end {
                output += text[offset..<end]
                output += Self.close
                offset = end
                iterator.advance()
            }
        }
        output += text[offset...]
        return output
    }

    /// `snippet(searchEntry, column, open, close, '…', 28)`: the window of 28 words that holds the
    /// most distinct phrases (a sentence's start preferred), marked, with an ellipsis where cut.
    func snippet(_ column: Column, instances: [Instance], phrases: [Phrase]) -> [UInt8]? {
        guard let text = column.text else { return nil }
        let tokenCount = Self.snippetTokens
        let documentSize = column.count

        let sentenceStarts = column.sentenceStarts  // fts5SentenceFinderCb, found when indexing

        // fts5SnippetScore: 1000 for each phrase first seen in the window, 1 for a phrase seen again;
        // the window moved to centre what it holds.
        // `aSeen`, cleared for each window by a new stamp rather than by writing it again.
        var seen = [Int](repeating: -1, count: phrases.count)
        var stamp = 0
        func score(from first: Int) -> (score: Int, adjusted: Int) {
            stamp += 1
            let end = first + tokenCount
            var total = 0, firstFound = -1, lastFound = 0
            for instance in instances where instance.offset >= first && instance.offset < end {
                total += seen[instance.phrase] == stamp ? 1 : 1000
                seen[instance.phrase] = stamp
                if firstFound < 0 { firstFound = instance.offset }
                lastFound = instance.offset + phrases[instance.phrase].size
            }
            var adjusted = firstFound - (tokenCount - (lastFound - firstFound)) / 2
            if adjusted + tokenCount > documentSize { adjusted = documentSize - tokenCount }
            if adjusted < 0 { adjusted = 0 }
            return (total, adjusted)
        }

        var bestStart = 0, bestScore = 0, columnSize = 0
        for instance in instances {
            let position = instance.offset
            if position > documentSize { continue }
            let (found, adjusted) = score(from: position)
            if found > bestScore {
                bestScore = found
                bestStart = adjusted
                columnSize = documentSize
            }
            if !sentenceStarts.isEmpty, documentSize > tokenCount {
                var sentence = 0
                while sentence < sentenceStarts.count - 1, sentenceStarts[sentence + 1] <= position {
                    sentence += 1
                }
                if sentenceStarts[sentence] < position {
                    let start = sentenceStarts[sentence]
                    let found = score(from: start).score + (start == 0 ? 120 : 100)
                    if found > bestScore {
                        bestScore = found
                        bestStart = start
                        columnSize = documentSize
                    }
                }
            }
        }
        if columnSize == 0 { columnSize = documentSize }

        // fts5HighlightCb over the window [rangeStart, rangeEnd].
        let rangeStart = bestStart, rangeEnd = bestStart + tokenCount - 1
        var output: [UInt8] = []
        if bestStart > 0 { output += Self.ellipsis }
        var iterator = CoalescedInstances(instances, phrases: phrases)
        while iterator.start >= 0, iterator.start < bestStart { iterator.advance() }
        var offset = 0
        for position in 0..<documentSize {
            if position < rangeStart || position > rangeEnd { continue }
            let start = Int(column.starts[position]), end = Int(column.ends[position])
            if rangeStart != 0, position == rangeStart { offset = start }
            if position == iterator.start {
                output += text[offset..<start]
                output += Self.open
                offset = start
            }
            if position == iterator.end {
                if iterator.start < rangeStart { output += Self.open }
                output += text[offset..<end]
                output += Self.close
                offset = end
                iterator.advance()
            }
            if position == rangeEnd {
                output += text[offset..<end]
                offset = end
                if position >= iterator.start, position < iterator.end { output += Self.close }
            }
        }
        if rangeEnd >= columnSize - 1 {
            output += text[offset...]
        } else {
            output += Self.ellipsis
        }
        return output
    }
}
