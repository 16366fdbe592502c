import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import RelaisCore
@testable import RelaisStore
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

@Suite("Page cache")
struct PageCacheTests {
    /// Changes a sheet's title and puts the content generation back: only a cached page can still
    /// show the old title afterwards.
    static func renameQuietly(_ database: AppDatabase, slug: String, to title: String) async throws {
        try await database.writer.write { db in
            let generation = try Int64.fetchOne(db, sql: "SELECT value FROM contentGeneration") ?? 0
            try db.execute(sql: "UPDATE factSheet SET title = ? WHERE slug = ?", arguments: [title, slug])
            try db.execute(sql: "UPDATE contentGeneration SET value = ?", arguments: [generation])
        }
    }

    @Test("a public page is served from the cache until the data it shows change")
    func invalidation() async throws {
        let database = try TestDatabase.seeded()
        try await TestApp.run(database: database) { client async throws in
            #expect(try await client.execute(uri: "/vademecum/conge-special", method: .get).text.contains("<h1>Le congé spécial</h1>"))
            try await Self.renameQuietly(database, slug: "conge-special", to: "Titre caché")
            #expect(try await client.execute(uri: "/vademecum/conge-special", method: .get).text.contains("<h1>Le congé spécial</h1>"),
                    "served from the cache")
            try await database.writer.write { db in
                try db.execute(sql: "UPDATE factSheet SET title = 'Le congé spécial, revu' WHERE slug = 'conge-special'")
            }
            #expect(try await client.execute(uri: "/vademecum/conge-special", method: .get).text.contains("<h1>Le congé spécial, revu</h1>"))
            // Other pages showing the sheet follow too.
            #expect(try await client.execute(uri: "/vademecum", method: .get).text.contains("Le congé spécial, revu"))
        }
    }

    @Test("a correspondent's absence recorded by staff recolours the map at once")
    func mapInvalidation() async throws {
        let database = try TestDatabase.seeded()
        try await TestApp.run(database: database) { client async throws in
            #expect(try await client.execute(uri: "/annuaire", method: .get).text.contains("<a href=\"/annuaire/33\" class=\"coverage-available\""))
            try await database.writer.write { db in
                try db.execute(sql: """
                    UPDATE correspondent SET absentUntil = '2027-01-31'
                    WHERE id IN (SELECT correspondentId FROM correspondentDepartement WHERE departementCode = '33')
                    """)
            }
            #expect(try await client.execute(uri: "/annuaire", method: .get).text.contains("<a href=\"/annuaire/33\" class=\"coverage-absent\""))
        }
    }

    @Test("a new day is a new epoch: absences and ateliers follow the calendar")
    func dayChange() async throws {
        let clock = MutableClock()
        try await TestApp.run(clock: clock.function) { client async throws in
            #expect(try await client.execute(uri: "/annuaire", method: .get).text.contains("<a href=\"/annuaire/64\" class=\"coverage-absent\""))
            clock.advance(by: 30 * 86_400)
            #expect(try await client.execute(uri: "/annuaire", method: .get).text.contains("<a href=\"/annuaire/64\" class=\"coverage-available\""))
        }
    }

    @Test("a cached answer carries the same status and headers as a fresh one")
    func sameHeaders() async throws {
        try await TestApp.run { client async throws in
            let fresh = try await client.execute(uri: "/vademecum", method: .get)
            let cached = try await client.execute(uri: "/vademecum", method: .get)
            #expect(fresh.status == .ok && cached.status == .ok)
            #expect(fresh.headers == cached.headers)
            #expect(fresh.headers[.contentSecurityPolicy] != nil)
            #expect(fresh.headers[.contentType] == "text/html; charset=utf-8")
            #expect(fresh.body == cached.body)
        }
    }

    @Test("a signed-in person never gets nor leaves a cached page: their name and token stay theirs")
    func signedIn() async throws {
        let database = try TestDatabase.seeded()
        try await DemoAccounts.ensure(in: database, now: TestClock.now)
        try await TestApp.run(database: database) { client async throws in
            let visitor = Browser(client)
            #expect(try await !visitor.get("/vademecum").body.contains("Se déconnecter"))
            let person = Browser(client)
            try await signIn(person, "directrice@demo.relais.example", "relais-demo-directrice")
            let page = try await person.get("/vademecum")
            #expect(page.body.contains("Se déconnecter"))
            #expect(page.headers[.cacheControl] == "no-store")
            let home = try await person.get("/")
            #expect(home.body.contains("Se déconnecter"))
            // What the signed-in person saw was not stored for others.
            #expect(try await !Browser(client).get("/").body.contains("Se déconnecter"))
            #expect(try await !Browser(client).get("/").body.contains("name=\"_csrf\""))
        }
    }

    @Test("the parcours' answers travel in the query and are never kept in the cache")
    func personalQueriesBypass() async throws {
        let database = try TestDatabase.seeded()
        try await TestApp.run(database: database) { client async throws in
            let gironde = try await client.execute(uri: "/parcours/fin-de-fonctions?departement=33&information=2026-11-15", method: .get)
            #expect(gironde.text.contains("Gironde (33)"))
            // The same page with other answers is rendered for them: nothing of the first was kept.
            let lot = try await client.execute(uri: "/parcours/fin-de-fonctions?departement=47&information=2026-11-15", method: .get)
            #expect(lot.text.contains("Lot-et-Garonne (47)") && !lot.text.contains("Gironde (33)"))
            // A page without answers, by contrast, is kept: a change that leaves the content generation
            // alone is not seen there (`SessionCacheTests` checks that a real edit is seen at once).
            _ = try await client.execute(uri: "/vademecum", method: .get)
            try await Self.renameQuietly(database, slug: "entretien-prealable", to: "Entretien renommé")
            #expect(!(try await client.execute(uri: "/vademecum", method: .get).text.contains("Entretien renommé")), "cached")
        }
    }

    @Test("partner filters are part of the key")
    func filtersAreKeys() async throws {
        try await TestApp.run { client async throws in
            let lawyers = try await client.execute(uri: "/partenaires?type=avocat", method: .get).text
            let coaches = try await client.execute(uri: "/partenaires?type=coach", method: .get).text
            #expect(lawyers != coaches)
            #expect(try await client.execute(uri: "/partenaires?type=avocat", method: .get).text == lawyers)
        }
    }

    @Test("the cache is bounded in pages and bytes, least recently used first out")
    func bounded() {
        let cache = PageCache(maxEntries: 3, maxBytes: 1_000, maxPageBytes: 600)
        let epoch = PageCache.Epoch(generation: 1, day: Day(year: 2026, month: 11, day: 22)!)
        func page(_ size: Int) -> PageCache.Page {
            PageCache.Page(headers: [:], body: ByteBuffer(repeating: 0x61, count: size))
        }
        for key in ["/a", "/b", "/c"] { cache.store(page(100), for: key, epoch: epoch) }
        _ = cache.page(for: "/a", epoch: epoch)
        cache.store(page(100), for: "/d", epoch: epoch)
        #expect(cache.page(for: "/b", epoch: epoch) == nil, "the least recently used went first")
        #expect(cache.page(for: "/a", epoch: epoch) != nil)
        #expect(cache.statistics.entries == 3)
        cache.store(page(700), for: "/huge", epoch: epoch)
        #expect(cache.page(for: "/huge", epoch: epoch) == nil, "a page over maxPageBytes is not kept")
        cache.store(page(500), for: "/e", epoch: epoch)
        cache.store(page(500), for: "/f", epoch: epoch)
        #expect(cache.statistics.bytes <= 1_000)
        let next = PageCache.Epoch(generation: 2, day: epoch.day)
        #expect(cache.page(for: "/f", epoch: next) == nil, "another epoch never sees these pages")
        cache.store(page(10), for: "/g", epoch: next)
        #expect(cache.statistics.entries == 1)
    }
}

