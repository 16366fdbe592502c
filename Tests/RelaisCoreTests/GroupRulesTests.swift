import Foundation
import RelaisCore
import Testing

@Suite("Exchange groups: the rules")
struct GroupRulesTests {
    @Test("directors and correspondents propose and ask; staff may be members when invited; experts never")
    func whoMay() {
        #expect(GroupRules.mayPropose(.demandeur) && GroupRules.mayPropose(.correspondant))
        #expect(!GroupRules.mayPropose(.equipe) && !GroupRules.mayPropose(.expert))
        #expect(GroupRules.mayBeMember(.equipe) && GroupRules.mayBeMember(.admin))
        #expect(!GroupRules.mayBeMember(.expert))
    }

    @Test("asking to join: open and active with room; refused when full, by invitation, twice, or not active")
    func requests() {
        func refusal(_ role: Role = .demandeur, status: GroupStatus = .active, admission: GroupAdmission = .onRequest,
                     current: GroupMemberStatus? = nil, members: Int = 3) -> GroupRules.Refusal? {
            GroupRules.requestRefusal(role: role, status: status, admission: admission, current: current, members: members, capacity: 12)
        }
        #expect(refusal() == nil)
        #expect(refusal(current: .declined) == nil, "someone declined may ask again")
        #expect(refusal(members: 12) == .full)
        #expect(refusal(admission: .invitation) == .byInvitationOnly)
        #expect(refusal(admission: .invitation, current: .invited) == nil, "an invitation opens the door")
        #expect(refusal(current: .member) == .alreadyMember)
        #expect(refusal(current: .requested) == .alreadyAsked)
        #expect(refusal(status: .proposed) == .notActive)
        #expect(refusal(.equipe) == .notMember)
        #expect(refusal(.expert) == .notMember)
    }

    @Test("inviting: anyone of the association not already in, while there is room")
    func invitations() {
        #expect(GroupRules.invitationRefusal(role: .equipe, status: .active, current: nil, members: 2, capacity: 12) == nil)
        #expect(GroupRules.invitationRefusal(role: .expert, status: .active, current: nil, members: 2, capacity: 12) == .cannotBeMember)
        #expect(GroupRules.invitationRefusal(role: .demandeur, status: .active, current: .invited, members: 2, capacity: 12) == .alreadyInvited)
        #expect(GroupRules.invitationRefusal(role: .demandeur, status: .active, current: .member, members: 2, capacity: 12) == .alreadyMember)
        #expect(GroupRules.invitationRefusal(role: .demandeur, status: .active, current: nil, members: 12, capacity: 12) == .full)
        #expect(GroupRules.admissionRefusal(status: .active, members: 11, capacity: 12) == nil)
        #expect(GroupRules.admissionRefusal(status: .active, members: 12, capacity: 12) == .full)
        #expect(GroupRules.placesLeft(capacity: 12, members: 14) == 0)
    }

    @Test("notes are saved over the version read, never over someone else's")
    func notes() {
        #expect(GroupRules.notesRefusal(readVersion: 0, currentVersion: 0) == nil)
        #expect(GroupRules.notesRefusal(readVersion: 2, currentVersion: 2) == nil)
        #expect(GroupRules.notesRefusal(readVersion: 1, currentVersion: 2) == .staleNotes)
    }

    @Test("a meeting is held once started, unless cancelled; Paris local text compares with stored times")
    func held() throws {
        let start = try #require(AtelierRules.instant("2027-01-14T18:30"))
        #expect(!GroupRules.wasHeld(startsAt: "2027-01-14T18:30", cancelled: false, now: start.addingTimeInterval(-60)))
        #expect(GroupRules.wasHeld(startsAt: "2027-01-14T18:30", cancelled: false, now: start))
        #expect(!GroupRules.wasHeld(startsAt: "2027-01-14T18:30", cancelled: true, now: start.addingTimeInterval(3600)))
        #expect(GroupRules.parisLocalText(start) == "2027-01-14T18:30")
        // Summer time: 16:05 UTC is 18:05 in Paris.
        #expect(GroupRules.parisLocalText(Date(timeIntervalSince1970: 1_783_008_300)) == "2026-07-02T18:05")
    }

    @Test("the weekly digest goes on Mondays from 8:00 Paris, once a week")
    func digest() throws {
        let mondayEarly = try #require(AtelierRules.instant("2026-11-23T07:59"))
        let monday = try #require(AtelierRules.instant("2026-11-23T08:00"))
        let tuesday = try #require(AtelierRules.instant("2026-11-24T09:00"))
        #expect(!GroupDigest.isDue(now: mondayEarly, lastSentAt: nil))
        #expect(GroupDigest.isDue(now: monday, lastSentAt: nil))
        #expect(!GroupDigest.isDue(now: tuesday, lastSentAt: nil))
        #expect(!GroupDigest.isDue(now: monday.addingTimeInterval(3600), lastSentAt: monday), "one digest per Monday")
        #expect(GroupDigest.isDue(now: monday.addingTimeInterval(7 * 86_400), lastSentAt: monday))
    }
}
