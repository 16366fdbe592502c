import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Fiches initiatives: written in a group, proposed with consent, taken up as a retour d’expérience")
struct InitiativeServiceTests {
    static let fields = InitiativeRules.Fields(
        title: "Un protocole de transition type", what: "Nous avons écrit un modèle de protocole. Marqueur QUERCUS.",
        place: "Communauté de communes du Val", contact: "Le service juridique du centre de gestion", outcome: "Six protocoles signés en 2026.")

    /// A group whose référent is the world's director and whose member is the correspondent.
    func group(_ world: World) async throws -> Int64 {
        let groups = GroupServiceTests()
        let id = try await groups.group(world)
        try await groups.join(world, id, world.correspondent)
        return id
    }

    @Test("members write and read a fiche; nobody else does, staff included, until its author proposes it")
    func inGroup() async throws {
        let world = try await World.make()
        let groupId = try await group(world)
        let id = try await world.useCases.initiatives.write(Self.fields, groupId: groupId, author: world.correspondent, address: World.address)
        #expect(try await world.useCases.initiatives.read(id, groupId: groupId, user: world.director).initiative.title == Self.fields.title)
        for outsider in [world.other, world.staff] {
            await #expect(throws: InitiativeService.NotFound.self) {
                try await world.useCases.initiatives.read(id, groupId: groupId, user: outsider)
            }
            await #expect(throws: InitiativeService.NotFound.self) {
                try await world.useCases.initiatives.write(Self.fields, groupId: groupId, author: outsider, address: World.address)
            }
        }
        await #expect(throws: InitiativeService.NotFound.self, "staff cannot read a fiche kept in its group") {
            try await world.useCases.initiatives.forStaff(id)
        }
        #expect(try await world.database.proposedInitiatives().isEmpty)
        await #expect(throws: InitiativeService.NotNow.self, "only its author proposes it") {
            try await world.useCases.initiatives.propose(id, groupId: groupId, author: world.director, address: World.address)
        }
    }

    @Test("proposed: staff are told without its words, read it, and take it up as a draft sheet the curation publishes")
    func takenUp() async throws {
        let world = try await World.make()
        let groupId = try await group(world)
        let id = try await world.useCases.initiatives.write(Self.fields, groupId: groupId, author: world.correspondent, address: World.address)
        try await world.useCases.initiatives.propose(id, groupId: groupId, author: world.correspondent, address: World.address)
        let mail = try #require(try world.outbox(.initiativeProposed).first)
        #expect(mail.recipient == World.staffAddress && !mail.raw.contains("QUERCUS") && !mail.text.contains("protocole"))
        #expect(try await world.useCases.initiatives.forStaff(id).initiative.status == .proposed)

        let slug = try await world.useCases.initiatives.takeUp(id, staff: world.staff, address: World.address)
        let sheet = try #require(try await world.database.read { db in try FactSheet.filter(Column("slug") == slug).fetchOne(db) })
        #expect(sheet.status == .brouillon && sheet.axis == .reseaux && sheet.theme == InitiativeRules.sheetTheme)
        #expect(sheet.bodyMarkdown.contains("## Ce qui en est ressorti\n\nSix protocoles signés en 2026."))
        #expect(try await world.useCases.initiatives.forStaff(id).initiative.sheetSlug == slug)
        await #expect(throws: InitiativeService.NotNow.self, "taken up once") {
            try await world.useCases.initiatives.takeUp(id, staff: world.staff, address: World.address)
        }
        await #expect(throws: InitiativeService.NotNow.self, "the author no longer changes it") {
            try await world.useCases.initiatives.edit(id, fields: Self.fields, groupId: groupId, author: world.correspondent, address: World.address)
        }
        // Through the four-eyes curation, like any sheet: sent to review by one, published by another.
        try await world.useCases.curation.move(sheet: slug, .askReview, by: world.staff, address: World.address)
        try await world.useCases.curation.move(sheet: slug, .publish, by: world.reviewer, address: World.address)
        let found = try await world.database.search(SearchQuery("protocole de transition type"))
        #expect(found.contains { $0.kind == .factSheet && $0.ref == slug })
    }

    @Test("left in its group: its author may change it, which takes it back from staff until proposed again")
    func declined() async throws {
        let world = try await World.make()
        let groupId = try await group(world)
        let id = try await world.useCases.initiatives.write(Self.fields, groupId: groupId, author: world.correspondent, address: World.address)
        try await world.useCases.initiatives.propose(id, groupId: groupId, author: world.correspondent, address: World.address)
        try await world.useCases.initiatives.decline(id, staff: world.staff, address: World.address)
        var changed = Self.fields
        changed.outcome = "Huit protocoles signés."
        try await world.useCases.initiatives.edit(id, fields: changed, groupId: groupId, author: world.correspondent, address: World.address)
        await #expect(throws: InitiativeService.NotFound.self) {
            try await world.useCases.initiatives.forStaff(id)
        }
        let declinedLines = try world.audit(.initiativeDeclined), writtenLines = try world.audit(.initiativeWritten)
        #expect(declinedLines.count == 1 && writtenLines.count == 2)
    }
}