@Suite("Content generation in memory")
struct ContentGenerationTests {
    static func bump(_ writer: any DatabaseWriter) throws {
        try writer.write { db in try db.execute(sql: "UPDATE contentGeneration SET value = value + 1") }
    }

    @Test("the server's own writes are seen at once, without reading the database again")
    func ownWrites() async throws {
        let database = try TestDatabase.empty()
        let generation = try ContentGeneration(database: database, recheck: .hours(1))
        let before = try await generation.current()
        try Self.bump(database.writer)
        #expect(try await generation.current() == before + 1)
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE factSheet SET title = title")  // no row: no bump
            try db.execute(sql: "INSERT INTO region (code, name) VALUES ('99', 'Région d’essai')")
        }
        #expect(try await generation.current() == before + 2, "a trigger's bump is observed like a direct one")
    }

    @Test("another process's writes are seen once the value is older than the recheck interval")
    func otherProcessWrites() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-generation-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("relais.sqlite").path
        let database = try AppDatabase.open(path: path)
        let other = try DatabaseQueue(path: path)  // like `relais seed` run beside the server

        let patient = try ContentGeneration(database: database, recheck: .hours(1))
        let prompt = try ContentGeneration(database: database, recheck: .milliseconds(20))
        let before = try await patient.current()
        #expect(try await prompt.current() == before)
        try Self.bump(other)
        #expect(try await patient.current() == before, "no in-process observer can see another connection's commit")
        try await Task.sleep(for: .milliseconds(40))
        #expect(try await prompt.current() == before + 1)
    }
}

