import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import Logging
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// Avis requests to experts: the director's consent before anything reaches the expert, the conflict
/// declaration first, the avis in its own thread, revocation, expiry, reminders, and that the expert
/// reaches nothing else (mails included).
@Suite("Cases: an expert's avis, with the director's consent", .serialized)
struct CaseReferralTests {
    static let expertEmail = "maitre.avocat@cabinet.example"
    static let question = "Le protocole de départ proposé est-il conforme aux textes ?"
    static let summary = "DGS d’une commune de 12 000 habitants ; décharge de fonctions annoncée ; protocole proposé par le maire."

    struct Setup {
        let world: CaseWorld
        let config: AppConfig
        let folder: URL
        let expertId: Int64
    }

    static func setup() async throws -> Setup {
        let world = try await CaseWorld.make()
        var config = CaseWorld.config
        let folder = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("relais-avis-\(UUID().uuidString)")
        config.filesPath = folder.path
        let hash = try await PasswordHasher().hash(CaseWorld.password)
        let expertId = try await world.database.writer.write { db -> Int64 in
            var user = User(email: expertEmail, name: "Maître Avocat", role: .expert, notificationEmail: expertEmail, now: TestClock.now)
            user.passwordHash = hash
            user.emailConfirmedAt = TestClock.now
            try user.insert(db)
            var expert = Expert(userId: user.id, name: "Maître Avocat", field: .juridique, organisation: "Cabinet Exemple", regions: [], createdAt: TestClock.now)
            try expert.insert(db)
            return expert.id!
        }
        return Setup(world: world, config: config, folder: folder, expertId: expertId)
    }

    /// The case opened by the director, a PDF in its thread, accepted by the correspondent.
    static func openedCase(_ setup: Setup, director: Browser, assignee: Browser) async throws -> (reference: String, documentId: Int64) {
        let world = setup.world
        try await signIn(director, world.directorEmail, CaseWorld.password)
        let reference = try await world.openCase(director)
        try await director.get("/demandes/\(reference)")
        try await director.postMultipart("/demandes/\(reference)/message", [("message", "Le projet de protocole")],
                                         files: [.init(filename: "protocole.pdf", bytes: CaseDocumentsTests.pdf)])
        try await signIn(assignee, world.correspondentEmail, CaseWorld.password)
        try await assignee.get("/demandes/\(reference)")
        try await assignee.post("/demandes/\(reference)/action", [("action", "accepter")])
        let document = try #require(try await world.database.reader.read { db in try CaseDocument.fetchOne(db) })
        return (reference, document.id!)
    }

    static func propose(_ setup: Setup, _ assignee: Browser, reference: String, documentId: Int64) async throws -> Int64 {
        let form = try await assignee.get("/demandes/\(reference)/avis/nouveau")
        #expect(form.status == .ok)
        #expect(form.body.contains("Maître Avocat"))
        let sent = try await assignee.post("/demandes/\(reference)/avis/nouveau", [
            ("expert", String(setup.expertId)), ("question", question), ("resume", summary), ("piece-\(documentId)", "oui"), ("duree", "30"),
        ])
        #expect(sent.status == .seeOther)
        return try #require(try await setup.world.database.reader.read { db in try Referral.fetchOne(db)?.id })
    }

    static func proposeAnother(_ setup: Setup, _ assignee: Browser, reference: String) async throws -> Int64 {
        try await assignee.get("/demandes/\(reference)/avis/nouveau")
        try await assignee.post("/demandes/\(reference)/avis/nouveau", [("expert", String(setup.expertId)), ("question", question), ("resume", summary), ("duree", "30")])
        return try #require(try await setup.world.database.reader.read { db in try Referral.order(Column("id").desc).fetchOne(db)?.id })
    }

    /// The expert asks for the case's own routes: they do not exist for them.
    static func expertReachesNothingOfTheCase(_ expert: Browser, reference: String, documentId: Int64) async throws {
        #expect(try await expert.get("/demandes/\(reference)").status == .notFound)
        #expect(try await expert.get("/demandes/\(reference)/pieces/\(documentId)").status == .notFound)
        #expect(try await expert.post("/demandes/\(reference)/message", [("message", "x")]).status == .notFound)
        #expect(try await expert.post("/demandes/\(reference)/note", [("note", "x")]).status == .notFound)
        #expect(try await expert.get("/demandes/\(reference)/avis/nouveau").status == .notFound)
        #expect(try await expert.get("/correspondant").status == .notFound)
        #expect(try await expert.get("/equipe").status == .notFound)
    }

