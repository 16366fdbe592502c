import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Logging
import RelaisCore
import RelaisMail
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// A seeded world for case tests: a département covered by exactly one available correspondent,
/// with others in its région, and accounts for a director, that correspondent, another one and staff.
struct CaseWorld {
    static let password = "une phrase assez longue"
    static let narrative = "Le maire m’a annoncé hier <b>mon départ</b> ; je ne sais pas quoi faire.\nDeuxième ligne du récit."
    static let staffEmail = "alertes@association.example"

    let database: AppDatabase
    let departement: String
    let correspondentId: Int64
    let otherCorrespondentId: Int64
    let correspondentEmail = "corr.principal@exemple.fr"
    let otherEmail = "corr.autre@exemple.fr"
    let directorEmail = "directrice@mairie.example"
    let directorNotification = "directrice.perso@exemple.fr"
    let staffAccount = "staff@association.example"

    static func make() async throws -> CaseWorld {
        let database = try TestDatabase.seeded()
        let (departement, main, other) = try await database.reader.read { db -> (String, Int64, Int64) in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT c.id, c.mainDepartementCode AS code,
                       (SELECT o.id FROM correspondent o JOIN correspondentDepartement od ON od.correspondentId = o.id
                        JOIN departement d2 ON d2.code = od.departementCode
                        WHERE o.id != c.id AND o.absentUntil IS NULL AND d2.regionCode = d.regionCode
                          AND o.id IN (SELECT correspondentId FROM correspondentAxis WHERE axis = 'solidarite') LIMIT 1) AS other
                FROM correspondent c JOIN departement d ON d.code = c.mainDepartementCode
                WHERE c.active AND c.absentUntil IS NULL
                  AND c.id IN (SELECT correspondentId FROM correspondentAxis WHERE axis = 'solidarite')
                  AND (SELECT count(*) FROM correspondentDepartement cd WHERE cd.departementCode = c.mainDepartementCode) = 1
                  AND other IS NOT NULL
                ORDER BY c.id LIMIT 1
                """))
            return (row["code"], row["id"], row["other"])
        }
        let world = CaseWorld(database: database, departement: departement, correspondentId: main, otherCorrespondentId: other)
        let hash = try await PasswordHasher().hash(password)
        try await database.writer.write { db in
            func add(_ email: String, _ role: Role, correspondent: Int64? = nil, notification: String? = nil) throws {
                var user = User(email: email, name: "\(role.rawValue.capitalized) Test", role: role, notificationEmail: notification ?? email, now: TestClock.now)
                user.passwordHash = hash
                user.emailConfirmedAt = TestClock.now
                user.correspondentId = correspondent
                user.position = role == .demandeur ? .dgs : nil
                user.departementCode = departement
                try user.insert(db)
            }
            try add(world.directorEmail, .demandeur, notification: world.directorNotification)
            try add(world.correspondentEmail, .correspondant, correspondent: main)
            try add(world.otherEmail, .correspondant, correspondent: other)
            try add(world.staffAccount, .equipe)
        }
        try await SecondFactorFixture.enrolStaff(in: database)
        return world
    }

    static var config: AppConfig {
        var config = TestApp.config()
        config.staffEmail = staffEmail
        return config
    }

    /// The fields of a complete case form for a signed-in director.
    func caseFields(token: String, departement: String? = nil, narrative: String = CaseWorld.narrative) -> [(String, String)] {
        [
            ("jeton", token), ("situation", "fin-de-fonctions"), ("urgence", "decision-annoncee"), ("axe_solidarite", "oui"),
            ("recit", narrative), ("departement", departement ?? self.departement), ("employeur_recherche", ""), ("employeur_code", ""),
            ("employeur_nom", "Syndicat mixte du test"), ("notification", directorNotification), ("telephone", "06 11 22 33 44"),
            ("creneaux", "après 18 h"), ("action", "envoyer"),
        ]
    }

    /// Opens a case as the director through the form; returns its reference.
    func openCase(_ browser: Browser, departement: String? = nil) async throws -> String {
        let form = try await browser.get("/demandes/nouvelle?situation=fin-de-fonctions")
        let token = try #require(Self.token(in: form.body))
        let opened = try await browser.post("/demandes/nouvelle", caseFields(token: token, departement: departement))
        #expect(opened.status == .seeOther)
        let location = try #require(opened.location)
        return String(try #require(location.split(separator: "/").last?.split(separator: "?").first))
    }

    static func token(in html: String) -> String? {
        html.range(of: #"name="jeton" value=""#).map { range in String(html[range.upperBound...].prefix { $0 != "\"" }) }
    }

    func outbox(kind: String) throws -> [OutboxMessage] {
        try database.outboxMessages().filter { $0.kind == kind }
    }

    func caseFile(_ reference: String) async throws -> CaseFile {
        try #require(try await database.caseFile(reference: reference))
    }
}

@Suite("Cases: opening, routing, mail, handling", .serialized)
struct CaseFlowTests {
    func worker(_ world: CaseWorld, _ sink: SMTPSink) -> DeliveryWorker {
        DeliveryWorker(database: world.database, mailer: SMTPMailer(settings: SMTPSettings(url: sink.url)), outbox: Outbox(), secrets: TestApp.mailLinks,
                       logger: Logger(label: "t"), clock: { TestClock.now.addingTimeInterval(3600) })
    }

    @Test("a director opens a case: the expected correspondent gets one mail, the director one acknowledgement, neither with the narrative")
    func openAndNotify() async throws {
        let world = try await CaseWorld.make()
        let sink = SMTPSink()
        try await sink.start()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            #expect(try await signIn(director, world.directorEmail, CaseWorld.password).status == .seeOther)
            let reference = try await world.openCase(director)
            #expect(CaseReference(reference) == CaseReference(year: 2026, sequence: 1))
            let stored = try await world.caseFile(reference)
            #expect(stored.status == .attribuee)
            #expect(stored.assigneeId == world.correspondentId)

            _ = try await worker(world, sink).deliverDue()
            let envelopes = sink.envelopes
            #expect(envelopes.count == 2)
            #expect(envelopes.filter { $0.recipients == [world.correspondentEmail] }.count == 1)
            #expect(envelopes.filter { $0.recipients == [world.directorNotification] }.count == 1)
            for envelope in envelopes {
                let reader = MIMEReader(envelope.data)
                let text = try #require(reader.part("text/plain")), html = try #require(reader.part("text/html"))
                for forbidden in ["départ", "Le maire", "Syndicat mixte", "fin de fonctions", "Ma fin de fonctions", "06 11 22 33 44"] {
                    #expect(!text.contains(forbidden) && !html.contains(forbidden) && !envelope.data.contains(forbidden), "\(forbidden) in a mail")
                }
                #expect(text.contains(reference))
                #expect(text.contains("/demandes/\(reference)"))
            }
            let acknowledgement = try #require(envelopes.first { $0.recipients == [world.directorNotification] })
            let name = try await world.database.reader.read { db in try String.fetchOne(db, sql: "SELECT firstName FROM correspondent WHERE id = ?", arguments: [world.correspondentId]) }
            #expect(MIMEReader(acknowledgement.data).part("text/plain")?.contains(try #require(name)) == true)

            // The case page shows the narrative escaped, line breaks kept by CSS.
            let page = try await director.get("/demandes/\(reference)")
            #expect(page.status == .ok)
            #expect(page.body.contains("&lt;b&gt;mon départ&lt;/b&gt;"))
            #expect(!page.body.contains("<b>mon départ</b>"))
            #expect(page.body.contains("Deuxième ligne"))
            // The director's own reading is not logged as an access.
            #expect(try await world.database.caseAccessHistory(reference: reference).isEmpty)
        }
        try await sink.stop()
    }

    @Test("submitting the same form twice (double click, refresh, back) opens one case")
    func doubleSubmit() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let form = try await director.get("/demandes/nouvelle")
            let token = try #require(CaseWorld.token(in: form.body))
            let first = try await director.post("/demandes/nouvelle", world.caseFields(token: token))
            let second = try await director.post("/demandes/nouvelle", world.caseFields(token: token))
            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(first.location == second.location)
            let count = try await world.database.reader.read { db in try CaseFile.fetchCount(db) }
            #expect(count == 1)
            #expect(try world.outbox(kind: "case-assigned").count == 1)
        }
    }

    @Test("a decline needs a reason and routes the case to someone else, never back; the others get 404")
    func declineAndConfidentiality() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)

            // Another correspondent asking for the case gets 404, as if it did not exist.
            let other = Browser(client)
            try await signIn(other, world.otherEmail, CaseWorld.password)
            #expect(try await other.get("/demandes/\(reference)").status == .notFound)
            try await other.get("/correspondant")
            #expect(try await other.post("/demandes/\(reference)/message", [("message", "intrus")]).status == .notFound)
            #expect(try await other.get("/demandes/R-2026-09999").status == .notFound)

            let assignee = Browser(client)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            let page = try await assignee.get("/demandes/\(reference)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Syndicat mixte du test"))
            // Reading is logged, with who and from where.
            let history = try await world.database.caseAccessHistory(reference: reference)
            #expect(history.first?.actorEmail == world.correspondentEmail)

            // No reason: the page says so and nothing changes.
            let refused = try await assignee.post("/demandes/\(reference)/action", [("action", "decliner"), ("motif", "")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("pourquoi vous déclinez"))
            #expect(try await world.caseFile(reference).assigneeId == world.correspondentId)

            let declined = try await assignee.post("/demandes/\(reference)/action", [("action", "decliner"), ("motif", "Je connais le maire personnellement.")])
            #expect(declined.status == .seeOther)
            let rerouted = try await world.caseFile(reference)
            #expect(rerouted.status == .attribuee)
            #expect(rerouted.assigneeId != nil && rerouted.assigneeId != world.correspondentId)
            // The one who declined no longer sees it; the director never reads the reason.
            #expect(try await assignee.get("/demandes/\(reference)").status == .notFound)
            let directorView = try await director.get("/demandes/\(reference)")
            #expect(!directorView.body.contains("personnellement"))
            #expect(directorView.body.contains("passé la main"))
            #expect(try world.outbox(kind: "case-rerouted").count == 1)

        }
    }

    @Test("declined by the only eligible correspondent: the staff queue, staff alerted, the decliner never chosen again")
    func declinedByTheOnlyOne() async throws {
        let world = try await CaseWorld.make()
        try await world.database.writer.write { db in
            try db.execute(sql: "UPDATE correspondent SET active = 0 WHERE id != ?", arguments: [world.correspondentId])
        }
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            let assignee = Browser(client)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            try await assignee.get("/demandes/\(reference)")
            try await assignee.post("/demandes/\(reference)/action", [("action", "decliner"), ("motif", "Conflit d’intérêts.")])
            let queued = try await world.caseFile(reference)
            #expect(queued.status == .nouvelle && queued.assigneeId == nil)
            #expect(try world.outbox(kind: "case-unrouted").first?.recipient == CaseWorld.staffEmail)
        }
    }

    @Test("no candidate at all: the case waits in the staff queue and staff get a mail")
    func noCandidate() async throws {
        let world = try await CaseWorld.make()
        try await world.database.writer.write { db in try db.execute(sql: "UPDATE correspondent SET active = 0") }
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            #expect(try await world.caseFile(reference).status == .nouvelle)
            let alert = try #require(try world.outbox(kind: "case-unrouted").first)
            #expect(alert.recipient == CaseWorld.staffEmail)
            #expect(!alert.raw.contains("Syndicat") && !alert.raw.contains("maire"))
            let page = try await director.get("/demandes/\(reference)")
            #expect(page.body.contains("Nous cherchons le correspondant le mieux placé"))
            // It is in the staff queue on the dashboard, without its narrative; staff read it (logged) and reassign it.
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            let dashboard = try await staff.get("/equipe")
            #expect(dashboard.body.contains(reference) && dashboard.body.contains("Sans correspondant"))
            #expect(!dashboard.body.contains("mon départ"))
            #expect(try await staff.get("/demandes/\(reference)").status == .ok)
            try await world.database.writer.write { db in try db.execute(sql: "UPDATE correspondent SET active = 1 WHERE id = ?", arguments: [world.otherCorrespondentId]) }
            let reassigned = try await staff.post("/demandes/\(reference)/action", [
                ("action", "reattribuer"), ("motif", "Personne dans le département"), ("correspondant", String(world.otherCorrespondentId)),
            ])
            #expect(reassigned.status == .seeOther)
            #expect(try await world.caseFile(reference).assigneeId == world.otherCorrespondentId)
            let history = try await staff.get("/demandes/\(reference)")
            #expect(history.body.contains("Consultations de la demande"))
            #expect(history.body.contains(world.staffAccount))
        }
    }

    @Test("the whole life: accept, wait, the director's reply resumes, close, reopen within 30 days; every step on the timeline")
    func lifecycle() async throws {
        let world = try await CaseWorld.make()
        let clock = MutableClock()
        try await TestApp.run(database: world.database, config: CaseWorld.config, clock: clock.function) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            let assignee = Browser(client)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            let desk = try await assignee.get("/correspondant")
            #expect(desk.body.contains(reference))
            #expect(desk.body.contains("À accepter"))

            try await assignee.get("/demandes/\(reference)")
            #expect(try await assignee.post("/demandes/\(reference)/action", [("action", "accepter")]).status == .seeOther)
            let sent = try await assignee.post("/demandes/\(reference)/message", [("message", "Bonjour,\r\nje vous appelle demain <i>matin</i>.")])
            #expect(sent.status == .seeOther)
            #expect(try await assignee.get(try #require(sent.location)).body.contains("<p class=\"notice\" role=\"status\">Message envoyé.</p>"))
            #expect(try await assignee.post("/demandes/\(reference)/note", [("note", "Note privée : contexte politique tendu.")]).status == .seeOther)
            #expect(try await assignee.post("/demandes/\(reference)/action", [("action", "attente")]).status == .seeOther)
            #expect(try await world.caseFile(reference).status == .enAttente)

            // The director sees the message (escaped, line break kept as text) but never the note.
            let seen = try await director.get("/demandes/\(reference)")
            #expect(seen.body.contains("je vous appelle demain &lt;i&gt;matin&lt;/i&gt;."))
            #expect(seen.body.contains("Bonjour,\nje vous appelle"))
            #expect(!seen.body.contains("contexte politique"))
            #expect(try world.outbox(kind: "case-message").first?.recipient == world.directorNotification)

            // The director answers: the case is back in the correspondent's hands; they get a neutral mail.
            try await director.post("/demandes/\(reference)/message", [("message", "Merci, je suis disponible.")])
            #expect(try await world.caseFile(reference).status == .priseEnCharge)
            let toCorrespondent = try world.outbox(kind: "case-message").filter { $0.recipient == world.correspondentEmail }
            #expect(toCorrespondent.count == 1)
            #expect(toCorrespondent.first?.subject.contains("nouveau message") == true)
            #expect(toCorrespondent.first?.raw.contains("disponible") == false)

            // An illegal move is refused and changes nothing.
            let illegal = try await director.post("/demandes/\(reference)/action", [("action", "accepter")])
            #expect(illegal.status == .conflict)
            #expect(!illegal.body.contains(#"aria-invalid="true""#), "the refusal is said once, not beside every field")

            #expect(try await assignee.post("/demandes/\(reference)/action", [("action", "clore_resolue"), ("confirme", "oui")]).status == .seeOther)
            var closed = try await world.caseFile(reference)
            #expect(closed.status == .close && closed.outcome == .resolue)

            clock.advance(by: 10 * 86_400)
            // Sessions end after 12 idle hours: sign in again, as the director would.
            try await signIn(director, world.directorEmail, CaseWorld.password)
            try await director.get("/demandes/\(reference)")
            #expect(try await director.post("/demandes/\(reference)/action", [("action", "rouvrir")]).status == .seeOther)
            let reopened = try await world.caseFile(reference)
            #expect(reopened.status == .attribuee)
            #expect(reopened.assigneeId == world.correspondentId, "a reopened case goes back to its correspondent")

            // Withdrawn, then too late to reopen after 30 days.
            #expect(try await director.post("/demandes/\(reference)/action", [("action", "retirer"), ("confirme", "oui")]).status == .seeOther)
            closed = try await world.caseFile(reference)
            #expect(closed.outcome == .retiree)
            #expect(try world.outbox(kind: "case-withdrawn").count == 1)
            clock.advance(by: 31 * 86_400)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            try await director.get("/demandes/\(reference)")
            let late = try await director.post("/demandes/\(reference)/action", [("action", "rouvrir")])
            #expect(late.status == .conflict)
            #expect(late.body.contains("délai de 30 jours"))

            let timeline = try await director.get("/demandes/\(reference)")
            for step in ["Demande ouverte", "Prise en charge par", "En attente d’une réponse du directeur", "Reprise", "Close", "Rouverte par le directeur", "Retirée par le directeur"] {
                #expect(timeline.body.contains(step), "\(step) on the timeline")
            }
            let events = try await world.database.reader.read { db in try String.fetchAll(db, sql: "SELECT kind FROM caseEvent ORDER BY id") }
            #expect(events == ["ouverture", "attribution", "acceptation", "mise_en_attente", "reprise", "cloture", "reouverture", "attribution", "retrait"])
        }
    }

    @Test("a case page or a desk seen again is the same until something changes; every view by the correspondent is still audited")
    func pageSeenAgain() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let assignee = Browser(client)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            let emptyDesk = try await assignee.get("/correspondant").body
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            #expect(!emptyDesk.contains(reference))
            #expect(try await assignee.get("/correspondant").body.contains(reference), "the desk shows the new case on its next view")
            func reads() async throws -> Int {
                try await world.database.caseAccessHistory(reference: reference).filter { $0.action == AuditAction.caseRead.rawValue }.count
            }
            let before = try await reads()
            let first = try await assignee.get("/demandes/\(reference)").body
            let second = try await assignee.get("/demandes/\(reference)").body
            #expect(first == second)
            #expect(try await reads() == before + 2, "each view is a line of the audit log, kept data or not")

            let seen = try await director.get("/demandes/\(reference)").body
            #expect(seen.contains("Aucun message pour l’instant."))
            #expect(try await assignee.post("/demandes/\(reference)/message", [("message", "Je vous appelle ce soir.")]).status == .seeOther)
            let after = try await director.get("/demandes/\(reference)").body
            #expect(after.contains("Je vous appelle ce soir."), "the message shows on the director's next view")
            #expect(!after.contains("Aucun message pour l’instant."))
            #expect(try await reads() == before + 2, "the director's own views are not audited")
        }
    }

    @Test("deadlines: not accepted in 48 hours alerts staff once; waiting 30 days on the director sends one reminder")
    func deadlines() async throws {
        let world = try await CaseWorld.make()
        let clock = MutableClock()
        try await TestApp.run(database: world.database, config: CaseWorld.config, clock: clock.function) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let late = try await world.openCase(director)
            let waiting = try await world.openCase(director)
            let assignee = Browser(client)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            try await assignee.get("/demandes/\(waiting)")
            try await assignee.post("/demandes/\(waiting)/action", [("action", "accepter")])
            try await assignee.post("/demandes/\(waiting)/action", [("action", "attente")])

            let parts = try await AppParts.make(config: CaseWorld.config, database: world.database, logger: Logger(label: "t"), clock: clock.function)
            clock.advance(by: 47 * 3600)
            #expect(try await parts.useCases.jobs.run().escalated == 0)
            clock.advance(by: 2 * 3600)
            #expect(try await parts.useCases.jobs.run().escalated == 1)
            #expect(try await parts.useCases.jobs.run().escalated == 0, "one alert, not one per run")
            #expect(try world.outbox(kind: "case-late").count == 1)
            #expect(try await world.caseFile(late).escalatedAt != nil)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            let desk = try await assignee.get("/correspondant")
            #expect(desk.body.contains("en retard"))

            clock.advance(by: 30 * 86_400)
            let result = try await parts.useCases.jobs.run()
            #expect(result.reminded == 1)
            #expect(try await parts.useCases.jobs.run().reminded == 0)
            let reminder = try #require(try world.outbox(kind: "case-reminder").first)
            #expect(reminder.recipient == world.directorNotification)
        }
    }

    @Test("with the SMTP server down the case still opens, and its mails arrive once it is back")
    func smtpDown() async throws {
        let world = try await CaseWorld.make()
        let sink = SMTPSink()
        try await sink.start()
        try await sink.stop()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            #expect(try await world.caseFile(reference).status == .attribuee)
            _ = try? await worker(world, sink).deliverDue()
            #expect(sink.envelopes.isEmpty)
        }
        try await sink.start()
        // The retry schedule moves the next attempt on; a later clock finds them due.
        let later = DeliveryWorker(database: world.database, mailer: SMTPMailer(settings: SMTPSettings(url: sink.url)), outbox: Outbox(), secrets: TestApp.mailLinks,
                                   logger: Logger(label: "t"), clock: { TestClock.now.addingTimeInterval(6 * 3600) })
        _ = try await later.deliverDue()
        _ = try await later.deliverDue()
        #expect(sink.envelopes.count == 2)
        #expect(Set(sink.envelopes.flatMap(\.recipients)) == [world.correspondentEmail, world.directorNotification])
        try await sink.stop()
    }

    @Test("a visitor opens a case and creates an account in the same form; the case leaves when the address is confirmed")
    func visitorFlow() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let visitor = Browser(client)
            let form = try await visitor.get("/demandes/nouvelle?situation=fin-de-fonctions&departement=\(world.departement)&urgence=date-fixee")
            #expect(form.body.contains("Votre compte"))
            #expect(form.body.contains(#"value="date-fixee" checked"#))
            let token = try #require(CaseWorld.token(in: form.body))
            var fields = world.caseFields(token: token)
            fields += [("nom", "Nouvelle Directrice"), ("email", "nouvelle@mairie.example"), ("poste", "dga"),
                       ("motdepasse", CaseWorld.password), ("confirmation", "pas la même")]
            // An error brings everything back, the narrative included.
            let wrong = try await visitor.post("/demandes/nouvelle", fields)
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("&lt;b&gt;mon départ&lt;/b&gt;"))
            #expect(wrong.body.contains("Nouvelle Directrice"))
            #expect(wrong.body.contains("ne sont pas identiques"))
            #expect(wrong.body.contains(#"value="\#(token)""#), "the same submission token comes back")

            fields[fields.count - 1] = ("confirmation", CaseWorld.password)
            let sent = try await visitor.post("/demandes/nouvelle", fields)
            #expect(sent.status == .ok)
            #expect(sent.body.contains("partira vers un correspondant dès que vous aurez confirmé"))
            #expect(try world.outbox(kind: "case-assigned").isEmpty, "nothing leaves before the address is confirmed")

            let (text, path) = try latestMail(to: "nouvelle@mairie.example", in: world.database)
            #expect(text.contains("Votre demande d’accompagnement est prête"))
            #expect(!text.contains("mon départ"))
            let link = try #require(path)
            let token2 = String(link.split(separator: "=").last!)
            let confirmed = try await visitor.post("/inscription/confirmation", [("jeton", token2), ("motdepasse", CaseWorld.password)])
            #expect(confirmed.status == .seeOther)
            #expect(confirmed.location?.contains("demande-envoyee") == true)
            #expect(try world.outbox(kind: "case-assigned").count == 1)
            let opened = try await world.database.reader.read { db in try CaseFile.filter(Column("openedAt") != nil).fetchOne(db) }
            #expect(opened?.assigneeId == world.correspondentId)

            // An address that already has an account: the same page, a mail to its owner, a draft waiting for them.
            let someone = Browser(client)
            let form2 = try await someone.get("/demandes/nouvelle")
            var fields2 = world.caseFields(token: try #require(CaseWorld.token(in: form2.body)))
            fields2 += [("nom", "Quelqu’un"), ("email", world.directorEmail), ("poste", "dgs"), ("motdepasse", CaseWorld.password), ("confirmation", CaseWorld.password)]
            let same = try await someone.post("/demandes/nouvelle", fields2)
            #expect(same.status == .ok)
            #expect(same.body.contains("Vérifiez votre messagerie"))
            #expect(try world.outbox(kind: "case-pending").first?.recipient == world.directorEmail)
            let owner = Browser(client)
            try await signIn(owner, world.directorEmail, CaseWorld.password)
            let mine = try await owner.get("/mes-demandes")
            #expect(mine.body.contains("Préparées, pas encore envoyées"))
            let draftId = try await world.database.reader.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM caseFile WHERE openedAt IS NULL")
            }
            let erased = try await owner.post("/mes-demandes/brouillon", [("id", String(try #require(draftId))), ("action", "effacer")])
            #expect(erased.status == .seeOther)
            #expect(try await world.database.reader.read { db in try CaseFile.filter(Column("openedAt") == nil).fetchCount(db) } == 0)
        }
    }

    @Test("bad input on the case forms: a French message beside the field, everything kept, nothing stored")
    func badInput() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let form = try await director.get("/demandes/nouvelle")
            let token = try #require(CaseWorld.token(in: form.body))
            var fields = world.caseFields(token: token, narrative: "")
            fields.removeAll { $0.0 == "axe_solidarite" }
            fields = fields.map { $0.0 == "notification" ? ("notification", "x@y.fr\r\nBcc: victime@exemple.fr") : $0 }
            let page = try await director.post("/demandes/nouvelle", fields)
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("Dites en quelques lignes ce qui se passe"))
            #expect(page.body.contains("Cochez au moins un domaine"))
            #expect(page.body.contains("Cette adresse de notification n’est pas valide"))
            #expect(page.body.contains("Syndicat mixte du test"))
            let long = world.caseFields(token: token, narrative: String(repeating: "é", count: CaseFormController.narrativeLimit + 1))
            #expect(try await director.post("/demandes/nouvelle", long).status == .unprocessableContent)
            // Duplicate fields and invalid UTF-8 are refused before any handler.
            let duplicate = try await director.postRaw("/demandes/nouvelle", body: Array("recit=a&recit=b&_csrf=\(director.lastCSRF ?? "")".utf8))
            #expect(duplicate.status == .badRequest)
            let invalid = try await director.postRaw("/demandes/nouvelle", body: Array("recit=%FF%FE&_csrf=\(director.lastCSRF ?? "")".utf8))
            #expect(invalid.status == .badRequest)
            #expect(try await world.database.reader.read { db in try CaseFile.fetchCount(db) } == 0)

            // Messages: empty and oversized are refused with a message.
            let reference = try await world.openCase(director)
            try await director.get("/demandes/\(reference)")
            let empty = try await director.post("/demandes/\(reference)/message", [("message", "  \r\n ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body.contains("Le message est vide"))
            // A director cannot write private notes.
            #expect(try await director.post("/demandes/\(reference)/note", [("note", "x")]).status == .notFound)
            // Visitors are sent to sign in, with the way back.
            let visitor = Browser(client)
            let redirected = try await visitor.get("/demandes/\(reference)")
            #expect(redirected.status == .seeOther)
            #expect(redirected.location?.contains("suite=") == true)
        }
    }

    @Test("a correspondent sets an absence: no new case reaches them until then")
    func availability() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let assignee = Browser(client)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            try await assignee.get("/correspondant")
            let wrong = try await assignee.post("/correspondant/disponibilite", [("absent_jusqu", "hier"), ("capacite", "99")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("Cette date n’est pas valide"))
            #expect(wrong.body.contains("entre 0 et 20"))
            let saved = try await assignee.post("/correspondant/disponibilite", [("absent_jusqu", "15/12/2026"), ("capacite", "3")])
            #expect(saved.status == .seeOther)
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            #expect(try await world.caseFile(reference).assigneeId != world.correspondentId)
        }
    }

    @Test("deleting an account closes open cases with a note and anonymises every case; purge anonymises old closed cases")
    func personalData() async throws {
        let world = try await CaseWorld.make()
        try await TestApp.run(database: world.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            let reference = try await world.openCase(director)
            try await director.post("/demandes/\(reference)/message", [("message", "Un détail très personnel.")])
            // The export carries the case and the message.
            let export = try await director.get("/mes-donnees/export.json")
            #expect(export.body.contains(reference) && export.body.contains("Un détail très personnel."))

            try await director.get("/mes-donnees")
            let deleted = try await director.post("/mes-donnees/suppression", [("motdepasse", CaseWorld.password)])
            #expect(deleted.status == .ok)
            let stored = try await world.caseFile(reference)
            #expect(stored.status == .close && stored.outcome == .retiree)
            #expect(stored.directorId == nil && stored.narrative.isEmpty && stored.notificationEmail.isEmpty && stored.phone.isEmpty)
            #expect(stored.employerName.isEmpty && stored.anonymisedAt != nil)
            let leftovers = try await world.database.reader.read { db in
                (try CaseMessage.fetchCount(db), try String.fetchAll(db, sql: "SELECT kind FROM caseEvent ORDER BY id"))
            }
            #expect(leftovers.0 == 0)
            #expect(leftovers.1.suffix(2) == ["retrait", "compte_supprime"])
            // The correspondent was told, without content, and the case is gone from their view.
            #expect(try world.outbox(kind: "case-withdrawn").count == 1)
            let assignee = Browser(client)
            try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
            #expect(try await assignee.get("/demandes/\(reference)").status == .notFound)
        }

        // Purge: a case closed four years ago is anonymised, a recent one is not.
        let other = try await CaseWorld.make()
        try await TestApp.run(database: other.database, config: CaseWorld.config) { client async throws in
            let director = Browser(client)
            try await signIn(director, other.directorEmail, CaseWorld.password)
            let old = try await other.openCase(director)
            let recent = try await other.openCase(director)
            try await director.get("/demandes/\(old)")
            try await director.post("/demandes/\(old)/action", [("action", "retirer"), ("confirme", "oui")])
            try await director.get("/demandes/\(recent)")
            try await director.post("/demandes/\(recent)/action", [("action", "retirer"), ("confirme", "oui")])
            try await other.database.writer.write { db in
                try db.execute(sql: "UPDATE caseFile SET closedAt = ? WHERE reference = ?", arguments: [TestClock.now.addingTimeInterval(-4 * 365 * 86_400), old])
            }
            let report = try other.database.purge(before: TestClock.now.addingTimeInterval(-3 * 365 * 86_400), now: TestClock.now,
                                                  sessionIdle: Sessions.idleLimit, sessionAbsolute: Sessions.absoluteLimit)
            #expect(report.anonymisedCases == 1)
            #expect(try await other.caseFile(old).narrative.isEmpty)
            #expect(try await other.caseFile(recent).narrative == CaseWorld.narrative)
        }
    }
}