@Suite("Figures shared between readers")
struct ReadCacheTests {
    /// A counter standing for the database read: how many times `ReadCache` went to the database.
    final class Reads: @unchecked Sendable {
        var count = 0
    }

    @Test("kept until this process commits anything, the key changes, or it is older than its age")
    func invalidation() async throws {
        let database = try TestDatabase.empty()
        let shared = ReadCache<String, Int>(commits: CommitCount(database: database), maxAge: .hours(1), capacity: 1)
        let reads = Reads()
        func read(_ key: String) async throws -> Int {
            try await shared.value(key: key) { reads.count += 1; return reads.count }
        }
        #expect(try await read("lundi") == 1)
        #expect(try await read("lundi") == 1, "no commit: the value is kept")
        try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO region (code, name) VALUES ('99', 'Région d’essai')")
        }
        #expect(try await read("lundi") == 2, "any commit of this process is seen on the next read")
        try await database.writer.write { db in try db.execute(sql: "UPDATE region SET name = name WHERE code = 'nope'") }
        #expect(try await read("lundi") == 2, "a transaction that changed nothing is not a commit to watch")
        #expect(try await read("mardi") == 3, "another key (the next day) reads again")
        #expect(try await read("lundi") == 4, "a cache of one entry: the other key took its place")

        let sparing = ReadCache<String, Int>(commits: CommitCount(database: database, ignoring: ["auditEvent"]), maxAge: .hours(1), capacity: 8)
        #expect(try await sparing.value(key: "a") { 1 } == 1)
        try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO auditEvent (at, action, target, address, detail) VALUES (datetime('now'), 'caseRead', 'demande R', '127.0.0.1', '')")
        }
        #expect(try await sparing.value(key: "a") { 2 } == 1, "an audit line alone does not count for a cache that ignores it")
        try await database.writer.write { db in try db.execute(sql: "INSERT INTO region (code, name) VALUES ('98', 'Autre région')") }
        #expect(try await sparing.value(key: "a") { 3 } == 3)
        #expect(try await sparing.value(key: "b", read: { 5 }, keep: { _ in false }) == 5)
        #expect(try await sparing.value(key: "b") { 6 } == 6, "a value not kept is read again")

        let prompt = ReadCache<String, Int>(commits: CommitCount(database: database), maxAge: .milliseconds(20))
        #expect(try await prompt.value(key: "k") { 10 } == 10)
        try await Task.sleep(for: .milliseconds(40))
        #expect(try await prompt.value(key: "k") { 11 } == 11, "older than its age: read again (another process's writes)")
    }

    @Test("requests that arrive while a value is read wait for that read instead of reading again")
    func oneReadAtATime() async throws {
        let database = try TestDatabase.empty()
        let cache = ReadCache<String, Int>(commits: CommitCount(database: database), maxAge: .hours(1))
        let reads = Reads()
        let lock = NSLock()
        let values = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    try await cache.value(key: "k") {
                        lock.withLock { reads.count += 1 }
                        try await Task.sleep(for: .milliseconds(100))
                        return 7
                    }
                }
            }
            return try await group.reduce(into: [Int]()) { $0.append($1) }
        }
        #expect(values == Array(repeating: 7, count: 16))
        #expect(reads.count == 1)
    }

    @Test("the dashboard shows a change made through Relais on the next view")
    func dashboardAfterWrite() async throws {
        let database = try TestDatabase.empty()
        let shared = ReadCache<Day, AppDatabase.StaffDashboard>(commits: CommitCount(database: database), maxAge: .hours(1))
        let now = Date()
        func figures() async throws -> AppDatabase.StaffDashboard {
            try await shared.value(key: Day(now)) {
                try await database.staffDashboard(since: now.addingTimeInterval(-90 * 86_400), today: Day(now), busiest: 20, now: now)
            }
        }
        let before = try await figures().users.values.reduce(0, +)
        try await database.writer.write { db in
            var user = User(email: "nouvelle@example.org", name: "Nouvelle Personne", role: .demandeur, notificationEmail: "nouvelle@example.org", now: now)
            try user.insert(db)
        }
        #expect(try await figures().users.values.reduce(0, +) == before + 1)
    }
}
