import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Exchange groups: creating, joining, meetings, notes, actions, digests")
struct GroupServiceTests {
    static let title = "Marqueur ZOSTERA des équipes"
    static let agenda = "Ordre du jour confidentiel QUERCUS"
    static let place = "https://visio.exemple.fr/salle-PINUS"

    static func fields(admission: GroupAdmission = .onRequest, capacity: Int = 12) -> GroupService.Fields {
        GroupService.Fields(title: title, audience: "DGS de communes moyennes", description: "", regionCode: nil, capacity: capacity, admission: admission)
    }

    /// A group created by staff whose référent is the world's director.
    func group(_ world: World, admission: GroupAdmission = .onRequest, capacity: Int = 12) async throws -> Int64 {
        try await world.useCases.groups.create(Self.fields(admission: admission, capacity: capacity), referentEmail: world.director.email,
                                               by: world.staff, address: World.address)
    }

    /// The correspondent joins the group through a request the director accepts.
    func join(_ world: World, _ groupId: Int64, _ user: User) async throws {
        try await world.useCases.groups.requestToJoin(groupId: groupId, user: user, address: World.address)
        let member = try #require(try await world.database.read { db in try AppDatabase.membership(groupId: groupId, userId: user.id!, in: db) })
        try await world.useCases.groups.decideRequest(groupId: groupId, memberId: member.id!, accept: true, by: world.director, address: World.address)
    }

    func meeting(_ world: World, _ groupId: Int64) async throws -> Int64 {
        try await world.useCases.groups.planMeeting(groupId: groupId, .init(startsAt: "2026-12-03T18:30", endsAt: "2026-12-03T20:00", online: true,
                                                                            place: Self.place, agenda: Self.agenda),
                                                    by: world.director, address: World.address)
    }

    /// No group mail carries the group's title, a meeting's agenda or its place.
    func expectNeutral(_ mails: [OutboxMessage]) {
        for mail in mails {
            for secret in [Self.title, "ZOSTERA", "QUERCUS", "PINUS"] {
                #expect(!mail.raw.contains(secret) && !mail.text.contains(secret), "\(mail.kind) carries \(secret)")
            }
        }
    }

