import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Cases: typed by a visitor, sent later")
struct VisitorCaseTests {
    static func signUp(email: String) -> AccountService.SignUp {
        AccountService.SignUp(name: "Nouvelle Directrice", email: email, notificationEmail: email, position: .dga, employerName: "",
                              phone: "07 00 00 00 00", password: World.password)
    }

    @Test("a visitor's case waits for their address; confirming it opens and routes the case")
    func confirmationOpensTheCase() async throws {
        // setup
        let world = try await World.make()
        let email = "nouvelle@mairie.example"

        // MUT: the form, then the link of the confirmation mail
        #expect(try await world.cases.submit(world.draft(), signUp: Self.signUp(email: email), address: World.address) == .awaitingConfirmation)
        #expect(try world.outbox(.caseAssigned).isEmpty, "nothing leaves before the address is confirmed")
        let mail = try #require(try world.outbox(.confirmation).first)
        #expect(mail.recipient == email)
        #expect(mail.text.contains("Votre demande d’accompagnement est prête"), "the mail says a case waits")
        #expect(!mail.raw.contains("XYLOGRAPHE") && !mail.raw.contains("Zephyrin"))
        let secret = try world.linkSecret(to: email)
        let confirmed = try await world.useCases.accounts.confirm(secret: secret, password: World.password, address: World.address)

        // validate
        guard case .confirmed(let user, let opened) = confirmed else { Issue.record("not confirmed: \(confirmed)"); return }
        #expect(opened.count == 1)
        let caseFile = try await world.caseFile(try #require(opened.first))
        #expect(caseFile.directorId == user.id && caseFile.status == .attribuee && caseFile.assigneeId == world.correspondentId)
        #expect(try world.outbox(.caseAssigned).map(\.recipient) == [world.correspondent.notificationEmail])
        #expect(try world.audit(.signedUp).first?.detail == "avec une demande")
    }

    @Test("an address that has an account: its owner is told once a day, and the draft takes the account's contact details")
    func existingAddress() async throws {
        let world = try await World.make()
        let form = Self.signUp(email: world.director.email)

        let first = try await world.cases.submit(world.draft(), signUp: form, address: World.address)
        let second = try await world.cases.submit(world.draft(), signUp: form, address: World.address)

        #expect(first == .awaitingConfirmation && second == .awaitingConfirmation, "the same page as for a new address")
        #expect(try world.outbox(.casePending).map(\.recipient) == [world.director.email])
        #expect(try world.outbox(.confirmation).isEmpty)
        #expect(try world.audit(.caseWithExistingAddress).count == 2)
        let drafts = try await world.database.reader.read { db in
            try CaseFile.filter(CaseFile.Columns.openedAt == nil).order(Column("id")).fetchAll(db)
        }
        #expect(drafts.count == 2)
        #expect(drafts.allSatisfy { $0.directorId == world.director.id && $0.notificationEmail == world.director.notificationEmail && $0.callTimes.isEmpty })

        world.clock.advance(by: CaseService.visitorNoticeInterval + 60)
        _ = try await world.cases.submit(world.draft(), signUp: form, address: World.address)
        #expect(try world.outbox(.casePending).count == 2, "a day later, the owner is told again")
    }

    @Test("the owner sends one waiting draft and erases another; nobody else can")
    func ownerSendsOrErases() async throws {
        let world = try await World.make()
        let form = Self.signUp(email: world.director.email)
        _ = try await world.cases.submit(world.draft(), signUp: form, address: World.address)
        _ = try await world.cases.submit(world.draft(), signUp: form, address: World.address)
        let ids = try await world.database.reader.read { db in try Int64.fetchAll(db, sql: "SELECT id FROM caseFile ORDER BY id") }

        #expect(try await world.cases.sendPending(caseId: ids[0], director: world.other, send: true) == .notFound)
        let sent = try await world.cases.sendPending(caseId: ids[0], director: world.director, send: true)
        let erased = try await world.cases.sendPending(caseId: ids[1], director: world.director, send: false)

        guard case .opened(let reference) = sent else { Issue.record("not sent: \(sent)"); return }
        #expect(try await world.caseFile(reference).status == .attribuee)
        #expect(erased == .erased)
        #expect(try await world.database.reader.read { db in try CaseFile.fetchCount(db) } == 1)
        #expect(try await world.cases.sendPending(caseId: ids[0], director: world.director, send: true) == .notFound, "sent once")
    }
}

@Suite("Cases: correspondents' availability and staff's changes")
struct CorrespondentChangesTests {
    @Test("a correspondent's absence is audited, and no new case reaches them until it ends")
    func absence() async throws {
        let world = try await World.make()
        let until = try #require(Day(year: 2026, month: 12, day: 15))

        try await world.cases.setAvailability(correspondentId: world.correspondentId, absentUntil: until, capacity: 3, by: world.correspondent,
                                              address: World.address)
        let caseFile = try await world.openCase()

        #expect(caseFile.assigneeId != nil && caseFile.assigneeId != world.correspondentId)
        let line = try #require(try world.audit(.availabilityChanged).first)
        #expect(line.target == "correspondant \(world.correspondentId)")
        #expect(line.detail == "absent jusqu’au 2026-12-15, capacité 3")
    }

    @Test("deactivating a correspondent routes their open cases again, with the events, the mails and the audit line")
    func deactivationReroutes() async throws {
        let world = try await World.make()
        let caseFile = try await world.openCase()
        #expect(caseFile.assigneeId == world.correspondentId)

        try await world.cases.updateCorrespondent(id: world.correspondentId, departements: [world.departement], axes: [.solidarite], capacity: 3,
                                                  absentUntil: nil, active: false, by: world.staff, address: World.address)

        let moved = try await world.caseFile(id: caseFile.id!)
        #expect(moved.status == .attribuee && moved.assigneeId != nil && moved.assigneeId != world.correspondentId)
        #expect(try await world.eventKinds(caseFile.id!) == [.opened, .assigned, .reassigned, .assigned])
        #expect(try world.outbox(.caseReassigned).map(\.recipient) == [world.correspondent.notificationEmail])
        #expect(try world.outbox(.caseAssigned).count == 2)
        #expect(try world.outbox(.caseRerouted).map(\.recipient) == [world.director.notificationEmail])
        let line = try #require(try world.audit(.correspondentChanged).first)
        #expect(line.target == "correspondant \(world.correspondentId)" && line.detail.hasSuffix(", désactivé"))
        let stored = try #require(try await world.database.reader.read { db in try Correspondent.fetchOne(db, key: world.correspondentId) })
        #expect(!stored.active && stored.seedHash == SeedImporter.editedInRelais)
    }
}
