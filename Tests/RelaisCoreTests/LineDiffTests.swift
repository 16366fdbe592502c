import RelaisCore
import Testing

@Suite("Line diff")
struct LineDiffTests {
    @Test("unchanged, added, removed and changed lines")
    func basics() {
        #expect(LineDiff.diff("a\nb", "a\nb") == [.same("a"), .same("b")])
        #expect(LineDiff.diff("a\nc", "a\nb\nc") == [.same("a"), .added("b"), .same("c")])
        #expect(LineDiff.diff("a\nb\nc", "a\nc") == [.same("a"), .removed("b"), .same("c")])
        #expect(LineDiff.diff("a\nb\nc", "a\nB\nc") == [.same("a"), .removed("b"), .added("B"), .same("c")])
        #expect(LineDiff.diff("", "x") == [.removed(""), .added("x")])
    }

    @Test("applying the diff to the old text gives the new one, over generated texts")
    func roundTrip() {
        var generator = SplitMix64(seed: 7)
        let words = ["congé", "entretien", "délai", "", "recours", "mutation"]
        for _ in 0..<200 {
            let old = (0..<Int(generator.next() % 12)).map { _ in words[Int(generator.next() % 6)] }.joined(separator: "\n")
            let new = (0..<Int(generator.next() % 12)).map { _ in words[Int(generator.next() % 6)] }.joined(separator: "\n")
            let lines = LineDiff.diff(old, new)
            let rebuiltOld = lines.compactMap { if case .same(let s) = $0 { s } else if case .removed(let s) = $0 { s } else { nil } }
            let rebuiltNew = lines.compactMap { if case .same(let s) = $0 { s } else if case .added(let s) = $0 { s } else { nil } }
            #expect(rebuiltOld.joined(separator: "\n") == old)
            #expect(rebuiltNew.joined(separator: "\n") == new)
        }
    }
}
