import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import RelaisCore
import RelaisMail
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// Exchange groups through the real router: a référent plans a meeting, a member takes the scribe's
/// role, writes notes and an action item that lands on its owner's `/compte`; nobody outside the
/// group reaches anything inside it (404, staff included); the forms take hostile input calmly.
@Suite("Exchange groups: pages and forms", .serialized)
struct GroupPagesTests {
    static let director = DemoAccounts.accounts[0], correspondent = DemoAccounts.accounts[1], staff = DemoAccounts.accounts[2]
    static let admin = DemoAccounts.accounts[3], expert = DemoAccounts.accounts[4]
    /// A seeded correspondent with a demo account, in no demo group.
    static let outsider = ("karim.benali@correspondants.relais.example", DemoAccounts.correspondentPassword)

    /// The seeded database with the demo accounts (staff enrolled) and the demo groups: group 1
    /// (the director référent, the correspondent member; meeting 1 past with notes version 1,
    /// meeting 2 to come) and group 2 (by invitation, the correspondent référent, the director invited).
    static func database() async throws -> AppDatabase {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await SecondFactorFixture.enrolStaff(in: database)
        try await DemoGroups.ensure(in: database, now: TestClock.now)
        return database
    }

    static let insideGets = ["/groupes/1", "/groupes/1/reunions/1", "/groupes/1/reunions/2", "/groupes/1/reunions/1/notes/1", "/groupes/1/reunions/nouvelle"]
    static let insidePosts = ["/groupes/1/reunions/nouvelle", "/groupes/1/reunions/1/roles", "/groupes/1/reunions/1/notes", "/groupes/1/reunions/1/actions",
                              "/groupes/1/actions/1/fait", "/groupes/1/invitation", "/groupes/1/membres/1/decision"]

    @Test("a référent plans a meeting, a member takes the scribe's role and writes notes with an action item, which appears on its owner's page")
    func journey() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            let director = Browser(client), correspondent = Browser(client)
            try await signIn(director, Self.director.2, Self.director.3)
            let group = try await director.get("/groupes/1")
            #expect(group.status == .ok)
            #expect(group.headers[.cacheControl]?.contains("no-store") == true)
            #expect(group.body.contains("Planifier une réunion"))
            try await director.get("/groupes/1/reunions/nouvelle")
            let planned = try await director.post("/groupes/1/reunions/nouvelle", [
                ("debut", "2026-12-10T18:30"), ("fin", "2026-12-10T20:00"), ("visio", "oui"), ("lieu", "https://visio.exemple.fr/salle-7"),
                ("ordre", "1. Les protocoles\n2. Questions"),
            ])
            #expect(planned.status == .seeOther)
            let meetingURL = try #require(planned.location)
            #expect(meetingURL == "/groupes/1/reunions/3")
            let invitation = try #require(try await database.outboxMessages().first { $0.kind == MailKind.meetingPlanned.rawValue })
            #expect(invitation.recipient == Self.correspondent.2)
            #expect(!invitation.raw.contains("protocoles") && !invitation.raw.contains("salle-7") && !invitation.raw.contains(DemoGroups.titles[0]))

            try await signIn(correspondent, Self.correspondent.2, Self.correspondent.3)
            let meeting = try await correspondent.get(meetingURL)
            #expect(meeting.body.contains("Je prends ce rôle"))
            #expect(meeting.body.contains("https://visio.exemple.fr/salle-7"))
            let took = try await correspondent.post(meetingURL + "/roles", [("role", "scribe")])
            #expect(took.location == meetingURL + "?message=role")
            #expect(try await correspondent.get(meetingURL).body.contains("Vous avez pris ce rôle."))
            let saved = try await correspondent.post(meetingURL + "/notes", [("notes", "## Fait\n\n- <script>alert(1)</script> relu"), ("version", "0")])
            #expect(saved.location == meetingURL + "?message=notes")
            let withNotes = try await correspondent.get(meetingURL)
            #expect(withNotes.body.contains("<h2>Fait</h2>"))
            #expect(!withNotes.body.contains("<script>alert(1)") && withNotes.body.contains("&lt;script&gt;"))
            #expect(withNotes.body.contains("/notes/1\""))
            let action = try await correspondent.post(meetingURL + "/actions", [
                ("action", "Envoyer le modèle de protocole"), ("responsable", String(try #require(try await database.user(email: Self.director.2)?.id))),
                ("echeance", "2026-12-20"),
            ])
            #expect(action.location == meetingURL + "?message=action")

            let account = try await director.get("/compte")
            #expect(account.body.contains("Mes actions"))
            #expect(account.body.contains("Envoyer le modèle de protocole"))
            #expect(account.body.contains("href=\"\(meetingURL)\""))
            // The earlier version stays readable after a second save.
            try await director.get(meetingURL)
            try await director.post(meetingURL + "/notes", [("notes", "## Fait\n\n- relu et complété"), ("version", "1")])
            let first = try await director.get(meetingURL + "/notes/1")
            #expect(first.status == .ok && first.body.contains("&lt;script&gt;"))
            #expect(try await director.get(meetingURL).body.contains("Version 2"))
            // The person's data export carries their groups, the notes they wrote and their actions.
            let export = try await director.get("/mes-donnees/export.json")
            #expect(export.body.contains(DemoGroups.titles[0]) && export.body.contains("relu et complété") && export.body.contains("Envoyer le modèle de protocole"))
        }
    }

