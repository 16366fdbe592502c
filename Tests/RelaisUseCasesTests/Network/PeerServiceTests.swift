import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Pairs: volunteering, asking, answering, exchanging")
struct PeerServiceTests {
    /// A member who can sign in, in `departement`, working for `employer`.
    static func member(_ world: World, _ email: String, name: String, departement: String, employer: String? = nil,
                       role: Role = .demandeur) async throws -> User {
        let hash = try await World.passwordHash()
        return try await world.database.writer.write { db in
            var user = User(email: email, name: name, role: role, notificationEmail: email, now: TestClock.now)
            user.passwordHash = hash
            user.emailConfirmedAt = TestClock.now
            user.departementCode = departement
            user.employerName = employer ?? "Employeur de \(name)"
            try user.insert(db)
            return user
        }
    }

    static let profile = PeerService.Profile(experiences: [.finDeFonctions, .reorganisation], kind: .commune, size: .de3500a20000, regionCode: nil,
                                             availability: "Un appel par mois", presentation: "J’ai vécu une décharge de fonctions en 2020.")

    /// A volunteer with the standard profile, in another département than the world's director.
    static func volunteer(_ world: World, _ n: Int, departement: String = "2A", employer: String? = nil) async throws -> User {
        let user = try await member(world, "pair\(n)@exemple.fr", name: "Pair Numéro \(n)", departement: departement, employer: employer)
        try await world.useCases.peers.saveProfile(profile, user: user, address: World.address)
        return user
    }

    var peers: (World) -> PeerService { { $0.useCases.peers } }

