import Foundation
import GRDB
import HTTPTypes
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// « Fiches initiatives » through the real router: a member writes one in demo group 1 (the form keeps
/// what was typed), proposes it with consent, staff take it up and land in the vademecum's editor;
/// nobody outside the group reaches it, and staff see it only once proposed.
@Suite("Fiches initiatives: pages and forms", .serialized)
struct InitiativePagesTests {
    static let director = DemoAccounts.accounts[0], correspondent = DemoAccounts.accounts[1], staff = DemoAccounts.accounts[2]

    @Test("write, propose with consent, take up; outsiders get 404 everywhere, staff until it is proposed")
    func journey() async throws {
        let database = try await GroupPagesTests.database()
        try await TestApp.run(database: database) { client async throws in
            let member = Browser(client)
            try await signIn(member, Self.correspondent.2, Self.correspondent.3)
            #expect(try await member.get("/groupes/1").body.contains("Écrire une fiche initiative"))
            try await member.get("/groupes/1/initiatives/nouvelle")
            let refused = try await member.post("/groupes/1/initiatives/nouvelle", [("titre", ""), ("quoi", "<b>Un modèle</b> de protocole."),
                                                                                   ("ou", "Val"), ("contact", ""), ("resultat", "")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("Donnez un titre à l’initiative.") && refused.body.contains("&lt;b&gt;Un modèle&lt;/b&gt; de protocole."))
            let created = try await member.post("/groupes/1/initiatives/nouvelle", [("titre", "Un protocole type"), ("quoi", "<b>Un modèle</b> de protocole."),
                                                                                   ("ou", "Val"), ("contact", "Le CDG"), ("resultat", "Six signés.")])
            let location = try #require(created.location)
            #expect(location.hasPrefix("/groupes/1/initiatives/") && location.hasSuffix("?message=ecrite"))
            let fiche = String(location.prefix { $0 != "?" })
            let id = try #require(Int64(fiche.split(separator: "/").last.map(String.init) ?? ""))
            let page = try await member.get(fiche)
            #expect(page.body.contains("&lt;b&gt;Un modèle&lt;/b&gt;") && page.body.contains("Proposer à l’association"))

            // Outside the group: a 404, staff included.
            let outsider = Browser(client)
            try await signIn(outsider, GroupPagesTests.outsider.0, GroupPagesTests.outsider.1)
            #expect(try await outsider.get(fiche).status == .notFound)
            #expect(try await outsider.get("/groupes/1/initiatives/nouvelle").status == .notFound)
            try await outsider.get("/compte")
            #expect(try await outsider.post(fiche + "/proposition", [("accord", "oui")]).status == .notFound)
            let staff = Browser(client)
            try await signIn(staff, Self.staff.2, Self.staff.3)
            #expect(try await staff.get(fiche).status == .notFound)
            #expect(try await staff.get("/equipe/initiatives/\(id)").status == .notFound, "not proposed: staff do not read it")
            #expect(!(try await staff.get("/equipe/initiatives").body.contains("Un protocole type")))

            // Without the box ticked, nothing is proposed.
            #expect(try await member.post(fiche + "/proposition", []).location == fiche)
            #expect(try await staff.get("/equipe/initiatives/\(id)").status == .notFound)
            let proposed = try await member.post(fiche + "/proposition", [("accord", "oui")])
            #expect(proposed.location == fiche + "?message=proposee")

            let list = try await staff.get("/equipe/initiatives")
            #expect(list.body.contains("Un protocole type") && list.body.contains("À décider"))
            try await staff.get("/equipe/initiatives/\(id)")
            let takenUp = try await staff.post("/equipe/initiatives/\(id)", [("action", "reprendre")])
            let editor = try #require(takenUp.location)
            #expect(editor.hasPrefix("/equipe/vademecum/un-protocole-type"))
            let draft = try await staff.get(editor)
            #expect(draft.status == .ok && draft.body.contains("Ce qui en est ressorti"))
            #expect(try await member.get(fiche).body.contains("Reprise en retour d’expérience"))
        }
    }
}