    @Test("nobody outside a group reaches anything inside it, staff and admins included; staff's view shows who is in it, nothing more")
    func outsiders() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            for account in [(Self.staff.2, Self.staff.3), (Self.admin.2, Self.admin.3), (Self.expert.2, Self.expert.3), Self.outsider] {
                let browser = Browser(client)
                try await signIn(browser, account.0, account.1)
                for path in Self.insideGets {
                    #expect(try await browser.get(path).status == .notFound, "GET \(path) for \(account.0)")
                }
                try await browser.get("/compte")
                for path in Self.insidePosts {
                    #expect(try await browser.post(path, [("role", "scribe"), ("notes", "intrus"), ("version", "1"), ("decision", "accepter")]).status == .notFound,
                            "POST \(path) for \(account.0)")
                }
                // A group by invitation cannot be asked to join, and is listed nowhere for them.
                #expect(try await browser.post("/groupes/demandes", [("groupe", "2")]).status == .notFound)
            }
            // The référent of another group, invited to this one, is still outside group 1's meetings of group 2.
            let director = Browser(client)
            try await signIn(director, Self.director.2, Self.director.3)
            #expect(try await director.get("/groupes/2").status == .notFound, "an invitation is not membership")

            let staff = Browser(client)
            try await signIn(staff, Self.staff.2, Self.staff.3)
            let view = try await staff.get("/equipe/groupes/1")
            #expect(view.status == .ok)
            #expect(view.body.contains(DemoGroups.titles[0]) && view.body.contains(Self.director.2))
            #expect(!view.body.contains("Préparer l’entretien préalable") && !view.body.contains("modèle de courrier") && !view.body.contains("visio.exemple.fr"))
            let list = try await staff.get("/equipe/groupes")
            #expect(list.body.contains("href=\"/equipe/groupes/2\""))
            let dashboard = try await staff.get("/equipe")
            #expect(dashboard.body.contains("<strong>2</strong> équipe(s) active(s)"))
            #expect(dashboard.body.contains("<strong>1</strong> réunion(s) tenue(s)"))
        }
        #expect(try await database.reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM meetingNotesVersion") } == 1)
        #expect(try await database.outboxMessages().isEmpty)
    }

    @Test("a member proposes a group, staff approve it, and it opens to requests that its référent accepts")
    func proposeApproveJoin() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            let correspondent = Browser(client)
            try await signIn(correspondent, Self.correspondent.2, Self.correspondent.3)
            try await correspondent.get("/groupes/proposer")
            let sent = try await correspondent.post("/groupes/proposer", [
                ("titre", "Manager en période électorale"), ("public", "DGS de départements"), ("description", ""), ("region", ""),
                ("places", ""), ("admission", "demande"),
            ])
            #expect(sent.location == "/groupes?message=proposee")
            let id = try #require(try await database.groupsForStaff().first { $0.group.title == "Manager en période électorale" }?.group.id)
            #expect(try await correspondent.get("/groupes/\(id)").status == .notFound, "not open before staff approve it")

            let staff = Browser(client)
            try await signIn(staff, Self.staff.2, Self.staff.3)
            #expect(try await staff.get("/equipe").body.contains("1 proposition(s) d’équipe attendent votre décision."))
            try await staff.get("/equipe/groupes/\(id)")
            #expect(try await staff.post("/equipe/groupes/\(id)/decision", [("decision", "approuver")]).location == "/equipe/groupes?message=approuvee")
            #expect(try await correspondent.get("/groupes/\(id)").status == .ok)

            let outsider = Browser(client)
            try await signIn(outsider, Self.outsider.0, Self.outsider.1)
            let open = try await outsider.get("/groupes")
            #expect(open.body.contains("Manager en période électorale"))
            #expect(!open.body.contains(DemoGroups.titles[1]), "a group by invitation is not listed")
            #expect(try await outsider.post("/groupes/demandes", [("groupe", String(id))]).location == "/groupes?message=demande")
            let again = try await outsider.post("/groupes/demandes", [("groupe", String(id))])
            #expect(again.status == .conflict && again.body.contains("Votre demande est déjà transmise"))

            let page = try await correspondent.get("/groupes/\(id)")
            #expect(page.body.contains("demande à rejoindre l’équipe"))
            let memberId = try #require(try await database.reader.read { db in
                try Int64.fetchOne(db, sql: "SELECT id FROM groupMember WHERE groupId = ? AND status = 'demande'", arguments: [id])
            })
            #expect(try await correspondent.post("/groupes/\(id)/membres/\(memberId)/decision", [("decision", "accepter")]).location
                == "/groupes/\(id)?message=accepte")
            #expect(try await outsider.get("/groupes/\(id)").status == .ok)
        }
    }

    @Test("an invitation is answered from /groupes and opens the group")
    func invitation() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            let director = Browser(client)
            try await signIn(director, Self.director.2, Self.director.3)
            let list = try await director.get("/groupes")
            #expect(list.body.contains("Mes invitations") && list.body.contains(DemoGroups.titles[1]))
            let joined = try await director.post("/groupes/invitations", [("groupe", "2"), ("reponse", "accepter")])
            #expect(joined.location == "/groupes/2")
            #expect(try await director.get("/groupes/2").status == .ok)
        }
    }

    @Test("hostile input on the groups' forms: HTML kept as text, a line break in an address refused, oversize refused, each with a French message and the form kept")
    func hostileInput() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            let director = Browser(client)
            try await signIn(director, Self.director.2, Self.director.3)
            try await director.get("/groupes/proposer")
            let html = "<script>alert('x')</script><b onmouseover=alert(1)>Thème</b>"
            let proposal = try await director.post("/groupes/proposer", [
                ("titre", html), ("public", String(repeating: "é", count: 301)), ("region", "99"), ("places", "500"), ("admission", "n-importe"),
            ])
            #expect(proposal.status == .unprocessableContent)
            #expect(!proposal.body.contains("<script>alert") && proposal.body.contains("&lt;script&gt;"))
            for message in ["Ce texte est trop long (300 caractères au plus).", "Choisissez une région, ou «\u{00A0}Toute la France\u{00A0}».",
                            "Indiquez un nombre de places entre 2 et 40.", "Choisissez comment l’équipe accueille ses membres."] {
                #expect(proposal.body.contains(message), "missing: \(message)")
            }
            #expect(proposal.body.contains("value=\"500\""))

            try await director.get("/groupes/1")
            let invite = try await director.post("/groupes/1/invitation", [("invite", "quelqu.un@exemple.fr\r\nBcc: espion@exemple.fr")])
            #expect(invite.status == .unprocessableContent)
            #expect(invite.body.contains("Cette adresse électronique n’est pas valide"))
            #expect(invite.body.contains("value=\"quelqu.un@exemple.fr Bcc: espion@exemple.fr\""))
            let unknown = try await director.post("/groupes/1/invitation", [("invite", "inconnu@exemple.fr")])
            #expect(unknown.status == .unprocessableContent && unknown.body.contains("Aucun compte Relais ne porte cette adresse."))

            try await director.get("/groupes/1/reunions/nouvelle")
            let meeting = try await director.post("/groupes/1/reunions/nouvelle", [
                ("debut", "2026-02-30T18:00"), ("fin", "demain"), ("lieu", "Lyon\r\nBcc: x"), ("ordre", String(repeating: "a", count: 4001)),
            ])
            #expect(meeting.status == .unprocessableContent)
            #expect(meeting.body.contains("Indiquez la date et l’heure de début") && meeting.body.contains("L’ordre du jour est trop long"))
            #expect(meeting.body.contains("value=\"Lyon Bcc: x\""))

            try await director.get("/groupes/1/reunions/1")
            let notes = try await director.post("/groupes/1/reunions/1/notes", [("notes", String(repeating: "n", count: 20_001)), ("version", "1")])
            #expect(notes.status == .unprocessableContent && notes.body.contains("Les notes sont trop longues"))
            let stale = try await director.post("/groupes/1/reunions/1/notes", [("notes", "Mon texte à moi"), ("version", "0")])
            #expect(stale.status == .conflict && stale.body.contains("modifiées par un autre membre") && stale.body.contains("Mon texte à moi"))
            let action = try await director.post("/groupes/1/reunions/1/actions", [("action", ""), ("responsable", "abc"), ("echeance", "2026-02-30")])
            #expect(action.status == .unprocessableContent)
            #expect(action.body.contains("Indiquez ce qui va être fait.") && action.body.contains("n’existe pas"))

            let csrf = try #require(director.lastCSRF)
            for path in ["/groupes/proposer", "/groupes/1/invitation", "/groupes/1/reunions/1/notes", "/groupes/1/reunions/nouvelle"] {
                let broken = try await director.postRaw(path, body: Array("_csrf=\(csrf)&titre=".utf8) + [0xC3, 0x28, 0xFF])
                #expect(broken.status == .badRequest && broken.body.contains("Demande incomprise"), "\(path)")
            }
        }
        #expect(try await database.reader.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM groupMeeting") } == 2)
    }

    @Test("the mail setting on /compte: a weekly digest instead of one mail per event")
    func digestSetting() async throws {
        let database = try await Self.database()
        try await TestApp.run(database: database) { client async throws in
            let correspondent = Browser(client)
            try await signIn(correspondent, Self.correspondent.2, Self.correspondent.3)
            let account = try await correspondent.get("/compte")
            #expect(account.body.contains("Un résumé par semaine, le lundi"))
            let saved = try await correspondent.post("/compte/courriels-equipes", [("courriels", "resume")])
            #expect(saved.location == "/compte?message=courriels-equipes")
            #expect(try await correspondent.get("/compte").body.contains("id=\"courriels-resume\" value=\"resume\" checked"))
        }
        let id = try #require(try await database.user(email: Self.correspondent.2)?.id)
        #expect(try await database.groupDigest(userId: id))
    }
}
