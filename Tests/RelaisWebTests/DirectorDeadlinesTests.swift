import Foundation
import GRDB
import HummingbirdTesting
import Logging
import RelaisCore
import RelaisMail
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// The director's own deadlines (issue 14, part 3). The test clock starts on Sunday 22 November 2026.
@Suite("Director's deadlines", .serialized)
struct DirectorDeadlinesTests {
    /// Notified 20 November 2026: indemnity request by Wednesday 30 December 2026, recourse by
    /// Thursday 21 January 2027.
    static let query = "designation=2026-03-22&entretien=2026-10-30&notification=2026-11-20"

    @Test("the calendar downloads as an .ics of all-day events with neutral summaries and nothing about the employer")
    func icsExport() async throws {
        try await TestApp.run { client async throws in
            let response = try await client.execute(uri: "/parcours/fin-de-fonctions/echeances.ics?employeur=33063&" + Self.query, method: .get)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == "text/calendar; charset=utf-8")
            let text = String(buffer: response.body)
            #expect(text.contains("DTSTART;VALUE=DATE:20270121\r\nDTEND;VALUE=DATE:20270122\r\n"))
            #expect(text.contains("SUMMARY:Échéance Relais\u{00A0}: saisine du tribunal administratif\r\n"))
            #expect(text.contains("SUMMARY:Échéance Relais\u{00A0}: demande de licenciement avec indemnité\r\n"))
            #expect(!text.contains("Bordeaux") && !text.contains("33063"))
            let page = String(buffer: try await client.execute(uri: "/parcours/fin-de-fonctions?" + Self.query, method: .get).body)
            #expect(page.contains("href=\"/parcours/fin-de-fonctions/echeances.ics?\(Self.query.replacingOccurrences(of: "&", with: "&amp;"))\""))
        }
    }

    @Test("a signed-in director keeps the calendar's dates, sees them on /mes-demandes and in the JSON export, and they go with the account")
    func keepAndDelete() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let confirm = try await director.get("/parcours/fin-de-fonctions/echeances?" + Self.query)
            #expect(confirm.status == .ok)
            #expect(confirm.body.contains("21\u{00A0}janvier 2027"))
            let saved = try await director.post("/parcours/fin-de-fonctions/echeances?" + Self.query, [])
            #expect(saved.location == "/mes-demandes?message=echeances")
            let list = try await director.get("/mes-demandes")
            #expect(list.body.contains("<h2 id=\"mes-echeances\">Mes échéances</h2>"))
            #expect(list.body.contains("<strong>30\u{00A0}décembre 2026</strong> — demande de licenciement avec indemnité"))
            let export = try await director.get("/mes-donnees/export.json")
            #expect(export.body.contains("\"day\" : \"2027-01-21\""))
            #expect(export.body.contains("\"kind\" : \"recours\""))

            let count = { try await world.database.reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM directorDeadline") ?? -1 } }
            #expect(try await count() == 3)
            try await director.get("/mes-donnees")
            try await director.post("/mes-donnees/suppression", [("motdepasse", CaseWorld.password)])
            #expect(try await count() == 0)
        }
    }

    @Test("a reminder reaches the SMTP sink 14 days before the indemnity deadline, on that simulated day only, and only once")
    func reminderOnce() async throws {
        let world = try await CaseWorld.make()
        let clock = MutableClock()
        let sink = SMTPSink()
        try await sink.start()
        try await TestApp.run(database: world.database, config: CaseWorld.config, clock: clock.function) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            try await director.get("/parcours/fin-de-fonctions/echeances?" + Self.query)
            try await director.post("/parcours/fin-de-fonctions/echeances?" + Self.query, [])
            let parts = try await AppParts.make(config: CaseWorld.config, database: world.database, logger: Logger(label: "t"), clock: clock.function)
            let worker = DeliveryWorker(database: world.database, mailer: SMTPMailer(settings: SMTPSettings(url: sink.url)), outbox: Outbox(),
                                        secrets: TestApp.mailLinks, logger: Logger(label: "t"), clock: clock.function)
            let reminders = { try world.outbox(kind: "rappel-echeance").count }

            // 15 December: 15 days before 30 December, nothing yet.
            clock.advance(by: 23 * 86_400)
            _ = try await parts.useCases.jobs.run()
            #expect(try reminders() == 0)
            // 16 December: 14 days before.
            clock.advance(by: 86_400)
            _ = try await parts.useCases.jobs.run()
            _ = try await parts.useCases.jobs.run()
            #expect(try reminders() == 1)
            _ = try await worker.deliverDue()
            let envelopes = sink.envelopes
            #expect(envelopes.count == 1)
            let envelope = try #require(envelopes.first)
            #expect(envelope.recipients == [world.directorNotification])
            let text = try #require(MIMEReader(envelope.data).part("text/plain"))
            #expect(text.contains("Une échéance que vous avez enregistrée dans Relais approche."))
            for forbidden in ["décembre", "2026-12-30", "indemnité", "licenciement", "recours", "tribunal"] {
                #expect(!envelope.data.contains(forbidden), "\(forbidden) in the reminder")
            }
            // The next day brings nothing new; the reminder is not sent again.
            clock.advance(by: 86_400)
            _ = try await parts.useCases.jobs.run()
            _ = try await worker.deliverDue()
            #expect(try reminders() == 1)
            #expect(sink.envelopes.count == 1)
        }
        try await sink.stop()
    }

    @Test("a director who turns reminders off gets none")
    func optOut() async throws {
        let world = try await CaseWorld.make()
        let clock = MutableClock()
        try await TestApp.run(database: world.database, config: CaseWorld.config, clock: clock.function) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            try await director.get("/parcours/fin-de-fonctions/echeances?" + Self.query)
            try await director.post("/parcours/fin-de-fonctions/echeances?" + Self.query, [])
            try await director.get("/mes-demandes")
            try await director.post("/mes-demandes/echeances", [("action", "rappels"), ("rappels", "non")])
            #expect(try await director.get("/mes-demandes").body.contains("<strong>arrêtés</strong>"))
            let parts = try await AppParts.make(config: CaseWorld.config, database: world.database, logger: Logger(label: "t"), clock: clock.function)
            clock.advance(by: 24 * 86_400)
            _ = try await parts.useCases.jobs.run()
            #expect(try world.outbox(kind: "rappel-echeance").isEmpty)
        }
    }

    @Test("a case whose shared recourse deadline is within ten days is urgent on the desk and escalated after the shorter delay")
    func statutoryUrgency() async throws {
        let world = try await CaseWorld.make()
        let clock = MutableClock()
        try await TestApp.run(database: world.database, config: CaseWorld.config, clock: clock.function) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            // Notified 28 September 2026: the last day, Sunday 29 November, moves to Monday 30 November,
            // eight days after the test clock's 22 November.
            try await director.get("/parcours/fin-de-fonctions/echeances?notification=2026-09-28")
            try await director.post("/parcours/fin-de-fonctions/echeances?notification=2026-09-28", [])
            let reference = try await world.openCase(director)
            let caseId = try #require(try await world.caseFile(reference).id)
            let correspondent = Browser(client)
            try await signIn(correspondent, world.correspondentEmail, CaseWorld.password)
            #expect(!(try await correspondent.get("/correspondant").body.contains("recours avant le")))

            try await director.get("/mes-demandes")
            try await director.post("/mes-demandes/echeances", [("action", "partager"), ("demande", String(caseId))])
            let desk = try await correspondent.get("/correspondant")
            #expect(desk.body.contains("urgent&#8239;: recours avant le 30\u{00A0}novembre 2026"))
            let page = try await correspondent.get("/demandes/\(reference)")
            #expect(page.body.contains("30\u{00A0}novembre 2026 — saisine du tribunal administratif"))

            // Staff sign in now: their second-factor code is computed for the test clock's start.
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            let parts = try await AppParts.make(config: CaseWorld.config, database: world.database, logger: Logger(label: "t"), clock: clock.function)
            clock.advance(by: 11 * 3600)
            #expect(try await parts.useCases.jobs.run().escalated == 0)
            // Seen within the sessions' twelve idle hours, so staff stay signed in.
            #expect(try await staff.get("/equipe").status == .ok)
            clock.advance(by: 2 * 3600)
            #expect(try await parts.useCases.jobs.run().escalated == 1)
            let dashboard = try await staff.get("/equipe")
            #expect(dashboard.body.contains("urgent&#8239;: recours avant le 30\u{00A0}novembre 2026"), "\(dashboard.status) \(dashboard.body.prefix(3000))")
            // The staff's list of every case flags it too.
            let list = try await staff.get("/equipe/demandes")
            #expect(list.body.contains("urgent&#8239;: recours avant le 30\u{00A0}novembre 2026"), "\(list.status)")
        }
    }
}
