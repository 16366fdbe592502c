import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Cases: acts applied by CaseWorkflow inside a write")
struct CaseHandlingTests {
    @Test("accept, wait, the director's message resumes, close, reopen within the window: states, events and mails")
    func wholeLife() async throws {
        // setup
        let world = try await World.make()
        let id = try await world.openCase().id!

        // MUT and validate, step by step
        let accepted = try await world.apply(.accept, to: id, by: world.correspondent, as: .assignee)
        #expect(accepted.status == .priseEnCharge && accepted.acceptedAt == world.clock.now)
        #expect(try world.outbox(.caseAccepted).map(\.recipient) == [world.director.notificationEmail])

        world.clock.advance(by: 3600)
        let waiting = try await world.apply(.wait, to: id, by: world.correspondent, as: .assignee)
        #expect(waiting.status == .enAttente && waiting.waitingSince == world.clock.now)
        #expect(try world.outbox(.caseWaiting).map(\.recipient) == [world.director.notificationEmail])

        try await world.cases.post(message: "Voici le document demandé.", caseId: id, author: world.director, role: .director)
        let resumed = try await world.caseFile(id: id)
        #expect(resumed.status == .priseEnCharge && resumed.waitingSince == nil)
        let toCorrespondent = try world.outbox(.caseMessage)
        #expect(toCorrespondent.map(\.recipient) == [world.correspondent.notificationEmail])
        #expect(toCorrespondent.first?.decodedSubject.contains("nouveau message") == true)

        let closed = try await world.apply(.close(.resolue), to: id, by: world.correspondent, as: .assignee)
        #expect(closed.status == .close && closed.outcome == .resolue && closed.closedAt == world.clock.now)
        #expect(try world.outbox(.caseClosed).first?.text.contains("\(CaseLifecycle.reopenWindowDays) jours") == true)

        world.clock.advance(by: 10 * 86_400)
        let reopened = try await world.apply(.reopen, to: id, by: world.director, as: .director)
        #expect(reopened.status == .attribuee && reopened.outcome == nil && reopened.closedAt == nil)
        #expect(reopened.assigneeId == world.correspondentId, "a reopened case goes back to its correspondent")
        #expect(try world.outbox(.caseAssigned).count == 2)

        #expect(try await world.eventKinds(id) == [.opened, .assigned, .accepted, .waiting, .resumed, .closed, .reopened, .assigned])
        let resume = try await world.database.reader.read { db in
            try CaseEvent.filter(CaseEvent.Columns.caseId == id && CaseEvent.Columns.kind == CaseEventKind.resumed.rawValue).fetchOne(db)
        }
        #expect(resume?.actorRole == CaseActorRole.director.rawValue && resume?.actorUserId == world.director.id)
        let close = try await world.database.reader.read { db in
            try CaseEvent.filter(CaseEvent.Columns.caseId == id && CaseEvent.Columns.kind == CaseEventKind.closed.rawValue).fetchOne(db)
        }
        #expect(close?.reason == "Issue\u{00A0}: résolue.")
    }

    @Test("a decline needs nobody's help: the case goes to another correspondent, never back, and the director is told")
    func declineReroutes() async throws {
        let world = try await World.make()
        let id = try await world.openCase().id!

        let rerouted = try await world.apply(.decline, reason: "Je connais le maire.", to: id, by: world.correspondent, as: .assignee)

        #expect(rerouted.status == .attribuee)
        #expect(rerouted.assigneeId != nil && rerouted.assigneeId != world.correspondentId)
        #expect(try await world.eventKinds(id) == [.opened, .assigned, .declined, .assigned])
        let declined = try await world.database.reader.read { db in try AppDatabase.correspondentsWhoDeclined(caseId: id, in: db) }
        #expect(declined == [world.correspondentId])
        let notice = try #require(try world.outbox(.caseRerouted).first)
        #expect(notice.recipient == world.director.notificationEmail)
        #expect(!notice.text.contains("Je connais le maire"), "the director never reads the reason")
        #expect(try world.outbox(.caseAssigned).count == 2)
        // The one who declined no longer holds a role on it.
        let role = try await world.database.reader.read { db in try CaseService.role(of: world.correspondent, on: rerouted, in: db) }
        #expect(role == nil)
    }

