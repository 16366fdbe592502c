import RelaisCore
import Testing

@Suite("Case lifecycle")
struct CaseLifecycleTests {
    /// The legal moves, written out independently of the implementation: (from, action, actor) → to.
    static func expected(_ from: CaseStatus, _ action: CaseAction, _ actor: CaseActorRole, days: Int?) -> CaseStatus? {
        switch (from, action, actor) {
        case (.nouvelle, .assign, .system), (.nouvelle, .assign, .staff): return .attribuee
        case (.attribuee, .accept, .assignee): return .priseEnCharge
        case (.attribuee, .decline, .assignee), (.priseEnCharge, .decline, .assignee), (.enAttente, .decline, .assignee): return .nouvelle
        case (.priseEnCharge, .wait, .assignee): return .enAttente
        case (.enAttente, .resume, .assignee), (.enAttente, .resume, .director): return .priseEnCharge
        case (.priseEnCharge, .close(.resolue), .assignee), (.priseEnCharge, .close(.sansSuite), .assignee),
             (.enAttente, .close(.resolue), .assignee), (.enAttente, .close(.sansSuite), .assignee),
             (.priseEnCharge, .close(.resolue), .staff), (.priseEnCharge, .close(.sansSuite), .staff),
             (.enAttente, .close(.resolue), .staff), (.enAttente, .close(.sansSuite), .staff),
             (.nouvelle, .close(.resolue), .staff), (.nouvelle, .close(.sansSuite), .staff),
             (.attribuee, .close(.resolue), .staff), (.attribuee, .close(.sansSuite), .staff):
            return .close
        case (.nouvelle, .reassign, .staff), (.attribuee, .reassign, .staff), (.priseEnCharge, .reassign, .staff), (.enAttente, .reassign, .staff):
            return .nouvelle
        case (.nouvelle, .withdraw, .director), (.attribuee, .withdraw, .director), (.priseEnCharge, .withdraw, .director), (.enAttente, .withdraw, .director):
            return .close
        case (.close, .reopen, .director): return (days ?? 99) <= 30 ? .nouvelle : nil
        default: return nil
        }
    }

    static let actions: [CaseAction] = [
        .assign, .accept, .decline, .wait, .resume, .close(.resolue), .close(.sansSuite), .close(.retiree), .reassign, .withdraw, .reopen,
    ]

    @Test("over 20,000 generated steps, only the legal transitions happen, and every legal one is accepted")
    func generatedSequences() {
        var generator = SplitMix64(seed: 2026)
        var status = CaseStatus.nouvelle
        var accepted = 0
        for _ in 0..<20_000 {
            let action = Self.actions[Int(generator.next() % UInt64(Self.actions.count))]
            let actor = CaseActorRole.allCases[Int(generator.next() % UInt64(CaseActorRole.allCases.count))]
            let days = Int(generator.next() % 45)
            let result = CaseLifecycle.transition(from: status, action, by: actor, daysSinceClosed: days)
            let want = Self.expected(status, action, actor, days: days)
            switch result {
            case .success(let next):
                #expect(next == want, "\(status) --\(action) by \(actor)--> \(next)")
                status = next
                accepted += 1
            case .failure:
                #expect(want == nil, "\(status) --\(action) by \(actor)--> refused, expected \(String(describing: want))")
            }
        }
        #expect(accepted > 500, "the walk must actually move through the states")
    }

    @Test("a case reopens within 30 days of closing, not after")
    func reopenWindow() {
        #expect(CaseLifecycle.transition(from: .close, .reopen, by: .director, daysSinceClosed: 30) == .success(.nouvelle))
        #expect(CaseLifecycle.transition(from: .close, .reopen, by: .director, daysSinceClosed: 31) == .failure(.tooLate))
        #expect(CaseLifecycle.transition(from: .close, .reopen, by: .assignee, daysSinceClosed: 1) == .failure(.notYours))
    }

    @Test("the actions offered follow the state and the person")
    func available() {
        #expect(CaseLifecycle.available(in: .attribuee, to: .assignee) == [.accept, .decline])
        #expect(CaseLifecycle.available(in: .priseEnCharge, to: .assignee) == [.wait, .close(.resolue), .close(.sansSuite), .decline])
        #expect(CaseLifecycle.available(in: .enAttente, to: .director) == [.resume, .withdraw])
        #expect(CaseLifecycle.available(in: .close, to: .director, daysSinceClosed: 3) == [.reopen])
        #expect(CaseLifecycle.available(in: .close, to: .director, daysSinceClosed: 40) == [])
        #expect(CaseLifecycle.available(in: .attribuee, to: .staff) == [.close(.resolue), .close(.sansSuite), .reassign])
    }

    @Test("references read and write as R-YYYY-NNNNN")
    func references() {
        #expect(CaseReference(year: 2026, sequence: 42).description == "R-2026-00042")
        #expect(CaseReference(year: 2027, sequence: 123_456).description == "R-2027-123456")
        #expect(CaseReference("R-2026-00042") == CaseReference(year: 2026, sequence: 42))
        for bad in ["r-2026-00042", "R-2026-0042", "R-26-00042", "R-2026-00000", "R-2026-00042x", "R-2026--0042", "", "R-２０２６-00042"] {
            #expect(CaseReference(bad) == nil, "\(bad)")
        }
    }

    @Test("deadlines: late after the acceptance delay, one reminder after 30 days of waiting")
    func deadlines() {
        let rules = CaseDeadlines()
        #expect(!rules.isLate(status: .attribuee, since: 0, now: 47 * 3600))
        #expect(rules.isLate(status: .attribuee, since: 0, now: 48 * 3600))
        #expect(rules.isLate(status: .nouvelle, since: 0, now: 49 * 3600))
        #expect(!rules.isLate(status: .priseEnCharge, since: 0, now: 100 * 3600))
        #expect(!rules.needsReminder(status: .enAttente, waitingSince: 0, reminded: false, now: 29 * 86_400))
        #expect(rules.needsReminder(status: .enAttente, waitingSince: 0, reminded: false, now: 30 * 86_400))
        #expect(!rules.needsReminder(status: .enAttente, waitingSince: 0, reminded: true, now: 60 * 86_400))
    }
}

/// A small deterministic generator, so a failing sequence replays.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
