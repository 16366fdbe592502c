import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Search index")
struct SearchIndexTests {
    func refs(_ hits: [AppDatabase.SearchHit], _ kind: AppDatabase.SearchHit.Kind) -> [String] {
        hits.filter { $0.kind == kind }.map(\.ref)
    }

    @Test("the seeds are indexed: every published sheet, situation, partner, active correspondent and département")
    func seeded() throws {
        let database = try TestDatabase.seeded()
        let (entries, expected) = try database.reader.read { db in
            (
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchEntry") ?? 0,
                try Int.fetchOne(db, sql: """
                    SELECT (SELECT COUNT(*) FROM factSheet WHERE status = 'publiee') + (SELECT COUNT(*) FROM situation)
                         + (SELECT COUNT(*) FROM partner WHERE NOT archived) + (SELECT COUNT(*) FROM correspondent WHERE active)
                         + (SELECT COUNT(*) FROM departement)
                    """) ?? -1
            )
        }
        #expect(entries == expected)
        #expect(entries > 90)
    }

    @Test("accents and case do not matter: « conge special » finds « Le congé spécial » first")
    func folding() async throws {
        let database = try TestDatabase.seeded()
        let hits = try await database.search(SearchQuery("conge special"))
        #expect(refs(hits, .factSheet).first == "conge-special")
        let title = try #require(hits.first { $0.ref == "conge-special" }?.title)
        #expect(title == "Le \u{E001}congé\u{E002} \u{E001}spécial\u{E002}")
    }

    @Test("word starts are enough: « conge spe » and « CONG SPÉ » find the same sheet")
    func prefixes() async throws {
        let database = try TestDatabase.seeded()
        for text in ["conge spe", "CONG SPÉ", "congé spécial"] {
            let hits = try await database.search(SearchQuery(text))
            #expect(refs(hits, .factSheet).first == "conge-special", "\(text)")
        }
        #expect(try await database.search(SearchQuery("refer")).contains { $0.ref == "refere-suspension" })
    }

    @Test("ranking: a word in the title outranks the same word in the body")
    func ranking() async throws {
        let database = try TestDatabase.seeded()
        let hits = try await database.search(SearchQuery("rupture conventionnelle"))
        #expect(hits.first?.ref == "rupture-conventionnelle")
        let harassment = try await database.search(SearchQuery("harcelement"))
        #expect(harassment.first?.ref == "harcelement-moral")
    }

    @Test("correspondents are found by first name, axis or département, never by last name or address")
    func correspondents() async throws {
        let database = try TestDatabase.seeded()
        #expect(refs(try await database.search(SearchQuery("isabelle")), .correspondent) == ["75"])
        #expect(!refs(try await database.search(SearchQuery("gironde")), .correspondent).isEmpty)
        #expect(refs(try await database.search(SearchQuery("moreau")), .correspondent).isEmpty, "a last name")
        #expect(try await database.search(SearchQuery("correspondants relais example")).isEmpty, "an address")
        let partners = try await database.search(SearchQuery("avocat droit public"))
        #expect(!refs(partners, .partner).isEmpty)
    }

    @Test("only published sheets are found, and the index follows every change")
    func publishedOnly() async throws {
        let database = try TestDatabase.seeded()
        let query = SearchQuery("conge special")
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE factSheet SET status = 'brouillon' WHERE slug = 'conge-special'")
        }
        #expect(try await !database.search(query).contains { $0.ref == "conge-special" })
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE factSheet SET status = 'publiee', title = 'Le congé spécial de fin de carrière' WHERE slug = 'conge-special'")
        }
        #expect(try await database.search(SearchQuery("carriere fin conge")).first?.ref == "conge-special")
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE correspondent SET active = 0 WHERE firstName = 'Isabelle'")
            try db.execute(sql: "UPDATE partner SET archived = 1")
        }
        #expect(try await database.search(SearchQuery("isabelle")).isEmpty)
        #expect(try await database.search(SearchQuery("avocat")).allSatisfy { $0.kind != .partner })
    }

    @Test("a step, an axis or a covered département changed elsewhere reaches its entry")
    func childTables() async throws {
        let database = try TestDatabase.seeded()
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE situationStep SET body = body || ' zygomorphe' WHERE id = (SELECT MIN(id) FROM situationStep)")
            try db.execute(sql: """
                INSERT INTO correspondentDepartement (correspondentId, departementCode)
                SELECT id, '47' FROM correspondent WHERE firstName = 'Isabelle'
                """)
        }
        #expect(try await database.search(SearchQuery("zygomorphe")).map(\.kind) == [.situation])
        #expect(refs(try await database.search(SearchQuery("isabelle garonne")), .correspondent) == ["75"])
        try await database.writer.write { db in
            try db.execute(sql: "DELETE FROM situation WHERE id = (SELECT situationId FROM situationStep WHERE id = (SELECT MIN(id) FROM situationStep))")
        }
        #expect(try await database.search(SearchQuery("zygomorphe")).isEmpty)
    }

    @Test("an empty query finds nothing and queries nothing")
    func emptyQuery() async throws {
        let database = try TestDatabase.seeded()
        #expect(try await database.search(SearchQuery("\"*()")).isEmpty)
    }

    @Test("the content generation moves with every write to a public table, and only then")
    func generation() async throws {
        let database = try TestDatabase.seeded()
        let before = try await database.contentGeneration()
        try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO auditEvent (at, action) VALUES (CURRENT_TIMESTAMP, 'test')")
        }
        #expect(try await database.contentGeneration() == before)
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE partner SET offer = offer || '.' WHERE id = (SELECT MIN(id) FROM partner)")
        }
        #expect(try await database.contentGeneration() > before)
    }

    @Test("beyond the ranking cap, entries matching in their title are the ones ranked")
    func rankingCap() async throws {
        let database = try TestDatabase.seeded()
        let all = try await database.search(SearchQuery("fonctions"))
        let titled = all.filter { $0.title.contains(AppDatabase.SearchHit.markStart) }
        #expect(titled.count >= 3)
        #expect(all.count > titled.count)

        // MUT
        let capped = try await database.search(SearchQuery("fonctions"), rankingCap: 3)

        // validate
        #expect(capped.count == 3)
        #expect(capped.allSatisfy { $0.title.contains(AppDatabase.SearchHit.markStart) })
    }
}