    @Test("declined by the only eligible correspondent: the case waits in the staff queue and staff are alerted")
    func declineWithNobodyElse() async throws {
        let world = try await World.make()
        try await world.database.writer.write { db in
            try db.execute(sql: "UPDATE correspondent SET active = 0 WHERE id != ?", arguments: [world.correspondentId])
        }
        let id = try await world.openCase().id!

        let queued = try await world.apply(.decline, reason: "Conflit d’intérêts.", to: id, by: world.correspondent, as: .assignee)

        #expect(queued.status == .nouvelle && queued.assigneeId == nil)
        #expect(try await world.eventKinds(id).suffix(2) == [.declined, .queued])
        #expect(try world.outbox(.caseUnrouted).map(\.recipient) == [World.staffAddress])
        #expect(try world.outbox(.caseRerouted).first?.text.contains("cherche la personne la mieux placée") == true)
    }

    @Test("refused acts throw CaseLifecycle.Refusal and write nothing")
    func refusals() async throws {
        let world = try await World.make()
        let id = try await world.openCase().id!
        let before = try await world.eventKinds(id)
        let mailsBefore = try world.outbox().count

        await #expect(throws: CaseLifecycle.Refusal.notYours) {
            try await world.apply(.accept, to: id, by: world.director, as: .director)
        }
        await #expect(throws: CaseLifecycle.Refusal.notFromThisState) {
            try await world.apply(.wait, to: id, by: world.correspondent, as: .assignee)
        }
        await #expect(throws: CaseLifecycle.Refusal.notFromThisState) {
            try await world.apply(.reopen, to: id, by: world.director, as: .director)
        }
        // Nobody asks for an assignment: routing makes it.
        await #expect(throws: CaseLifecycle.Refusal.notFromThisState) {
            try await world.apply(.assign, to: id, by: world.staff, as: .staff)
        }

        #expect(try await world.eventKinds(id) == before)
        #expect(try await world.caseFile(id: id).status == .attribuee)
        #expect(try world.outbox().count == mailsBefore)
    }

    @Test("a reopening after the 30-day window is refused as too late")
    func reopenTooLate() async throws {
        let world = try await World.make()
        let id = try await world.openCase().id!
        try await world.apply(.withdraw, to: id, by: world.director, as: .director)
        #expect(try world.outbox(.caseWithdrawn).map(\.recipient) == [world.correspondent.notificationEmail])

        world.clock.advance(by: Double(CaseLifecycle.reopenWindowDays + 1) * 86_400)

        await #expect(throws: CaseLifecycle.Refusal.tooLate) {
            try await world.apply(.reopen, to: id, by: world.director, as: .director)
        }
        #expect(try await world.caseFile(id: id).outcome == .retiree)
    }

    @Test("CaseService.act checks the actor's role on the case as stored, and the version their page showed")
    func actChecksRoleAndVersion() async throws {
        let world = try await World.make()
        let id = try await world.openCase().id!
        let seen = try await world.database.caseVersion(caseId: id)

        // Another correspondent may not act as the assignee; a stale page may not act at all.
        await #expect(throws: CaseConflict.self) {
            try await world.cases.act(CaseWorkflow.Act(action: .accept), caseId: id, actor: world.other, role: .assignee)
        }
        // The correspondent accepts from another page: the version seen above is stale.
        try await world.apply(.accept, to: id, by: world.correspondent, as: .assignee)
        await #expect(throws: CaseConflict.self) {
            try await world.cases.act(CaseWorkflow.Act(action: .wait), caseId: id, actor: world.correspondent, role: .assignee, seen: seen)
        }
        #expect(try await world.caseFile(id: id).status == .priseEnCharge)

        // With the current version the act goes through, its closing word posted in the thread.
        let current = try await world.database.caseVersion(caseId: id)
        try await world.cases.act(CaseWorkflow.Act(action: .close(.sansSuite), closingWord: "Bonne continuation."), caseId: id,
                                  actor: world.correspondent, role: .assignee, seen: current)
        #expect(try await world.caseFile(id: id).outcome == .sansSuite)
        let lastMessage = try await world.database.reader.read { db in
            try String.fetchOne(db, sql: "SELECT body FROM caseMessage WHERE caseId = ? ORDER BY id DESC LIMIT 1", arguments: [id])
        }
        #expect(lastMessage == "Bonne continuation.")
    }
}
