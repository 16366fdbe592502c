import Foundation
import RelaisCore
import Testing

@Suite("Avis requests: what the expert sees, and when to remind")
struct ReferralRulesTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("the expert sees nothing before the director accepts, the question alone before declaring no conflict, everything until the end")
    func stages() {
        let until = start.addingTimeInterval(30 * 86_400)
        #expect(ReferralRules.stage(.proposed, expiresAt: nil, caseOpen: true, now: start) == .none)
        #expect(ReferralRules.stage(.refused, expiresAt: nil, caseOpen: true, now: start) == .none)
        #expect(ReferralRules.stage(.conflictCheck, expiresAt: until, caseOpen: true, now: start) == .conflictCheck)
        #expect(ReferralRules.stage(.conflict, expiresAt: until, caseOpen: true, now: start) == .none)
        #expect(ReferralRules.stage(.open, expiresAt: until, caseOpen: true, now: start) == .full)
        #expect(ReferralRules.stage(.open, expiresAt: until, caseOpen: true, now: until) == .none)
        #expect(ReferralRules.stage(.open, expiresAt: until, caseOpen: false, now: start) == .none)
        #expect(ReferralRules.stage(.revoked, expiresAt: until, caseOpen: true, now: start) == .none)
        #expect(ReferralRules.effectiveStatus(.open, expiresAt: until, caseOpen: true, now: until) == .expired)
        #expect(ReferralRules.effectiveStatus(.conflictCheck, expiresAt: until, caseOpen: false, now: start) == .ended)
        // A proposal has no end yet; a closed case ends it.
        #expect(ReferralRules.effectiveStatus(.proposed, expiresAt: nil, caseOpen: true, now: until) == .proposed)
        #expect(ReferralRules.effectiveStatus(.proposed, expiresAt: nil, caseOpen: false, now: start) == .ended)
    }

    @Test("seven days without an answer: remind the expert; fourteen: alert staff; each once, none once answered")
    func reminders() {
        func due(_ days: Double, reminded: Bool = false, alerted: Bool = false, answered: Bool = false) -> ReferralRules.Due {
            ReferralRules.due(openedAt: start, answeredAt: answered ? start : nil, remindedAt: reminded ? start : nil,
                              staffAlertedAt: alerted ? start : nil, now: start.addingTimeInterval(days * 86_400))
        }
        #expect(due(6.9) == .nothing)
        #expect(due(7) == .remindExpert)
        #expect(due(8, reminded: true) == .nothing)
        #expect(due(14, reminded: true) == .alertStaff)
        #expect(due(20, reminded: true, alerted: true) == .nothing)
        #expect(due(20, answered: true) == .nothing)
        #expect(ReferralRules.due(openedAt: nil, answeredAt: nil, remindedAt: nil, staffAlertedAt: nil, now: start) == .nothing)
    }
}
