import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Deadline jobs, run by moving the clock")
struct DeadlineJobsTests {
    @Test("a case not accepted within the acceptance delay is escalated once, and staff get one « case-late »")
    func lateCaseEscalatedOnce() async throws {
        // setup
        let world = try await World.make()
        let caseFile = try await world.openCase()

        // MUT: just before the delay, then just after, then again
        world.clock.advance(by: world.config.acceptanceHours * 3600 - 60)
        let early = try await world.useCases.jobs.run()
        world.clock.advance(by: 120)
        let due = try await world.useCases.jobs.run()
        let again = try await world.useCases.jobs.run()

        // validate
        #expect(early.escalated == 0)
        #expect(due.escalated == 1 && due[LateCaseJob.name] == 1)
        #expect(again.escalated == 0, "one alert, not one per run")
        #expect(try await world.caseFile(id: caseFile.id!).escalatedAt == world.clock.now)
        #expect(try await world.eventKinds(caseFile.id!).last == .late)
        let alerts = try world.outbox(.caseLate)
        #expect(alerts.map(\.recipient) == [World.staffAddress])
        #expect(alerts.first?.text.contains(caseFile.reference!) == true)
        #expect(alerts.first?.raw.contains("XYLOGRAPHE") == false)
    }

    @Test("an accepted case is never late")
    func acceptedCaseNotLate() async throws {
        let world = try await World.make()
        let caseFile = try await world.openCase()
        try await world.apply(.accept, to: caseFile.id!, by: world.correspondent, as: .assignee)

        world.clock.advance(by: 10 * 86_400)
        let report = try await world.useCases.jobs.run()

        #expect(report.escalated == 0)
        #expect(try world.outbox(.caseLate).isEmpty)
    }

    @Test("a director who keeps their correspondent waiting 30 days gets one reminder")
    func waitingReminderOnce() async throws {
        let world = try await World.make()
        let caseFile = try await world.openCase()
        try await world.apply(.accept, to: caseFile.id!, by: world.correspondent, as: .assignee)
        try await world.apply(.wait, to: caseFile.id!, by: world.correspondent, as: .assignee)

        world.clock.advance(by: 29 * 86_400)
        let early = try await world.useCases.jobs.run()
        world.clock.advance(by: 86_400 + 60)
        let due = try await world.useCases.jobs.run()
        let again = try await world.useCases.jobs.run()

        #expect(early.reminded == 0)
        #expect(due.reminded == 1)
        #expect(again.reminded == 0)
        #expect(try world.outbox(.caseReminder).map(\.recipient) == [world.director.notificationEmail])
        #expect(try await world.eventKinds(caseFile.id!).last == .reminded)
        #expect(try await world.caseFile(id: caseFile.id!).reminderSentAt != nil)
    }

    @Test("a case typed by a visitor who never confirms is erased after seven days, not before")
    func unconfirmedDraftErased() async throws {
        let world = try await World.make()
        let form = AccountService.SignUp(name: "Nouvelle Directrice", email: "nouvelle@mairie.example", notificationEmail: "nouvelle@mairie.example",
                                         position: .dga, employerName: "", phone: "", password: World.password)
        let result = try await world.cases.submit(world.draft(), signUp: form, address: World.address)
        #expect(result == .awaitingConfirmation)
        let drafts = { try await world.database.reader.read { db in try CaseFile.filter(CaseFile.Columns.openedAt == nil).fetchCount(db) } }
        #expect(try await drafts() == 1)

        world.clock.advance(by: DraftCleanupJob.pendingLifetime - 3600)
        let early = try await world.useCases.jobs.run()
        world.clock.advance(by: 2 * 3600)
        let due = try await world.useCases.jobs.run()

        #expect(early.erased == 0)
        #expect(due.erased == 1)
        #expect(try await drafts() == 0)
        #expect(try world.outbox(.caseAssigned).isEmpty, "an unconfirmed case never reached anyone")
    }

    @Test("an atelier leaves the public pages once it has ended, Paris time")
    func pastAtelierArchived() async throws {
        let world = try await World.make()
        // Ateliers of the seeds already past are archived by a first run.
        try await world.useCases.jobs.run()
        let now = world.clock.now
        let id = try await world.useCases.network.saveAtelier(id: nil, NetworkEditing.AtelierInput(
            title: "Atelier de ce matin", axis: .reseaux, startsAt: Self.parisLocal(now.addingTimeInterval(-3600)),
            endsAt: Self.parisLocal(now.addingTimeInterval(30 * 60)), place: "", online: true, regionCode: nil, networkId: nil,
            description: "En ligne.", archived: false
        ), by: world.staff, address: World.address)
        let archived = { try await world.database.atelier(id: id)?.archived }

        let during = try await world.useCases.jobs.run()
        #expect(during[AtelierArchiveJob.name] == 0)
        #expect(try await archived() == false)

        world.clock.advance(by: 3600)
        let after = try await world.useCases.jobs.run()
        #expect(after[AtelierArchiveJob.name] == 1)
        #expect(try await archived() == true)
    }

    @Test("staff get the list of sheets past their review date at most once a week")
    func reviewReminderWeekly() async throws {
        let world = try await World.make()
        try await world.database.writer.write { db in
            try db.execute(sql: "UPDATE factSheet SET nextReview = '2026-01-01' WHERE slug = 'conge-special'")
        }
        let title = try #require(try await world.database.sheetHistory(slug: "conge-special")?.sheet.title)

        let first = try await world.useCases.jobs.run()
        try await world.useCases.jobs.run()
        world.clock.advance(by: 6 * 86_400)
        try await world.useCases.jobs.run()

        #expect(first[ReviewReminderJob.name] == 1)
        let mails = try world.outbox(.reviewReminder)
        #expect(mails.count == 1)
        let mail = try #require(mails.first)
        #expect(mail.recipient == World.staffAddress)
        #expect(mail.decodedSubject.contains("1 fiche(s)"))
        #expect(mail.text.contains(title) && mail.text.contains("1er\u{00A0}janvier 2026"))
        #expect(!mail.text.contains("autre(s)"), "no « and N more » line when every sheet is listed")
        #expect(!mail.text.contains("Par confidentialité"), "a staff list about sheets is not a case notice")

        world.clock.advance(by: 2 * 86_400)
        try await world.useCases.jobs.run()
        #expect(try world.outbox(.reviewReminder).count == 2)
    }

    /// `date` as Paris local time, the way ateliers store it (`2026-11-22T10:30`).
    static func parisLocal(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Day.paris
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02dT%02d:%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }
}
