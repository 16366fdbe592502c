import RelaisCore
import Testing

@Suite("Case routing")
struct CaseRoutingTests {
    static let today = Day(year: 2026, month: 11, day: 22)!

    static func candidate(_ id: Int64, main: String, covers: Set<String>? = nil, regions: Set<String> = ["75"], axes: Set<Axis> = [.solidarite],
                          capacity: Int = 4, load: Int = 0, last: Double? = nil, absent: Day? = nil, employer: String? = nil) -> CaseRouting.Candidate {
        CaseRouting.Candidate(id: id, mainDepartementCode: main, departementCodes: covers ?? [main], regionCodes: regions, axes: axes,
                              absentUntil: absent, capacity: capacity, load: load, lastAssignedAt: last, employerCode: employer)
    }

    let request = CaseRouting.Request(departementCode: "33", regionCode: "75", axes: [.solidarite])

    func choose(_ request: CaseRouting.Request, _ candidates: [CaseRouting.Candidate]) -> CaseRouting.Choice? {
        CaseRouting.choose(for: request, among: candidates, today: Self.today)
    }

    @Test("the département first, then the région, then anyone in France")
    func levels() {
        let local = Self.candidate(1, main: "33"), regional = Self.candidate(2, main: "64"), national = Self.candidate(3, main: "59", regions: ["32"])
        #expect(choose(request, [national, regional, local]) == .init(correspondentId: 1, level: .departement))
        #expect(choose(request, [national, regional]) == .init(correspondentId: 2, level: .region))
        #expect(choose(request, [national]) == .init(correspondentId: 3, level: .national))
        #expect(choose(request, []) == nil)
    }

    @Test("only available people under capacity, on an axis asked for")
    func eligibility() {
        #expect(choose(request, [Self.candidate(1, main: "33", axes: [.juridique])]) == nil)
        #expect(choose(request, [Self.candidate(1, main: "33", capacity: 2, load: 2)]) == nil)
        #expect(choose(request, [Self.candidate(1, main: "33", capacity: 0)]) == nil)
        #expect(choose(request, [Self.candidate(1, main: "33", absent: Self.today)]) == nil)
        #expect(choose(request, [Self.candidate(1, main: "33", absent: Day(year: 2026, month: 11, day: 21))])?.correspondentId == 1)
        var inactive = Self.candidate(1, main: "33")
        inactive.active = false
        #expect(choose(request, [inactive]) == nil)
    }

    @Test("never someone who cannot sign in to read the case, even the only one nearby")
    func signInRequired() {
        var unreachable = Self.candidate(1, main: "33")
        unreachable.canSignIn = false
        #expect(choose(request, [unreachable]) == nil)
        #expect(choose(request, [unreachable, Self.candidate(2, main: "64")]) == .init(correspondentId: 2, level: .region))
    }

    @Test("never the same employer, never the director's département when they asked for elsewhere, never who declined")
    func conflicts() {
        var sameEmployer = request
        sameEmployer.employerCode = "33063"
        #expect(choose(sameEmployer, [Self.candidate(1, main: "33", employer: "33063"), Self.candidate(2, main: "33")])?.correspondentId == 2)

        var elsewhere = request
        elsewhere.outsideDepartement = true
        // Someone based elsewhere who also covers 33 is still "from elsewhere".
        let based = Self.candidate(1, main: "33"), covering = Self.candidate(2, main: "24", covers: ["24", "33"])
        #expect(choose(elsewhere, [based, covering]) == .init(correspondentId: 2, level: .departement))
        #expect(choose(elsewhere, [based])?.correspondentId == nil)

        var declined = request
        declined.declinedBy = [1]
        #expect(choose(declined, [Self.candidate(1, main: "33"), Self.candidate(2, main: "64")]) == .init(correspondentId: 2, level: .region))
    }

    @Test("the lowest load ratio wins, then the one idle longest")
    func ordering() {
        // 1/4 beats 1/2 even with fewer cases in absolute terms for the second.
        let quarter = Self.candidate(1, main: "33", capacity: 4, load: 1), half = Self.candidate(2, main: "33", capacity: 2, load: 1)
        #expect(choose(request, [half, quarter])?.correspondentId == 1)
        // Equal ratios: never assigned beats recently assigned; older assignment beats newer.
        let recent = Self.candidate(3, main: "33", last: 2000), older = Self.candidate(4, main: "33", last: 1000), never = Self.candidate(5, main: "33")
        #expect(choose(request, [recent, older])?.correspondentId == 4)
        #expect(choose(request, [recent, older, never])?.correspondentId == 5)
    }

    @Test("a reopened case goes back to its correspondent when they are still eligible")
    func preferred() {
        var reopened = request
        reopened.preferred = 2
        let busy = Self.candidate(2, main: "64", capacity: 3, load: 2)
        #expect(choose(reopened, [Self.candidate(1, main: "33"), busy]) == .init(correspondentId: 2, level: .region))
        reopened.preferred = 9
        #expect(choose(reopened, [Self.candidate(1, main: "33")])?.correspondentId == 1)
    }
}
