import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// Issue 15, point 1: a case only goes to a correspondent who can sign in to read it; the others
/// are invited, and staff see who cannot yet receive cases.
@Suite("Routing only to correspondents who can sign in", .serialized)
struct ReachableRoutingTests {
    @Test("a correspondent without an account that can sign in is passed over, for someone in the région")
    func passedOver() async throws {
        let world = try await CaseWorld.make()
        try await world.database.writer.write { db in
            try db.execute(sql: "UPDATE user SET passwordHash = NULL WHERE correspondentId = ?", arguments: [world.correspondentId])
        }
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            #expect(try await world.caseFile(reference).assigneeId == world.otherCorrespondentId)
        }
    }

    @Test("with nobody reachable the case waits for staff, who see how many correspondents cannot receive cases")
    func staffQueue() async throws {
        let world = try await CaseWorld.make()
        try await world.database.writer.write { db in try db.execute(sql: "UPDATE user SET correspondentId = NULL") }
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            #expect(try await world.caseFile(reference).status == .nouvelle)
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            let dashboard = try await staff.get("/equipe")
            #expect(dashboard.body.contains(reference))
            #expect(dashboard.body.contains("ne reçoivent pas encore de demandes"))
            let list = try await staff.get("/equipe/correspondants?joignable=non")
            #expect(list.body.contains("Pas de compte\u{00A0}: ne reçoit aucune demande"))
        }
    }

    @Test("staff invite every correspondent without an account in one go; invited is not yet reachable")
    func inviteAll() async throws {
        let world = try await CaseWorld.make()
        let toInvite = try await world.database.correspondentsToInvite().count
        #expect(toInvite > 0)
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            _ = try await staff.get("/equipe/correspondants?joignable=non")
            let sent = try await staff.post("/equipe/correspondants/invitations", [])
            #expect(sent.status == .seeOther)
            #expect(try world.outbox(kind: "invitation").count == toInvite)
            #expect(try await world.database.correspondentsToInvite().isEmpty)
            let list = try await staff.get(try #require(sent.location))
            #expect(list.body.contains("\(toInvite) invitations envoyées."))
            #expect(list.body.contains("Invité, pas encore inscrit"))
        }
    }

    @Test("the demo gives every seeded correspondent an account that can sign in")
    func demoNetwork() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        #expect(try await database.unreachableCorrespondentCount() == 0)
        try await SecondFactorFixture.enrolStaff(in: database)
        try await TestApp.run(database: database, config: TestApp.config(demo: true)) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, "equipe@demo.relais.example", "relais-demo-equipe")
            let list = try await staff.get("/equipe/correspondants")
            #expect(list.status == .ok)
            #expect(!list.body.contains("ne reçoivent pas encore de demandes"), "nothing to say when everyone is reachable")
        }
    }
}
