import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Remontées: sent by members and correspondents, answered by staff")
struct RemonteeServiceTests {
    @Test("a member and a correspondent send; staff cannot; the sixth in a quarter of an hour waits")
    func send() async throws {
        let world = try await World.make()
        let service = world.useCases.remontees
        guard case .sent(let id) = try await service.send(theme: .legalText, body: "Le décret n’est pas appliqué.", by: world.director,
                                                           address: World.address) else {
            Issue.record("not sent")
            return
        }
        #expect(id > 0)
        #expect(try await service.send(theme: .careers, body: "Mobilité", by: world.correspondent, address: World.address) != .notAllowed)
        #expect(try await service.send(theme: .careers, body: "Mobilité", by: world.staff, address: World.address) == .notAllowed)
        for _ in 0..<4 { _ = try await service.send(theme: .health, body: "Isolement", by: world.director, address: World.address) }
        guard case .limited = try await service.send(theme: .health, body: "Encore", by: world.director, address: World.address) else {
            Issue.record("the sixth remontée passed")
            return
        }
        let mine = try await world.database.remontees(authorUserId: world.director.id!)
        #expect(mine.count == 5)
        #expect(mine.allSatisfy { $0.remontee.authorRole == Role.demandeur.rawValue && $0.remontee.status == .received })
    }

    @Test("staff answer and link a sheet and a situation; the author gets one neutral mail and reads the answer; the answer is audited")
    func answer() async throws {
        let world = try await World.make()
        let service = world.useCases.remontees
        guard case .sent(let id) = try await service.send(theme: .employerPractice, body: "Le maire ZOROASTRE refuse l’entretien préalable.",
                                                           by: world.correspondent, address: World.address) else { return }

        await #expect(throws: RemonteeService.AnswerError.unknownSheet) {
            try await service.answer(id: id, answer: "Merci", sheetSlug: "inconnue", situationSlug: nil, by: world.staff, address: World.address)
        }
        try await service.answer(id: id, answer: "Nous ajoutons un point à la fiche.", sheetSlug: "conge-special",
                                 situationSlug: "fin-de-fonctions", by: world.staff, address: World.address)
        try await service.answer(id: id, answer: "Réponse complétée.", sheetSlug: "conge-special", situationSlug: nil, by: world.reviewer,
                                 address: World.address)

        let line = try #require(try await world.database.remontees(authorUserId: world.correspondent.id!).first)
        #expect(line.remontee.status == .answered && line.remontee.answer == "Réponse complétée.")
        #expect(line.sheetSlug == "conge-special" && line.situationSlug == nil)
        #expect(line.remontee.answeredBy == world.reviewer.email)
        let mails = try world.outbox(.remonteeAnswered)
        #expect(mails.map(\.recipient) == [world.correspondent.notificationEmail], "one mail, at the first answer")
        let mail = try #require(mails.first)
        for forbidden in ["ZOROASTRE", "entretien", "Nous ajoutons", "congé"] {
            #expect(!mail.raw.contains(forbidden) && !mail.text.contains(forbidden), "\(forbidden) in the mail")
        }
        #expect(mail.text.contains("/remontees"))
        #expect(try world.audit(.remonteeAnswered).count == 2)
    }

    @Test("an account deleted leaves its remontées to the themes, tied to nobody")
    func deletedAuthor() async throws {
        let world = try await World.make()
        _ = try await world.useCases.remontees.send(theme: .health, body: "Épuisement", by: world.director, address: World.address)
        try await world.database.write { db in _ = try User.deleteOne(db, key: world.director.id!) }
        let board = try await world.database.remonteeBoard()
        #expect(board.lines.count == 1 && board.lines[0].remontee.authorUserId == nil && board.lines[0].authorName == nil)
    }
}
