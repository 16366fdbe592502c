import RelaisCore
import Testing

@Suite("Case limits per director")
struct CaseLimitsTests {
    let today = Day(year: 2026, month: 3, day: 20)!
    let yesterday = Day(year: 2026, month: 3, day: 19)!
    let limits = CaseLimits(maxOpen: 3, maxPerDay: 3)

    @Test("a director with fewer open cases and openings than the limits may open one more")
    func allowed() {
        let cases = [CaseLimits.Facts(openedOn: yesterday, isOpen: true), .init(openedOn: today, isOpen: false)]
        #expect(limits.decide(cases: cases, today: today) == .allowed)
    }

    @Test("three open cases stop the fourth, whenever they were opened")
    func tooManyOpen() {
        let cases = Array(repeating: CaseLimits.Facts(openedOn: yesterday, isOpen: true), count: 3)
        #expect(limits.decide(cases: cases, today: today) == .tooManyOpen(open: 3))
    }

    @Test("three openings today stop the fourth even when they are all closed; tomorrow it is allowed")
    func tooManyToday() {
        let cases = Array(repeating: CaseLimits.Facts(openedOn: today, isOpen: false), count: 3)
        #expect(limits.decide(cases: cases, today: today) == .tooManyToday(opened: 3))
        #expect(limits.decide(cases: cases, today: Day(year: 2026, month: 3, day: 21)!) == .allowed)
    }

    @Test("drafts not sent count for nothing")
    func draftsDoNotCount() {
        let cases = Array(repeating: CaseLimits.Facts(openedOn: nil, isOpen: true), count: 10)
        #expect(limits.decide(cases: cases, today: today) == .allowed)
    }

    @Test("the open-case limit is said first: it is the one the person can act on")
    func openFirst() {
        let cases = Array(repeating: CaseLimits.Facts(openedOn: today, isOpen: true), count: 3)
        #expect(limits.decide(cases: cases, today: today) == .tooManyOpen(open: 3))
    }
}