    static func mailsToExpert(_ world: CaseWorld) throws -> [OutboxMessage] {
        try world.database.outboxMessages().filter { $0.recipient.contains(expertEmail) }
    }

    @Test("proposed, reviewed and accepted by the director, declared free of conflict, read, answered with a file, then revoked: the expert gets 404")
    func journey() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client), assignee = Browser(client), expert = Browser(client)
            let (reference, documentId) = try await Self.openedCase(setup, director: director, assignee: assignee)
            let id = try await Self.propose(setup, assignee, reference: reference, documentId: documentId)
            try await signIn(expert, Self.expertEmail, CaseWorld.password)

            // Nothing reaches the expert before the director decides: no page, no file, no mail.
            #expect(try await expert.get("/avis/\(id)").status == .notFound)
            #expect(try await expert.get("/avis/\(id)/pieces/\(documentId)").status == .notFound)
            #expect(try Self.mailsToExpert(world).isEmpty)
            #expect(try await expert.get("/demandes/\(reference)").status == .notFound)

            // The director sees exactly what would be shared, and with whom.
            let review = try await director.get("/demandes/\(reference)")
            #expect(review.body.contains("Maître Avocat — Juridique, Cabinet Exemple"))
            #expect(review.body.contains("Le protocole de départ proposé est-il conforme aux textes"))
            #expect(review.body.contains("protocole.pdf"))
            #expect(review.body.contains("Accepter et transmettre"))
            let changedSummary = "Résumé revu par le directeur : protocole de départ à vérifier."
            let accepted = try await director.post("/demandes/\(reference)/avis/\(id)/decision", [
                ("decision", "accepter"), ("resume-\(id)", changedSummary), ("piece-\(documentId)", "oui"), ("duree", "15"),
            ])
            #expect(accepted.status == .seeOther)

            // The expert's mail: a link, nothing of the case.
            let request = try #require(try Self.mailsToExpert(world).first { $0.kind == MailKind.referralRequest.rawValue })
            for secret in [reference, "Syndicat mixte", "maire", "protocole", "fin de fonctions", world.directorEmail] {
                #expect(!request.raw.contains(secret), "the expert's mail mentions \(secret)")
            }

            // First the question, the situation and the employer, to declare a conflict; nothing else.
            let check = try await expert.get("/avis/\(id)")
            #expect(check.status == .ok)
            #expect(check.body.contains("conforme aux textes"))
            #expect(check.body.contains("Syndicat mixte du test"))
            #expect(!check.body.contains("Résumé revu") && !check.body.contains("protocole.pdf") && !check.body.contains("mon départ"))
            #expect(try await expert.get("/avis/\(id)/pieces/\(documentId)").status == .notFound)
            let free = try await expert.post("/avis/\(id)/declaration", [("declaration", "pas-de-conflit"), ("motif", "")])
            #expect(free.status == .seeOther)

            // Then the summary as the director left it, the shared file (audited), never the narrative.
            let open = try await expert.get("/avis/\(id)")
            #expect(open.body.contains(changedSummary))
            #expect(!open.body.contains("mon départ") && !open.body.contains("Deuxième ligne du récit"))
            let download = try await expert.get("/avis/\(id)/pieces/\(documentId)")
            #expect(download.status == .ok && download.bytes == CaseDocumentsTests.pdf)
            let history = try await world.database.caseAccessHistory(reference: reference)
            #expect(history.contains { $0.actorEmail == Self.expertEmail && $0.action == AuditAction.caseDocumentRead.rawValue })
            #expect(history.contains { $0.actorEmail == Self.expertEmail && $0.action == AuditAction.caseRead.rawValue })

            try await Self.expertReachesNothingOfTheCase(expert, reference: reference, documentId: documentId)

            // The avis, with a file: the correspondent and the director read it.
            let answered = try await expert.postMultipart("/avis/\(id)/message", [("message", "Mon avis : le protocole doit mentionner l’indemnité.")],
                                                          files: [.init(filename: "avis.pdf", bytes: CaseDocumentsTests.pdf)])
            #expect(answered.status == .seeOther)
            let directorPage = try await director.get("/demandes/\(reference)")
            #expect(directorPage.body.contains("le protocole doit mentionner l’indemnité"))
            #expect(directorPage.body.contains("avis.pdf"))
            #expect(try await assignee.get("/demandes/\(reference)").body.contains("le protocole doit mentionner l’indemnité"))
            #expect(try world.outbox(kind: MailKind.referralAnswer.rawValue).count == 2)
            // The expert's data export holds what they wrote.
            let export = try await expert.get("/mes-donnees/export.json")
            let json = try #require(try JSONSerialization.jsonObject(with: Data(export.bytes)) as? [String: Any])
            let written = try #require(json["avisMessages"] as? [[String: Any]])
            #expect(written.count == 1 && (written.first?["body"] as? String)?.contains("l’indemnité") == true)

            // The director revokes: the expert's page and files are gone for them.
            let avisFile = try #require(try await world.database.reader.read { db in try CaseDocument.filter(Column("name") == "avis.pdf").fetchOne(db)?.id })
            #expect(try await expert.get("/avis/\(id)/pieces/\(avisFile)").status == .ok)
            try await director.get("/demandes/\(reference)")
            #expect(try await director.post("/demandes/\(reference)/avis/\(id)/revocation", []).status == .seeOther)
            #expect(try await expert.get("/avis/\(id)").status == .notFound)
            #expect(try await expert.get("/avis/\(id)/pieces/\(documentId)").status == .notFound)
            #expect(try await expert.get("/avis/\(id)/pieces/\(avisFile)").status == .notFound)
            let desk = try await expert.get("/expert")
            #expect(desk.body.contains("Accès révoqué par le directeur"))
            #expect(!desk.body.contains("href=\"/avis/\(id)\""))
        }
    }

    @Test("a director who refuses: nothing ever reaches the expert")
    func refusal() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client), assignee = Browser(client), expert = Browser(client)
            let (reference, documentId) = try await Self.openedCase(setup, director: director, assignee: assignee)
            let id = try await Self.propose(setup, assignee, reference: reference, documentId: documentId)
            try await director.get("/demandes/\(reference)")
            #expect(try await director.post("/demandes/\(reference)/avis/\(id)/decision", [("decision", "refuser"), ("motif-\(id)", "Pas maintenant.")])
                .status == .seeOther)
            try await signIn(expert, Self.expertEmail, CaseWorld.password)
            #expect(try await expert.get("/avis/\(id)").status == .notFound)
            #expect(try Self.mailsToExpert(world).isEmpty)
            #expect(try world.outbox(kind: MailKind.referralDecided.rawValue).count == 1)
            #expect(try await assignee.get("/demandes/\(reference)").body.contains("Pas maintenant."))
            #expect(!(try await director.get("/demandes/\(reference)").body.contains("Accepter et transmettre")))
            // The director cannot decide twice; another correspondent cannot reach the request.
            #expect(try await director.post("/demandes/\(reference)/avis/\(id)/decision", [("decision", "accepter"), ("resume-\(id)", "x")]).status == .conflict)
            let other = Browser(client)
            try await signIn(other, world.otherEmail, CaseWorld.password)
            #expect(try await other.get("/demandes/\(reference)/avis/nouveau").status == .notFound)
            // A proposal taken back by the correspondent before the director decides: nothing left to decide.
            try await assignee.get("/demandes/\(reference)")
            let second = try await Self.proposeAnother(setup, assignee, reference: reference)
            #expect(try await assignee.post("/demandes/\(reference)/avis/\(second)/retrait", []).status == .seeOther)
            #expect(try await world.database.reader.read { db in try Referral.fetchOne(db, key: second)?.status } == .withdrawn)
            #expect(try await assignee.post("/demandes/\(reference)/avis/\(second)/retrait", []).status == .conflict)
            #expect(try await director.post("/demandes/\(reference)/avis/\(second)/retrait", []).status == .notFound)
            #expect(try await other.post("/demandes/\(reference)/avis/\(id)/decision", [("decision", "accepter")]).status == .notFound)
        }
    }

    @Test("a conflict declared sends the request back to the correspondent; the expert then reaches nothing")
    func conflict() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client), assignee = Browser(client), expert = Browser(client)
            let (reference, documentId) = try await Self.openedCase(setup, director: director, assignee: assignee)
            let id = try await Self.propose(setup, assignee, reference: reference, documentId: documentId)
            try await director.get("/demandes/\(reference)")
            try await director.post("/demandes/\(reference)/avis/\(id)/decision", [("decision", "accepter"), ("resume-\(id)", Self.summary), ("duree", "30")])
            try await signIn(expert, Self.expertEmail, CaseWorld.password)
            try await expert.get("/avis/\(id)")
            #expect(try await expert.post("/avis/\(id)/declaration", [("declaration", "conflit"), ("motif", "J’ai conseillé ce syndicat.")]).status == .seeOther)
            #expect(try await expert.get("/avis/\(id)").status == .notFound)
            #expect(try await expert.get("/avis/\(id)/pieces/\(documentId)").status == .notFound)
            #expect(try world.outbox(kind: MailKind.referralConflict.rawValue).count == 1)
            let page = try await assignee.get("/demandes/\(reference)")
            #expect(page.body.contains("Conflit d’intérêts déclaré"))
            #expect(page.body.contains("J’ai conseillé ce syndicat."))
            // The director reads that there was a conflict, not the expert's words about it.
            #expect(!(try await director.get("/demandes/\(reference)").body.contains("J’ai conseillé")))
            #expect(try await assignee.get("/demandes/\(reference)/avis/nouveau").status == .ok)
        }
    }

    @Test("expiry and reminders: seven days without an answer remind the expert once, fourteen alert staff once; past the duration the expert gets 404")
    func expiryAndReminders() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        let clock = MutableClock()
        try await TestApp.run(database: world.database, config: setup.config, clock: clock.function) { client async throws in
            let director = Browser(client), assignee = Browser(client), expert = Browser(client)
            let (reference, documentId) = try await Self.openedCase(setup, director: director, assignee: assignee)
            let id = try await Self.propose(setup, assignee, reference: reference, documentId: documentId)
            try await director.get("/demandes/\(reference)")
            try await director.post("/demandes/\(reference)/avis/\(id)/decision", [("decision", "accepter"), ("resume-\(id)", Self.summary), ("duree", "15")])
            try await signIn(expert, Self.expertEmail, CaseWorld.password)
            try await expert.get("/avis/\(id)")
            try await expert.post("/avis/\(id)/declaration", [("declaration", "pas-de-conflit")])
            let parts = try await AppParts.make(config: setup.config, database: world.database, logger: Logger(label: "t"), clock: clock.function)
            let reminders = { try world.outbox(kind: MailKind.referralReminder.rawValue).count }
            let alerts = { try world.outbox(kind: MailKind.referralLate.rawValue).count }
            clock.advance(by: 6 * 86_400)
            try await parts.useCases.jobs.run()
            #expect(try reminders() == 0)
            clock.advance(by: 1 * 86_400 + 60)
            try await parts.useCases.jobs.run()
            try await parts.useCases.jobs.run()
            #expect(try reminders() == 1 && alerts() == 0)
            clock.advance(by: 7 * 86_400)
            try await parts.useCases.jobs.run()
            try await parts.useCases.jobs.run()
            #expect(try reminders() == 1 && alerts() == 1)
            // Sessions end after 12 idle hours: the expert signs in again.
            try await signIn(expert, Self.expertEmail, CaseWorld.password)
            #expect(try await expert.get("/avis/\(id)").status == .ok)
            // Fifteen days after the director's acceptance, access ends by itself.
            clock.advance(by: 1 * 86_400 + 60)
            try await signIn(expert, Self.expertEmail, CaseWorld.password)
            #expect(try await expert.get("/avis/\(id)").status == .notFound)
            try await parts.useCases.jobs.run()
            #expect(try await world.database.reader.read { db in try Referral.fetchOne(db, key: id)?.status } == .expired)
            #expect(try world.outbox(kind: MailKind.referralEnded.rawValue).count == 1)
            // Every mail the expert got is neutral.
            for mail in try Self.mailsToExpert(world) {
                #expect(!mail.raw.contains(reference) && !mail.raw.contains("Syndicat mixte") && !mail.raw.contains("protocole"))
            }
        }
    }

    @Test("closing the case ends the expert's access; a deactivated expert loses access at once")
    func caseClosedAndDeactivation() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        defer { try? FileManager.default.removeItem(at: setup.folder) }
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let director = Browser(client), assignee = Browser(client), expert = Browser(client)
            let (reference, documentId) = try await Self.openedCase(setup, director: director, assignee: assignee)
            let id = try await Self.propose(setup, assignee, reference: reference, documentId: documentId)
            try await director.get("/demandes/\(reference)")
            try await director.post("/demandes/\(reference)/avis/\(id)/decision", [("decision", "accepter"), ("resume-\(id)", Self.summary), ("duree", "30")])
            try await signIn(expert, Self.expertEmail, CaseWorld.password)
            try await expert.get("/avis/\(id)")
            try await expert.post("/avis/\(id)/declaration", [("declaration", "pas-de-conflit")])
            #expect(try await expert.get("/avis/\(id)").status == .ok)
            try await world.database.writer.write { db in try db.execute(sql: "UPDATE expert SET active = 0") }
            #expect(try await expert.get("/avis/\(id)").status == .notFound)
            try await world.database.writer.write { db in try db.execute(sql: "UPDATE expert SET active = 1") }
            #expect(try await expert.get("/avis/\(id)").status == .ok)
            try await assignee.get("/demandes/\(reference)")
            #expect(try await assignee.post("/demandes/\(reference)/action", [("action", "clore_resolue"), ("confirme", "oui")]).status == .seeOther)
            #expect(try await expert.get("/avis/\(id)").status == .notFound)
            #expect(try await expert.get("/avis/\(id)/pieces/\(documentId)").status == .notFound)
            // An expert never writes to a request that is not open to them.
            #expect(try await expert.postMultipart("/avis/\(id)/message", [("message", "tard")], files: []).status == .notFound)
            // Anonymised with the case (purge, account deletion): the request stays for the figures, without its words.
            let caseId = try #require(try await world.caseFile(reference).id)
            try await world.database.writer.write { db in _ = try AppDatabase.anonymiseCase(id: caseId, now: TestClock.now, in: db) }
            let kept = try #require(try await world.database.reader.read { db in try Referral.fetchOne(db, key: id) })
            #expect(kept.question.isEmpty && kept.summary.isEmpty && kept.status == .ended)
            #expect(try await world.database.reader.read { db in try ReferralMessage.fetchCount(db) + (try Int.fetchOne(db, sql: "SELECT count(*) FROM referralDocument") ?? 0) } == 0)
        }
    }

    @Test("staff keep the list: add an expert (invited), see the figures; non-staff get 404")
    func staffList() async throws {
        let setup = try await Self.setup()
        let world = setup.world
        try await TestApp.run(database: world.database, config: setup.config) { client async throws in
            let staff = Browser(client)
            try await signIn(staff, world.staffAccount, CaseWorld.password)
            let list = try await staff.get("/equipe/experts")
            #expect(list.status == .ok && list.body.contains("Maître Avocat"))
            let bad = try await staff.post("/equipe/experts", [("email", "pas une adresse"), ("nom", ""), ("organisation", ""), ("domaine", "")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.body.contains("Indiquez une adresse électronique valide"))
            let taken = try await staff.post("/equipe/experts", [("email", world.directorEmail), ("nom", "X"), ("organisation", "Y"), ("domaine", "juridique")])
            #expect(taken.body.contains("n’est pas un compte d’expert"))
            try await staff.get("/equipe/experts")
            let added = try await staff.post("/equipe/experts", [("email", "psy@cabinet.example"), ("nom", "Dr Psy"), ("organisation", "Cabinet Psy"),
                                                                 ("domaine", "psychologique"), ("region-11", "oui")])
            #expect(added.status == .seeOther)
            #expect(try world.outbox(kind: MailKind.invitation.rawValue).contains { $0.recipient.contains("psy@cabinet.example") })
            #expect(try await world.database.user(email: "psy@cabinet.example")?.role == .expert)
            // Staff correct a card (and link it to a partner); taking an expert off the list and back keeps it.
            let partnerId = try #require(try await world.database.reader.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM partner ORDER BY id LIMIT 1") })
            try await staff.get("/equipe/experts")
            #expect(try await staff.post("/equipe/experts/\(setup.expertId)", [("modifier", "oui"), ("nom", "Maître Avocate"),
                                                                              ("organisation", "Cabinet Exemple & associés"), ("domaine", "juridique"),
                                                                              ("region-11", "oui"), ("lien", "partenaire-\(partnerId)")]).status == .seeOther)
            let edited = try #require(try await world.database.reader.read { db in try Expert.fetchOne(db, key: setup.expertId) })
            #expect(edited.name == "Maître Avocate" && edited.organisation == "Cabinet Exemple & associés" && edited.regionCodes == ["11"] && edited.active)
            #expect(edited.partnerId == partnerId)
            #expect(try await staff.get("/equipe/experts").body.contains("(partenaire\u{00A0}: "))
            try await staff.get("/equipe/experts")
            #expect(try await staff.post("/equipe/experts/\(setup.expertId)", [("actif", "non")]).status == .seeOther)
            #expect(try await world.database.reader.read { db in try Expert.fetchOne(db, key: setup.expertId)?.active } == false)
            let dashboard = try await staff.get("/equipe")
            #expect(dashboard.body.contains("Avis d’experts"))
            let director = Browser(client)
            try await signIn(director, world.directorEmail, CaseWorld.password)
            #expect(try await director.get("/equipe/experts").status == .notFound)
            #expect(try await director.get("/expert").status == .notFound)
        }
    }
}
