import Foundation
import GRDB
import HummingbirdTesting
import RelaisCore
@_spi(UseCases) import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

/// Sessions are checked from memory (`SessionCache`) and public content is served from memory
/// (`PublicContent`): neither may outlive what it stands for.
@Suite("Sessions and public content from memory", .serialized)
struct SessionCacheTests {
    let email = "directrice@demo.relais.example", password = "relais-demo-directrice"

    @Test("a session deleted by this process stops working on the very next request")
    func revokedHere() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await TestApp.run(database: database) { client in
            let browser = Browser(client)
            try await signIn(browser, email, password)
            #expect(try await browser.get("/mes-demandes").status == .ok)
            #expect(try await browser.get("/mes-demandes").status == .ok, "read again, from memory this time")
            let user = try #require(try await database.user(email: email))
            try await database.deleteSessions(userId: try #require(user.id))
            let after = try await browser.get("/mes-demandes")
            #expect(after.status == .seeOther, "signed out at once, without waiting for the cache")
        }
    }

    @Test("a session deleted by another process stops working within one second")
    func revokedElsewhere() async throws {
        let (database, path, folder) = try TestDatabase.seededFile()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await TestApp.run(database: database) { client in
            let browser = Browser(client)
            try await signIn(browser, email, password)
            #expect(try await browser.get("/mes-demandes").status == .ok)
            // Another process (`relais user` beside the server): its own connection, which this
            // server's observation cannot see.
            let other = try DatabaseQueue(path: path)
            try await other.write { db in
                try db.execute(sql: "DELETE FROM session WHERE userId = (SELECT id FROM user WHERE email = ?)", arguments: [email])
            }
            try await Task.sleep(for: .milliseconds(1_100))
            #expect(try await browser.get("/mes-demandes").status == .seeOther, "signed out within a second")
        }
    }

    @Test("a sheet published by staff is on the public page at once, and its HTML follows its version")
    func contentFollowsEdits() async throws {
        let database = try TestDatabase.seeded()
        try await TestApp.run(database: database) { client in
            let browser = Browser(client)
            let before = try await browser.get("/vademecum/conge-special")
            #expect(before.status == .ok)
            try await database.writeNow { db in
                try db.execute(sql: """
                    UPDATE factSheet SET title = 'Congé spécial (titre changé)', bodyMarkdown = bodyMarkdown || '\n\nParagraphe ajouté.',
                    currentVersion = currentVersion + 1 WHERE slug = 'conge-special'
                    """)
            }
            let after = try await browser.get("/vademecum/conge-special")
            #expect(after.body.contains("Congé spécial (titre changé)"))
            #expect(after.body.contains("<p>Paragraphe ajouté.</p>"))
        }
    }
}
