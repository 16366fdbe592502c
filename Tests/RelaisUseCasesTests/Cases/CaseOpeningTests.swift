import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Cases: a director submits a case")
struct CaseOpeningTests {
    @Test("a submission opens the case with a reference, routes it to the correspondent, who can sign in, and records both events")
    func submitOpensAndRoutes() async throws {
        // setup
        let world = try await World.make()

        // MUT
        let result = try await world.cases.submit(world.draft(), director: world.director)

        // validate
        guard case .opened(let reference) = result else { Issue.record("not opened: \(result)"); return }
        #expect(CaseReference(reference) == CaseReference(year: 2026, sequence: 1))
        let stored = try await world.caseFile(reference)
        #expect(stored.status == .attribuee)
        #expect(stored.assigneeId == world.correspondentId)
        #expect(stored.openedAt == world.clock.now && stored.assignedAt == world.clock.now)
        #expect(stored.directorId == world.director.id)
        #expect(try await world.database.caseAxes(caseId: stored.id!) == [.solidarite])
        #expect(try await world.eventKinds(stored.id!) == [.opened, .assigned])
        let assignment = try await world.database.reader.read { db in
            try CaseEvent.filter(CaseEvent.Columns.caseId == stored.id! && CaseEvent.Columns.kind == CaseEventKind.assigned.rawValue).fetchOne(db)
        }
        #expect(assignment?.correspondentId == world.correspondentId)
        #expect(assignment?.fromStatus == .nouvelle && assignment?.toStatus == .attribuee)
        #expect(assignment?.actorRole == CaseActorRole.system.rawValue)

        // The correspondent it went to has an account that signs in and holds the case.
        let signIn = try await world.useCases.accounts.signIn(email: world.correspondent.email, password: World.password, address: World.address)
        guard case .signedIn(let user) = signIn else { Issue.record("the correspondent cannot sign in: \(signIn)"); return }
        #expect(user.correspondentId == world.correspondentId)
        let role = try await world.database.reader.read { db in try CaseService.role(of: user, on: stored, in: db) }
        #expect(role == .assignee)
    }

    @Test("opening queues « case-received » to the director's notification address and « case-assigned » to the correspondent, nothing else")
    func openingMails() async throws {
        let world = try await World.make()

        let caseFile = try await world.openCase()

        let mails = try world.outbox()
        #expect(mails.map(\.kind) == [MailKind.caseAssigned.rawValue, MailKind.caseReceived.rawValue])
        let received = try #require(try world.outbox(.caseReceived).first)
        #expect(received.recipient == world.director.notificationEmail)
        #expect(received.text.contains(caseFile.reference!))
        #expect(received.text.contains("/demandes/\(caseFile.reference!)"))
        let assigned = try #require(try world.outbox(.caseAssigned).first)
        #expect(assigned.recipient == world.correspondent.notificationEmail)
        #expect(assigned.text.contains(caseFile.reference!))
        // The acknowledgement names the correspondent by first name, as the template says.
        let firstName = try await world.database.reader.read { db in
            try String.fetchOne(db, sql: "SELECT firstName FROM correspondent WHERE id = ?", arguments: [world.correspondentId])
        }
        #expect(received.text.contains(try #require(firstName)))
    }

