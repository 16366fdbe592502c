import RelaisCore
import Testing

@Suite("Who reads reasons and private notes on a case")
struct CaseReadingPolicyTests {
    @Test("a decline's or a reassignment's reason is for staff only", arguments: [CaseAction.decline.eventKind, CaseAction.reassign.eventKind])
    func staffOnlyReasons(kind: CaseEventKind) {
        #expect(Policy.mayReadEventReason(kind: kind, as: .staff))
        #expect(!Policy.mayReadEventReason(kind: kind, as: .assignee))
        #expect(!Policy.mayReadEventReason(kind: kind, as: .director))
    }

    @Test("Relais's own reasons are read by everyone on the case; routing's only by handlers")
    func otherReasons() {
        for role in CaseActorRole.allCases {
            #expect(Policy.mayReadEventReason(kind: CaseAction.close(.resolue).eventKind, as: role))
        }
        #expect(Policy.mayReadEventReason(kind: CaseAction.assign.eventKind, as: .assignee))
        #expect(!Policy.mayReadEventReason(kind: CaseAction.assign.eventKind, as: .director))
    }

    @Test("a correspondent reads their own notes and staff's, never a previous correspondent's; the director none")
    func notes() {
        #expect(Policy.mayReadNote(authorUserId: 7, authorIsStaff: false, reader: 7, as: .assignee))
        #expect(Policy.mayReadNote(authorUserId: 9, authorIsStaff: true, reader: 7, as: .assignee))
        #expect(!Policy.mayReadNote(authorUserId: 8, authorIsStaff: false, reader: 7, as: .assignee))
        #expect(Policy.mayReadNote(authorUserId: 8, authorIsStaff: false, reader: 1, as: .staff))
        #expect(!Policy.mayReadNote(authorUserId: 1, authorIsStaff: true, reader: 1, as: .director))
    }
}
