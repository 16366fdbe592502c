import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Ateliers: registering, the waiting list, staff's side")
struct AtelierServiceTests {
    /// A seeded atelier on 3 December 2026 at 18:30 (Paris), ten days after the test clock's start.
    static let soon = "preparer-entretien-fin-de-fonctions-2026-12"

    /// The atelier `key` with `capacity` places and access details.
    func atelier(_ world: World, _ key: String = soon, capacity: Int?) async throws -> Atelier {
        try await world.database.write { db in
            var atelier = try #require(try Atelier.filter(Column("key") == key).fetchOne(db))
            atelier.capacity = capacity
            atelier.accessDetails = "https://visio.exemple.fr/secret-XYZ"
            try atelier.update(db)
            return atelier
        }
    }

    func registrations(_ world: World, _ atelierId: Int64) async throws -> [AtelierRegistration] {
        try await world.database.reader.read { db in
            try AtelierRegistration.filter(Column("atelierId") == atelierId).order(Column("id")).fetchAll(db)
        }
    }

    func moveClock(_ world: World, to local: String) throws {
        let target = try #require(AtelierRules.instant(local))
        world.clock.advance(by: target.timeIntervalSince(world.clock.now))
    }

    @Test("a member registers: a place, an audit line, and a neutral mail with the atelier's .ics")
    func registers() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: 2)

        let outcome = try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.director, address: World.address)

        #expect(outcome == .registered)
        let mail = try #require(try world.outbox(.atelierRegistered).first)
        #expect(mail.recipient == world.director.notificationEmail)
        #expect(mail.decodedSubject == "Relais\u{00A0}: votre inscription à un atelier")
        #expect(mail.text.contains("«\u{00A0}\(atelier.title)\u{00A0}», le jeudi 3\u{00A0}décembre 2026, de 18\u{00A0}h\u{00A0}30 à 20\u{00A0}h"))
        #expect(!mail.raw.contains("secret-XYZ") && !mail.text.contains("secret-XYZ"), "the visio link never goes by mail")
        let attachment = try #require(MIMEReader(mail.raw).attachments.first)
        #expect(attachment.filename == "atelier.ics")
        #expect(attachment.contentType.hasPrefix("text/calendar; charset=UTF-8; method=PUBLISH"))
        let ics = String(decoding: attachment.data, as: UTF8.self)
        #expect(ics.contains("DTSTART:20261203T173000Z\r\n") && ics.contains("DTEND:20261203T190000Z\r\n"))
        #expect(ics.contains("UID:atelier-\(Self.soon)@relais"))
        #expect(try world.audit(.atelierRegistration).count == 1)
    }

    @Test("a full atelier puts the next member on the waiting list, said by mail with their position")
    func waitingList() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: 1)
        try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.correspondent, address: World.address)

        let outcome = try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.director, address: World.address)

        #expect(outcome == .waiting(position: 1))
        let mail = try #require(try world.outbox(.atelierWaiting).first)
        #expect(mail.text.contains("en position 1"))
        #expect(MIMEReader(mail.raw).attachments.isEmpty)
    }

    @Test("registering twice is refused in French and stores no second line")
    func twice() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: nil)
        try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.director, address: World.address)

        await #expect(throws: AtelierRules.Refusal.alreadyRegistered(.registered)) {
            try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.director, address: World.address)
        }
        #expect(try await registrations(world, atelier.id!).count == 1)
        #expect(try world.outbox(.atelierRegistered).count == 1)
    }

    @Test("staff and experts are not members: refused; an unknown atelier is not found")
    func notMembers() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: nil)
        await #expect(throws: AtelierRules.Refusal.notMember) {
            try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.staff, address: World.address)
        }
        await #expect(throws: AtelierService.NotFound.self) {
            try await world.useCases.ateliers.register(atelierId: 999_999, user: world.director, address: World.address)
        }
    }

    @Test("when a member leaves, the first of the waiting list gets the place and a mail with the .ics")
    func promotion() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: 1)
        let service = world.useCases.ateliers
        try await service.register(atelierId: atelier.id!, user: world.correspondent, address: World.address)
        try await service.register(atelierId: atelier.id!, user: world.director, address: World.address)
        try await service.register(atelierId: atelier.id!, user: world.other, address: World.address)

        let promoted = try await service.cancel(atelierId: atelier.id!, user: world.correspondent, address: World.address)

        #expect(promoted == 1)
        let rows = try await registrations(world, atelier.id!)
        #expect(rows.map(\.status) == [.cancelled, .registered, .waiting])
        #expect(rows[1].promotedAt == world.clock.now)
        let mail = try #require(try world.outbox(.atelierPromoted).first)
        #expect(mail.recipient == world.director.notificationEmail)
        #expect(MIMEReader(mail.raw).attachments.first?.filename == "atelier.ics")
        #expect(try world.audit(.atelierUnregistration).count == 1 && world.audit(.atelierPromotion).count == 1)
    }

    @Test("leaving on the day of the atelier is refused; the day before is allowed")
    func sameDay() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: nil)
        try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.director, address: World.address)
        try moveClock(world, to: "2026-12-03T09:00")

        await #expect(throws: AtelierRules.Refusal.sameDay) {
            try await world.useCases.ateliers.cancel(atelierId: atelier.id!, user: world.director, address: World.address)
        }
        #expect(try await registrations(world, atelier.id!).first?.status == .registered)
    }

    @Test("two members taking the last place at once: one place, one waiting, never over capacity")
    func lastPlaceAtOnce() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: 1)
        let service = world.useCases.ateliers
        let (director, other) = (world.director, world.other)

        async let first = service.register(atelierId: atelier.id!, user: director, address: World.address)
        async let second = service.register(atelierId: atelier.id!, user: other, address: World.address)
        let outcomes = try await [first, second]

        #expect(outcomes.filter { $0 == .registered }.count == 1)
        #expect(outcomes.contains(.waiting(position: 1)))
        #expect(try await registrations(world, atelier.id!).filter { $0.status == .registered }.count == 1)
    }

    @Test("a larger capacity gives places to the waiting list at once")
    func capacityGrows() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: 1)
        try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.correspondent, address: World.address)
        try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.director, address: World.address)

        try await world.useCases.network.saveAtelier(id: atelier.id, .init(
            title: atelier.title, axis: atelier.axis, startsAt: atelier.startsAt, endsAt: atelier.endsAt, place: atelier.place, online: atelier.online,
            regionCode: atelier.regionCode, networkId: atelier.networkId, description: atelier.description, archived: false, capacity: 2,
            accessDetails: atelier.accessDetails
        ), by: world.staff, address: World.address)

        #expect(try await registrations(world, atelier.id!).map(\.status) == [.registered, .registered])
        #expect(try world.outbox(.atelierPromoted).count == 1)
    }

    @Test("one reminder 48 hours before, never twice; none for a place given inside those hours")
    func reminders() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: nil)
        try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.director, address: World.address)
        try moveClock(world, to: "2026-12-01T18:00")
        #expect(try await world.useCases.jobs.run()[AtelierReminderJob.name] == 0)

        try moveClock(world, to: "2026-12-01T18:31")
        #expect(try await world.useCases.jobs.run()[AtelierReminderJob.name] == 1)
        try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.other, address: World.address)
        world.clock.advance(by: 3600)
        #expect(try await world.useCases.jobs.run()[AtelierReminderJob.name] == 0)

        let reminders = try world.outbox(.atelierReminder)
        #expect(reminders.map(\.recipient) == [world.director.notificationEmail])
        #expect(reminders.first?.text.contains(atelier.title) == true)
    }

    @Test("staff cancel an atelier: everyone registered or waiting is told, and nobody can register any more")
    func cancelAtelier() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: 1)
        let service = world.useCases.ateliers
        try await service.register(atelierId: atelier.id!, user: world.director, address: World.address)
        try await service.register(atelierId: atelier.id!, user: world.other, address: World.address)

        let told = try await service.cancelAtelier(atelierId: atelier.id!, by: world.staff, address: World.address)

        #expect(told == 2)
        let mails = try world.outbox(.atelierCancelled)
        #expect(Set(mails.map(\.recipient)) == [world.director.notificationEmail, world.other.notificationEmail])
        #expect(mails.contains { $0.text.contains("sur la liste d’attente") })
        await #expect(throws: AtelierRules.Refusal.cancelled) {
            try await service.register(atelierId: atelier.id!, user: world.correspondent, address: World.address)
        }
        #expect(try world.audit(.atelierCancelled).first?.detail == "2 personne(s) prévenue(s)")
    }

    @Test("closing stops registrations; attendance is marked after the start; the figures count it")
    func closeAndAttendance() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: nil)
        let service = world.useCases.ateliers
        try await service.register(atelierId: atelier.id!, user: world.director, address: World.address)
        try await service.register(atelierId: atelier.id!, user: world.other, address: World.address)
        try await service.close(atelierId: atelier.id!, by: world.staff, address: World.address)
        await #expect(throws: AtelierRules.Refusal.closed) {
            try await service.register(atelierId: atelier.id!, user: world.correspondent, address: World.address)
        }
        let rows = try await registrations(world, atelier.id!)
        await #expect(throws: AtelierRules.Refusal.self) {
            try await service.markAttendance(atelierId: atelier.id!, attended: [rows[0].id!: true], by: world.staff, address: World.address)
        }

        try moveClock(world, to: "2026-12-03T20:30")
        try await service.markAttendance(atelierId: atelier.id!, attended: [rows[0].id!: true, rows[1].id!: false], by: world.staff, address: World.address)

        let figures = try await world.database.reader.read { db in try AppDatabase.atelierFigures(today: Day(world.clock.now), in: db) }
        #expect(figures.attended == 1 && figures.marked == 2 && figures.registered == 2)
        #expect(try world.audit(.atelierAttendance).count == 1)
    }

    @Test("the export of the list is an audit line, with the people in order")
    func export() async throws {
        let world = try await World.make()
        let atelier = try await atelier(world, capacity: 1)
        try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.director, address: World.address)
        try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.other, address: World.address)

        let (_, attendees) = try await world.useCases.ateliers.export(atelierId: atelier.id!, by: world.staff, address: World.address)

        #expect(attendees.map(\.email) == [world.director.email, world.other.email])
        #expect(try world.audit(.atelierExported).first?.target == "atelier \(atelier.id!)")
    }
}

@Suite("Ateliers: a place freed without anyone leaving")
struct AtelierWaitingListJobTests {
    @Test("a deleted account frees its place, and the next deadline run gives it to the first person waiting")
    func deletedAccount() async throws {
        let world = try await World.make()
        let atelier = try await world.database.write { db in
            var atelier = try #require(try Atelier.filter(Column("key") == AtelierServiceTests.soon).fetchOne(db))
            atelier.capacity = 1
            try atelier.update(db)
            return atelier
        }
        try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.correspondent, address: World.address)
        try await world.useCases.ateliers.register(atelierId: atelier.id!, user: world.director, address: World.address)

        try await world.useCases.accounts.delete(world.correspondent, address: World.address)
        let report = try await world.useCases.jobs.run()

        #expect(report[AtelierWaitingListJob.name] == 1)
        let promoted = try await world.database.reader.read { db in
            try AtelierRegistration.filter(Column("atelierId") == atelier.id!).fetchAll(db)
        }
        #expect(promoted.map(\.status) == [.registered])
        #expect(try world.outbox(.atelierPromoted).map(\.recipient) == [world.director.notificationEmail])
    }
}