    @Test("staff create an active group: its référent is a member, told by a neutral mail, and the creation is audited")
    func staffCreate() async throws {
        let world = try await World.make()

        let groupId = try await group(world)

        let space = try #require(try await world.database.groupSpace(groupId: groupId, userId: world.director.id!))
        #expect(space.group.status == .active && space.me.referent)
        let mail = try #require(try world.outbox(.groupDecision).first)
        #expect(mail.recipient == world.director.notificationEmail)
        #expect(mail.text.contains("votre équipe") || mail.text.contains("une équipe d’échanges"))
        expectNeutral(try world.outbox())
        #expect(try world.audit(.groupCreated).count == 1)
        await #expect(throws: GroupRules.Refusal.unknownAccount) {
            try await world.useCases.groups.create(Self.fields(), referentEmail: "personne@exemple.fr", by: world.staff, address: World.address)
        }
    }

    @Test("a member proposes a group, staff are told; once approved it opens with its author as référent")
    func proposal() async throws {
        let world = try await World.make()

        let groupId = try await world.useCases.groups.propose(Self.fields(), by: world.correspondent, address: World.address)

        #expect(try world.outbox(.groupProposed).first?.recipient == World.staffAddress)
        #expect(try await world.database.groupSpace(groupId: groupId, userId: world.correspondent.id!)?.group.status == .proposed)
        let open = try await world.database.groupsOverview(userId: world.director.id!).open
        #expect(!open.contains { $0.group.id == groupId }, "a proposal is not open to requests")
        try await world.useCases.groups.decide(groupId: groupId, approve: true, by: world.staff, address: World.address)
        #expect(try await world.database.groupSpace(groupId: groupId, userId: world.correspondent.id!)?.group.status == .active)
        #expect(try world.outbox(.groupDecision).first?.recipient == world.correspondent.notificationEmail)
        await #expect(throws: GroupRules.Refusal.notActive) {
            try await world.useCases.groups.decide(groupId: groupId, approve: false, by: world.staff, address: World.address)
        }
        await #expect(throws: GroupRules.Refusal.notMember) {
            try await world.useCases.groups.propose(Self.fields(), by: world.staff, address: World.address)
        }
        expectNeutral(try world.outbox())
    }

    @Test("a member asks to join, the référent is told and accepts; a full group refuses; a second request is refused")
    func joining() async throws {
        let world = try await World.make()
        let groupId = try await group(world, capacity: 2)

        let outcome = try await world.useCases.groups.requestToJoin(groupId: groupId, user: world.correspondent, address: World.address)

        #expect(outcome == .requested)
        #expect(try world.outbox(.groupJoinRequest).first?.recipient == world.director.notificationEmail)
        await #expect(throws: GroupRules.Refusal.alreadyAsked) {
            try await world.useCases.groups.requestToJoin(groupId: groupId, user: world.correspondent, address: World.address)
        }
        #expect(try await world.database.groupSpace(groupId: groupId, userId: world.correspondent.id!) == nil, "not a member before the référent says so")
        let member = try #require(try await world.database.read { db in try AppDatabase.membership(groupId: groupId, userId: world.correspondent.id!, in: db) })
        // Only the référent decides.
        await #expect(throws: GroupService.NotFound.self) {
            try await world.useCases.groups.decideRequest(groupId: groupId, memberId: member.id!, accept: true, by: world.other, address: World.address)
        }
        try await world.useCases.groups.decideRequest(groupId: groupId, memberId: member.id!, accept: true, by: world.director, address: World.address)
        #expect(try await world.database.groupSpace(groupId: groupId, userId: world.correspondent.id!) != nil)
        #expect(try world.outbox(.groupAdmission).first?.recipient == world.correspondent.notificationEmail)
        await #expect(throws: GroupRules.Refusal.full) {
            try await world.useCases.groups.requestToJoin(groupId: groupId, user: world.other, address: World.address)
        }
        expectNeutral(try world.outbox())
    }

    @Test("a group by invitation is not there for someone not invited; the référent invites, the person accepts")
    func invitation() async throws {
        let world = try await World.make()
        let groupId = try await group(world, admission: .invitation)

        await #expect(throws: GroupService.NotFound.self) {
            try await world.useCases.groups.requestToJoin(groupId: groupId, user: world.correspondent, address: World.address)
        }
        #expect(try await !world.database.groupsOverview(userId: world.correspondent.id!).open.contains { $0.group.id == groupId })
        try await world.useCases.groups.invite(groupId: groupId, email: world.correspondent.email, by: world.director, address: World.address)
        #expect(try world.outbox(.groupInvitation).first?.recipient == world.correspondent.notificationEmail)
        #expect(try await world.database.groupsOverview(userId: world.correspondent.id!).mine.first?.mine?.status == .invited)
        await #expect(throws: GroupRules.Refusal.alreadyInvited) {
            try await world.useCases.groups.invite(groupId: groupId, email: world.correspondent.email, by: world.director, address: World.address)
        }
        try await world.useCases.groups.answerInvitation(groupId: groupId, accept: true, user: world.correspondent, address: World.address)
        #expect(try await world.database.groupSpace(groupId: groupId, userId: world.correspondent.id!) != nil)
        await #expect(throws: GroupRules.Refusal.unknownAccount) {
            try await world.useCases.groups.invite(groupId: groupId, email: "inconnu@exemple.fr", by: world.director, address: World.address)
        }
    }

    @Test("the référent plans a meeting: every other member gets a neutral mail with the meeting's .ics, its UID stable")
    func planMeeting() async throws {
        let world = try await World.make()
        let groupId = try await group(world)
        try await join(world, groupId, world.correspondent)

        let meetingId = try await meeting(world, groupId)

        let mails = try world.outbox(.meetingPlanned)
        #expect(mails.map(\.recipient) == [world.correspondent.notificationEmail], "the référent who planned it gets none")
        let mail = try #require(mails.first)
        #expect(mail.text.contains("le jeudi 3\u{00A0}décembre 2026, de 18\u{00A0}h\u{00A0}30 à 20\u{00A0}h"))
        let attachment = try #require(MIMEReader(mail.raw).attachments.first)
        #expect(attachment.filename == "reunion.ics")
        let ics = String(decoding: attachment.data, as: UTF8.self)
        #expect(ics.contains("UID:reunion-\(meetingId)@relais\r\n"))
        #expect(ics.contains("DTSTART:20261203T173000Z\r\n"))
        #expect(ics.contains("LOCATION:En visioconférence\r\n"))
        expectNeutral(try world.outbox())
        #expect(!ics.contains("QUERCUS") && !ics.contains("PINUS") && !ics.contains("ZOSTERA"))
        // A member who is not référent may not plan.
        await #expect(throws: GroupRules.Refusal.notReferent) {
            try await world.useCases.groups.planMeeting(groupId: groupId, .init(startsAt: "2026-12-10T18:30", endsAt: "2026-12-10T20:00", online: false,
                                                                                place: "Lyon", agenda: ""), by: world.correspondent, address: World.address)
        }
    }

    @Test("roles are taken by members, once each; notes are versioned and a stale save is refused")
    func rolesAndNotes() async throws {
        let world = try await World.make()
        let groupId = try await group(world)
        try await join(world, groupId, world.correspondent)
        let meetingId = try await meeting(world, groupId)
        let groups = world.useCases.groups

        try await groups.takeRole(groupId: groupId, meetingId: meetingId, role: .scribe, user: world.correspondent, address: World.address)
        try await groups.takeRole(groupId: groupId, meetingId: meetingId, role: .scribe, user: world.correspondent, address: World.address)
        await #expect(throws: GroupRules.Refusal.roleTaken) {
            try await groups.takeRole(groupId: groupId, meetingId: meetingId, role: .scribe, user: world.director, address: World.address)
        }
        #expect(try await groups.saveNotes(groupId: groupId, meetingId: meetingId, markdown: "## Fait\n\n- un", readVersion: 0,
                                           user: world.correspondent, address: World.address) == 1)
        #expect(try await groups.saveNotes(groupId: groupId, meetingId: meetingId, markdown: "## Fait\n\n- un\n- deux", readVersion: 1,
                                           user: world.director, address: World.address) == 2)
        await #expect(throws: GroupRules.Refusal.staleNotes) {
            try await groups.saveNotes(groupId: groupId, meetingId: meetingId, markdown: "écrasement", readVersion: 1, user: world.correspondent,
                                       address: World.address)
        }
        let page = try #require(try await world.database.meetingPage(groupId: groupId, meetingId: meetingId, userId: world.correspondent.id!))
        #expect(page.notes?.version == 2 && page.versions.map(\.version) == [2, 1])
        #expect(page.roles[.scribe]?.member.userId == world.correspondent.id)
        let first = try #require(try await world.database.notesVersion(groupId: groupId, meetingId: meetingId, version: 1, userId: world.director.id!))
        #expect(first.1.bodyMarkdown == "## Fait\n\n- un")
        #expect(try world.audit(.meetingNotesSaved).count == 2)
    }

    @Test("nobody outside the group reads or writes inside it, staff included")
    func outsiders() async throws {
        let world = try await World.make()
        let groupId = try await group(world)
        let meetingId = try await meeting(world, groupId)
        let groups = world.useCases.groups

        for outsider in [world.staff, world.other] {
            #expect(try await world.database.groupSpace(groupId: groupId, userId: outsider.id!) == nil)
            #expect(try await world.database.meetingPage(groupId: groupId, meetingId: meetingId, userId: outsider.id!) == nil)
            await #expect(throws: GroupService.NotFound.self) {
                try await groups.takeRole(groupId: groupId, meetingId: meetingId, role: .timekeeper, user: outsider, address: World.address)
            }
            await #expect(throws: GroupService.NotFound.self) {
                try await groups.saveNotes(groupId: groupId, meetingId: meetingId, markdown: "intrus", readVersion: 0, user: outsider, address: World.address)
            }
            await #expect(throws: GroupService.NotFound.self) {
                try await groups.addAction(groupId: groupId, meetingId: meetingId, title: "x", ownerUserId: world.director.id!, due: Day(TestClock.now),
                                           by: outsider, address: World.address)
            }
        }
        // A meeting of another group is not reached through this one.
        let otherGroup = try await world.useCases.groups.create(Self.fields(), referentEmail: world.other.email, by: world.staff, address: World.address)
        #expect(try await world.database.meetingPage(groupId: otherGroup, meetingId: meetingId, userId: world.other.id!) == nil)
    }

    @Test("an action item goes to its owner's list and mail, and leaves the list once done; the owner must be a member")
    func actions() async throws {
        let world = try await World.make()
        let groupId = try await group(world)
        try await join(world, groupId, world.correspondent)
        let meetingId = try await meeting(world, groupId)
        let due = try #require(Day(iso: "2026-12-15"))

        let actionId = try await world.useCases.groups.addAction(groupId: groupId, meetingId: meetingId, title: "Envoyer le modèle",
                                                                 ownerUserId: world.director.id!, due: due, by: world.correspondent, address: World.address)

        let mine = try await world.database.myActions(userId: world.director.id!)
        #expect(mine.map(\.item.title) == ["Envoyer le modèle"])
        let mail = try #require(try world.outbox(.actionAssigned).first)
        #expect(mail.recipient == world.director.notificationEmail)
        #expect(!mail.text.contains("Envoyer le modèle"), "the task stays in Relais")
        await #expect(throws: GroupRules.Refusal.notMember) {
            try await world.useCases.groups.addAction(groupId: groupId, meetingId: meetingId, title: "x", ownerUserId: world.other.id!, due: due,
                                                      by: world.director, address: World.address)
        }
        _ = try await world.useCases.groups.completeAction(groupId: groupId, actionId: actionId, user: world.director, address: World.address)
        #expect(try await world.database.myActions(userId: world.director.id!).isEmpty)
    }

    @Test("a member who chose the weekly digest gets no mail per event, then one digest on Monday morning, and no second one that week")
    func digest() async throws {
        let world = try await World.make()
        let groupId = try await group(world)
        try await join(world, groupId, world.correspondent)
        try await world.useCases.groups.setDigest(true, user: world.correspondent, address: World.address)

        _ = try await meeting(world, groupId)
        _ = try await world.useCases.groups.addAction(groupId: groupId, meetingId: try await meeting(world, groupId), title: "Relire",
                                                      ownerUserId: world.correspondent.id!, due: Day(TestClock.now), by: world.director,
                                                      address: World.address)

        #expect(try world.outbox(.meetingPlanned).isEmpty && world.outbox(.actionAssigned).isEmpty)
        // Sunday 10:00: not yet.
        #expect(try await world.useCases.jobs.run()[GroupDigestJob.name] == 0)
        world.clock.advance(by: 22 * 3600)
        #expect(try await world.useCases.jobs.run()[GroupDigestJob.name] == 1)
        let digest = try #require(try world.outbox(.groupDigest).first)
        #expect(digest.recipient == world.correspondent.notificationEmail)
        #expect(digest.text.contains("2 réunion(s) planifiée(s)") && digest.text.contains("1 action(s)"))
        expectNeutral(try world.outbox())
        // Something new on Tuesday waits for the next Monday.
        world.clock.advance(by: 26 * 3600)
        _ = try await meeting(world, groupId)
        #expect(try await world.useCases.jobs.run()[GroupDigestJob.name] == 0)
        world.clock.advance(by: 6 * 86_400)
        #expect(try await world.useCases.jobs.run()[GroupDigestJob.name] == 1)
        #expect(try world.outbox(.groupDigest).count == 2)
    }

    @Test("the dashboard counts active groups and meetings held")
    func figures() async throws {
        let world = try await World.make()
        let groupId = try await group(world)
        _ = try await meeting(world, groupId)
        _ = try await world.useCases.groups.propose(Self.fields(), by: world.correspondent, address: World.address)

        let before = try await world.database.read { db in try AppDatabase.groupFigures(nowLocal: "2026-12-03T18:29", in: db) }
        let after = try await world.database.read { db in try AppDatabase.groupFigures(nowLocal: "2026-12-03T18:30", in: db) }

        #expect(before == AppDatabase.GroupFigures(active: 1, proposed: 1, meetingsHeld: 0))
        #expect(after.meetingsHeld == 1)
    }
}