    @Test("no mail of a case carries its narrative, employer, situation, phone or the director's name, stored bytes included")
    func mailsCarryNothingOfTheCase() async throws {
        // setup: a case through its life, so that every kind of case mail is queued at least once
        let world = try await World.make()
        let caseFile = try await world.openCase()
        let id = caseFile.id!
        try await world.apply(.accept, to: id, by: world.correspondent, as: .assignee)
        try await world.cases.post(message: "Message privé MARQUEURMESSAGE", caseId: id, author: world.correspondent, role: .assignee)
        try await world.apply(.wait, to: id, by: world.correspondent, as: .assignee)
        try await world.cases.post(message: "Réponse MARQUEURREPONSE", caseId: id, author: world.director, role: .director)
        try await world.apply(.decline, reason: "Conflit MARQUEURMOTIF", to: id, by: world.correspondent, as: .assignee)

        let situation = try #require(try await world.database.reader.read { db in
            try String.fetchOne(db, sql: "SELECT title FROM situation WHERE slug = ?", arguments: [World.situationSlug])
        })
        let mails = try world.outbox()
        #expect(Set(mails.map(\.kind)).isSuperset(of: ["case-received", "case-assigned", "case-accepted", "case-message", "case-waiting", "case-rerouted"]))
        let asciiMarkers = ["XYLOGRAPHE", "Quintilien", "Zephyrin", "MARQUEURMESSAGE", "MARQUEURREPONSE", "MARQUEURMOTIF", "Vautrin", "06 11 22 33 44",
                            World.situationSlug, "decision-annoncee"]
        let words = asciiMarkers + [World.narrative, World.employer, situation, "mon départ", World.callTimes, World.directorName]
        for mail in mails {
            for marker in asciiMarkers {
                #expect(!mail.raw.contains(marker), "« \(marker) » in the stored bytes of \(mail.kind)")
            }
            for word in words {
                for (part, text) in [("subject", mail.decodedSubject), ("text", mail.text), ("html", mail.html)] {
                    #expect(!text.contains(word), "« \(word) » in the \(part) of \(mail.kind)")
                }
            }
            #expect(!mail.text.isEmpty && !mail.html.isEmpty, "\(mail.kind) has both parts")
        }
    }

    @Test("the same submission token twice opens one case and queues its mails once")
    func sameTokenTwice() async throws {
        let world = try await World.make()
        let draft = world.draft(token: "jeton-unique-123")

        let first = try await world.cases.submit(draft, director: world.director)
        let second = try await world.cases.submit(draft, director: world.director)

        guard case .opened(let reference) = first else { Issue.record("not opened: \(first)"); return }
        #expect(second == .opened(reference: reference))
        #expect(try await world.database.reader.read { db in try CaseFile.fetchCount(db) } == 1)
        #expect(try world.outbox(.caseAssigned).count == 1)
        #expect(try world.outbox(.caseReceived).count == 1)
        // Someone else sending that token learns nothing of the case it opened.
        #expect(try await world.cases.submit(draft, director: world.other) == .awaitingConfirmation)
    }

    @Test("past the open-case limit a submission is refused, nothing stored; each refusal audited, staff mailed once a day")
    func openLimit() async throws {
        let world = try await World.make { $0.maxOpenCases = 2; $0.maxCasesPerDay = 10 }
        let first = try await world.openCase()
        let second = try await world.openCase()

        let refused = try await world.cases.submit(world.draft(), director: world.director)
        let again = try await world.cases.submit(world.draft(), director: world.director)

        #expect(refused == .limited(CaseLimitRefusal(decision: .tooManyOpen(open: 2), openReferences: [first.reference!, second.reference!])))
        #expect(again == refused)
        #expect(try await world.database.reader.read { db in try CaseFile.fetchCount(db) } == 2)
        let lines = try world.audit(.caseLimitReached)
        #expect(lines.count == 2)
        #expect(lines.allSatisfy { $0.target == "utilisateur \(world.director.id!)" && $0.detail == "2 demandes ouvertes" })
        let alerts = try world.outbox(.caseLimit)
        #expect(alerts.count == 1)
        #expect(alerts.first?.recipient == World.staffAddress)
        #expect(alerts.first?.text.contains(AuditAction.caseLimitReached.label) == true)

        // A closed case frees its place.
        try await world.apply(.withdraw, to: first.id!, by: world.director, as: .director)
        guard case .opened = try await world.cases.submit(world.draft(), director: world.director) else {
            Issue.record("a withdrawn case still counts"); return
        }
    }

    @Test("past the daily limit a submission waits for the next Paris day")
    func dailyLimit() async throws {
        let world = try await World.make { $0.maxOpenCases = 10; $0.maxCasesPerDay = 2 }
        _ = try await world.openCase()
        _ = try await world.openCase()

        let refused = try await world.cases.submit(world.draft(), director: world.director)
        guard case .limited(let refusal) = refused else { Issue.record("not refused: \(refused)"); return }
        #expect(refusal.decision == .tooManyToday(opened: 2))
        #expect(world.workflow.message(for: refusal).contains("demain"))

        // TestClock.now is 10:00 in Paris: fifteen hours later is the next day.
        world.clock.advance(by: 15 * 3600)
        guard case .opened = try await world.cases.submit(world.draft(), director: world.director) else {
            Issue.record("still refused the next day"); return
        }
    }
}