    @Test("a director is proposed at most three pairs, never of their employer or département unless they allow it")
    func proposals() async throws {
        let world = try await World.make()
        let director = try await world.database.writer.write { db in
            var director = world.director
            director.employerName = "Mairie de Zéphyr"
            try director.update(db)
            return director
        }
        let far = [try await Self.volunteer(world, 1), try await Self.volunteer(world, 2)]
        let sameDepartement = try await Self.volunteer(world, 3, departement: world.departement)
        let sameEmployer = try await Self.volunteer(world, 4, employer: "mairie de zephyr")
        _ = try await Self.volunteer(world, 5)
        _ = try await Self.volunteer(world, 6)

        let proposed = try await world.useCases.peers.proposals(experience: .finDeFonctions, sameDepartementAllowed: false, director: director)
        #expect(proposed.count == 3)
        #expect(!proposed.contains { $0.userId == sameDepartement.id || $0.userId == sameEmployer.id })
        let widened = try await world.useCases.peers.proposals(experience: .finDeFonctions, sameDepartementAllowed: true, director: director)
        #expect(widened.count == 3)
        _ = far
        // The same-département pair can be asked once the director allows it; the same employer never.
        let allowed = try await world.database.reader.read { db in
            (try AppDatabase.peerIsEligible(sameDepartement.id!, for: director, experience: .finDeFonctions, sameDepartementAllowed: true,
                                            today: Day(world.clock.now), in: db),
             try AppDatabase.peerIsEligible(sameEmployer.id!, for: director, experience: .finDeFonctions, sameDepartementAllowed: true,
                                            today: Day(world.clock.now), in: db))
        }
        #expect(allowed.0 && !allowed.1)
        await #expect(throws: PeerService.Refusal.notMember) {
            try await world.useCases.peers.proposals(experience: .finDeFonctions, sameDepartementAllowed: false, director: world.staff)
        }
    }

    @Test("asking: one request at a time, to an eligible pair only, with a mail that names nobody and says nothing")
    func ask() async throws {
        let world = try await World.make()
        let pair = try await Self.volunteer(world, 1)
        let other = try await Self.volunteer(world, 2)
        let paused = try await Self.volunteer(world, 3)
        try await world.useCases.peers.changeProfile(.pause, user: paused, address: World.address)
        let message = "Bonjour, je traverse une décharge. Marqueur XYLOGRAPHE."

        await #expect(throws: PeerService.Refusal.notAvailable) {
            try await world.useCases.peers.ask(pairUserId: paused.id!, experience: .finDeFonctions, sameDepartementAllowed: false, message: message,
                                               director: world.director, address: World.address)
        }
        await #expect(throws: PeerService.Refusal.notAvailable, "an account that never volunteered") {
            try await world.useCases.peers.ask(pairUserId: world.staff.id!, experience: .finDeFonctions, sameDepartementAllowed: false,
                                               message: message, director: world.director, address: World.address)
        }
        let id = try await world.useCases.peers.ask(pairUserId: pair.id!, experience: .finDeFonctions, sameDepartementAllowed: false,
                                                    message: message, director: world.director, address: World.address)
        await #expect(throws: PeerService.Refusal.pendingAlready) {
            try await world.useCases.peers.ask(pairUserId: other.id!, experience: .finDeFonctions, sameDepartementAllowed: false, message: message,
                                               director: world.director, address: World.address)
        }
        let mail = try #require(try world.outbox(.peerRequest).first)
        #expect(mail.recipient == pair.notificationEmail)
        #expect(!mail.raw.contains("XYLOGRAPHE") && !mail.text.contains(World.directorName) && !mail.text.contains("fin de fonctions"))
        #expect(mail.text.contains("/pairs-aidants/echanges/\(id)"))
        #expect(try world.audit(.peerAsked).count == 1)
        // The one asked is not proposed again while the request waits.
        let again = try await world.useCases.peers.proposals(experience: .finDeFonctions, sameDepartementAllowed: false, director: world.director)
        #expect(!again.contains { $0.userId == pair.id })
    }

    @Test("the exchange is read by its two people only; each reading is an audit line")
    func confidentiality() async throws {
        let world = try await World.make()
        let pair = try await Self.volunteer(world, 1)
        let id = try await world.useCases.peers.ask(pairUserId: pair.id!, experience: .finDeFonctions, sameDepartementAllowed: false,
                                                    message: "Bonjour", director: world.director, address: World.address)
        for outsider in [world.staff, world.correspondent, world.other] {
            await #expect(throws: PeerService.NotFound.self) {
                try await world.useCases.peers.exchange(id, viewer: outsider, address: World.address)
            }
            await #expect(throws: PeerService.NotFound.self) {
                try await world.useCases.peers.post("intrus", requestId: id, author: outsider)
            }
            await #expect(throws: PeerService.NotFound.self) {
                try await world.useCases.peers.answer(accept: true, reason: "", requestId: id, pair: outsider, address: World.address)
            }
        }
        await #expect(throws: PeerService.NotFound.self, "the director cannot answer for the pair") {
            try await world.useCases.peers.answer(accept: true, reason: "", requestId: id, pair: world.director, address: World.address)
        }
        _ = try await world.useCases.peers.exchange(id, viewer: world.director, address: World.address)
        _ = try await world.useCases.peers.exchange(id, viewer: pair, address: World.address)
        #expect(try world.audit(.peerRead).map(\.actorUserId) == [world.director.id, pair.id])
    }

    @Test("accepted: three months of messages, each announced by a mail without its words; ended, it is read-only")
    func exchange() async throws {
        let world = try await World.make()
        let pair = try await Self.volunteer(world, 1)
        let id = try await world.useCases.peers.ask(pairUserId: pair.id!, experience: .finDeFonctions, sameDepartementAllowed: false,
                                                    message: "Bonjour", director: world.director, address: World.address)
        await #expect(throws: PeerService.Refusal.notNow, "nothing is written before the pair accepts") {
            try await world.useCases.peers.post("trop tôt", requestId: id, author: world.director)
        }
        try await world.useCases.peers.answer(accept: true, reason: "", requestId: id, pair: pair, address: World.address)
        let answer = try #require(try world.outbox(.peerAnswer).first)
        #expect(answer.recipient == world.director.notificationEmail && !answer.text.contains(pair.name))

        try await world.useCases.peers.post("Merci d’avoir accepté. Marqueur XYLOGRAPHE.", requestId: id, author: world.director)
        try await world.useCases.peers.post("Avec plaisir.", requestId: id, author: pair)
        let mails = try world.outbox(.peerMessage)
        #expect(mails.map(\.recipient) == [pair.notificationEmail, world.director.notificationEmail])
        #expect(mails.allSatisfy { !$0.raw.contains("XYLOGRAPHE") && !$0.text.contains("plaisir") })
        // A director's mail has the subject of every mail to a director: nothing in an inbox says why.
        #expect(mails.map(\.decodedSubject) == ["Relais\u{00A0}: un nouveau message vous attend", "Relais\u{00A0}: du nouveau dans votre espace"])
        #expect(answer.decodedSubject == "Relais\u{00A0}: du nouveau dans votre espace")
        let read = try await world.useCases.peers.exchange(id, viewer: pair, address: World.address)
        #expect(read.messages.map(\.body) == ["Merci d’avoir accepté. Marqueur XYLOGRAPHE.", "Avec plaisir."])
        #expect(read.request.endsOn == PeerRules.endsOn(acceptedOn: Day(world.clock.now)))

        await #expect(throws: PeerService.Refusal.notNow, "too early to renew") {
            try await world.useCases.peers.change(.renew, requestId: id, user: pair, address: World.address)
        }
        try await world.useCases.peers.change(.end, requestId: id, user: pair, address: World.address)
        #expect(try world.outbox(.peerEnded).map(\.recipient) == [world.director.notificationEmail])
        await #expect(throws: PeerService.Refusal.notNow) {
            try await world.useCases.peers.post("encore", requestId: id, author: world.director)
        }
    }

    @Test("past its three months the exchange is closed to writing, and either may renew it for three more")
    func renewal() async throws {
        let world = try await World.make()
        let pair = try await Self.volunteer(world, 1)
        let id = try await world.useCases.peers.ask(pairUserId: pair.id!, experience: .finDeFonctions, sameDepartementAllowed: false,
                                                    message: "Bonjour", director: world.director, address: World.address)
        try await world.useCases.peers.answer(accept: true, reason: "", requestId: id, pair: pair, address: World.address)
        world.clock.advance(by: 95 * 86_400)
        await #expect(throws: PeerService.Refusal.notNow) {
            try await world.useCases.peers.post("toujours là ?", requestId: id, author: world.director)
        }
        try await world.useCases.peers.change(.renew, requestId: id, user: world.director, address: World.address)
        try await world.useCases.peers.post("Reprenons.", requestId: id, author: world.director)
        let read = try await world.useCases.peers.exchange(id, viewer: world.director, address: World.address)
        #expect(read.request.renewals == 1)
        #expect(read.request.stage(today: Day(world.clock.now)) == .running)
    }

    @Test("a pair declines with a reason the director reads; the director can then ask another, not the same one")
    func decline() async throws {
        let world = try await World.make()
        let pair = try await Self.volunteer(world, 1)
        let id = try await world.useCases.peers.ask(pairUserId: pair.id!, experience: .finDeFonctions, sameDepartementAllowed: false,
                                                    message: "Bonjour", director: world.director, address: World.address)
        try await world.useCases.peers.answer(accept: false, reason: "Pas disponible ce trimestre.", requestId: id, pair: pair, address: World.address)
        await #expect(throws: PeerService.Refusal.notNow, "answered once") {
            try await world.useCases.peers.answer(accept: true, reason: "", requestId: id, pair: pair, address: World.address)
        }
        let read = try await world.useCases.peers.exchange(id, viewer: world.director, address: World.address)
        #expect(read.request.status == .declined && read.request.declineReason == "Pas disponible ce trimestre.")
        let again = try await world.useCases.peers.proposals(experience: .finDeFonctions, sameDepartementAllowed: false, director: world.director)
        #expect(!again.contains { $0.userId == pair.id })
        await #expect(throws: PeerService.Refusal.notAvailable) {
            try await world.useCases.peers.ask(pairUserId: pair.id!, experience: .finDeFonctions, sameDepartementAllowed: false, message: "Encore",
                                               director: world.director, address: World.address)
        }
    }

    @Test("a withdrawn request disappears for the pair; a paused pair keeps their running exchanges and is no longer proposed")
    func withdrawAndPause() async throws {
        let world = try await World.make()
        let pair = try await Self.volunteer(world, 1)
        let first = try await world.useCases.peers.ask(pairUserId: pair.id!, experience: .finDeFonctions, sameDepartementAllowed: false,
                                                       message: "Bonjour", director: world.director, address: World.address)
        try await world.useCases.peers.change(.withdraw, requestId: first, user: world.director, address: World.address)
        await #expect(throws: PeerService.NotFound.self) {
            try await world.useCases.peers.exchange(first, viewer: pair, address: World.address)
        }
        let second = try await world.useCases.peers.ask(pairUserId: pair.id!, experience: .finDeFonctions, sameDepartementAllowed: false,
                                                        message: "Bonjour encore", director: world.director, address: World.address)
        try await world.useCases.peers.answer(accept: true, reason: "", requestId: second, pair: pair, address: World.address)
        try await world.useCases.peers.changeProfile(.pause, user: pair, address: World.address)
        try await world.useCases.peers.post("On continue", requestId: second, author: pair)
        let someone = try await Self.member(world, "autre.directeur@exemple.fr", name: "Autre Directeur", departement: "75")
        let proposed = try await world.useCases.peers.proposals(experience: .finDeFonctions, sameDepartementAllowed: true, director: someone)
        #expect(proposed.isEmpty)
    }

    @Test("load spreads: a pair carrying three exchanges is not proposed")
    func load() async throws {
        let world = try await World.make()
        let pair = try await Self.volunteer(world, 1)
        for n in 1...PeerRules.maximumLoad {
            let director = try await Self.member(world, "d\(n)@exemple.fr", name: "Directeur \(n)", departement: "75")
            _ = try await world.useCases.peers.ask(pairUserId: pair.id!, experience: .finDeFonctions, sameDepartementAllowed: false,
                                                   message: "Bonjour", director: director, address: World.address)
        }
        let late = try await Self.member(world, "tard@exemple.fr", name: "Directeur Tardif", departement: "75")
        #expect(try await world.useCases.peers.proposals(experience: .finDeFonctions, sameDepartementAllowed: false, director: late).isEmpty)
    }

    @Test("figures for staff count without naming anyone")
    func figures() async throws {
        let world = try await World.make()
        let pair = try await Self.volunteer(world, 1)
        _ = try await Self.volunteer(world, 2)
        let id = try await world.useCases.peers.ask(pairUserId: pair.id!, experience: .finDeFonctions, sameDepartementAllowed: false,
                                                    message: "Bonjour", director: world.director, address: World.address)
        try await world.useCases.peers.answer(accept: true, reason: "", requestId: id, pair: pair, address: World.address)
        let figures = try await world.database.reader.read { db in
            try AppDatabase.peerFigures(since: world.clock.now.addingTimeInterval(-86_400), today: Day(world.clock.now), in: db)
        }
        #expect(figures == AppDatabase.PeerFigures(volunteers: 2, paused: 0, asked: 1, accepted: 1, declined: 0, running: 1))
    }
}
