import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Remontées: members tell staff what blocks people")
struct ObservationServiceTests {
    @Test("a member sends one: an audit line, and staff get a mail that carries none of its words")
    func send() async throws {
        let world = try await World.make()
        let id = try await world.useCases.observations.send(theme: .finDeFonctions, kind: .pratique, title: "Protocoles sans congé spécial",
                                                            body: "Trois cas ce mois-ci. Marqueur XYLOGRAPHE.", author: world.correspondent,
                                                            address: World.address)
        let mail = try #require(try world.outbox(.observationReceived).first)
        #expect(mail.recipient == World.staffAddress)
        #expect(!mail.raw.contains("XYLOGRAPHE") && !mail.text.contains("Protocoles") && mail.text.contains("/equipe/remontees/\(id)"))
        #expect(try world.audit(.observationSent).count == 1)
        await #expect(throws: ObservationService.Refusal.notMember) {
            try await world.useCases.observations.send(theme: .autre, kind: .autre, title: "t", body: "b", author: world.staff, address: World.address)
        }
    }

    @Test("ten a day at most for one account")
    func dailyLimit() async throws {
        let world = try await World.make()
        for n in 1...ObservationRules.dailyLimit {
            try await world.useCases.observations.send(theme: .textes, kind: .texte, title: "Remontée \(n)", body: "Texte", author: world.director,
                                                       address: World.address)
        }
        await #expect(throws: ObservationService.Refusal.tooMany) {
            try await world.useCases.observations.send(theme: .textes, kind: .texte, title: "Une de trop", body: "Texte", author: world.director,
                                                       address: World.address)
        }
        world.clock.advance(by: 86_401)
        try await world.useCases.observations.send(theme: .textes, kind: .texte, title: "Le lendemain", body: "Texte", author: world.director,
                                                   address: World.address)
    }

    @Test("staff answer (the author reads it and gets a neutral mail), link it to a sheet and a situation, file it")
    func staffSide() async throws {
        let world = try await World.make()
        let id = try await world.useCases.observations.send(theme: .finDeFonctions, kind: .situation, title: "Décharges en série",
                                                            body: "Après les fusions.", author: world.director, address: World.address)
        try await world.useCases.observations.answer("Merci, la fiche sera revue. Marqueur ZOSTERE.", observationId: id, staff: world.staff,
                                                     address: World.address)
        let mail = try #require(try world.outbox(.observationAnswered).first)
        #expect(mail.recipient == world.director.notificationEmail)
        #expect(mail.decodedSubject == "Relais\u{00A0}: du nouveau dans votre espace")
        #expect(!mail.raw.contains("ZOSTERE"))
        let mine = try await world.database.observations(authorUserId: world.director.id!)
        #expect(mine.first?.answer == "Merci, la fiche sera revue. Marqueur ZOSTERE." && mine.first?.status == .answered)

        await #expect(throws: ObservationService.Refusal.unknownTarget) {
            try await world.useCases.observations.link(observationId: id, sheetSlug: "n-existe-pas", situationSlug: nil, staff: world.staff,
                                                       address: World.address)
        }
        try await world.useCases.observations.link(observationId: id, sheetSlug: "conge-special", situationSlug: "fin-de-fonctions",
                                                    staff: world.staff, address: World.address)
        let groupId = try await world.useCases.groups.create(GroupServiceTests.fields(), referentEmail: world.director.email, by: world.staff,
                                                             address: World.address)
        await #expect(throws: ObservationService.Refusal.unknownTarget) {
            try await world.useCases.observations.link(observationId: id, sheetSlug: "conge-special", situationSlug: "fin-de-fonctions",
                                                       groupId: 9_999, staff: world.staff, address: World.address)
        }
        try await world.useCases.observations.link(observationId: id, sheetSlug: "conge-special", situationSlug: "fin-de-fonctions",
                                                    groupId: groupId, staff: world.staff, address: World.address)
        #expect(try await world.database.observation(id: id)?.observation.groupId == groupId)
        try await world.useCases.observations.file(true, observationId: id, staff: world.staff, address: World.address)
        let row = try #require(try await world.database.observation(id: id))
        #expect(row.observation.sheetSlug == "conge-special" && row.observation.situationSlug == "fin-de-fonctions")
        #expect(row.observation.status == .filed)
        try await world.useCases.observations.file(false, observationId: id, staff: world.staff, address: World.address)
        #expect(try await world.database.observation(id: id)?.observation.status == .answered)
        await #expect(throws: ObservationService.NotFound.self) {
            try await world.useCases.observations.answer("x", observationId: 9_999, staff: world.staff, address: World.address)
        }
    }

    @Test("the themes that grow: the last 30 days against the 30 before")
    func figures() async throws {
        let world = try await World.make()
        try await world.useCases.observations.send(theme: .sante, kind: .pratique, title: "Ancienne", body: "b", author: world.director,
                                                   address: World.address)
        world.clock.advance(by: 40 * 86_400)
        for n in 1...3 {
            try await world.useCases.observations.send(theme: .finDeFonctions, kind: .pratique, title: "Récente \(n)", body: "b",
                                                       author: world.correspondent, address: World.address)
        }
        let figures = try await world.database.reader.read { db in try AppDatabase.observationFigures(now: world.clock.now, in: db) }
        #expect(figures.waiting == 4)
        #expect(ObservationRules.growing(figures.trends) == [ObservationRules.ThemeTrend(theme: .finDeFonctions, recent: 3, previous: 0)])
    }
}
