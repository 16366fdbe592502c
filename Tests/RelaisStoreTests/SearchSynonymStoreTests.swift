import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Search index: synonyms and départements")
struct SearchSynonymStoreTests {
    static let editor = AppDatabase.SynonymEditor(userId: nil, email: "equipe@association.example", address: "127.0.0.1")

    func refs(_ hits: [AppDatabase.SearchHit], _ kind: AppDatabase.SearchHit.Kind) -> [String] {
        hits.filter { $0.kind == kind }.map(\.ref)
    }

    @Test("the seeded synonyms make « burn-out » find the situation and the sheet about épuisement")
    func seededSynonyms() async throws {
        let database = try TestDatabase.seeded()
        for text in ["burn-out", "BURN OUT", "burnout", "Burn-Out"] {
            let hits = try await database.search(SearchQuery(text))
            #expect(refs(hits, .situation).contains("epuisement"), "\(text)")
            #expect(refs(hits, .factSheet).contains("harcelement-moral"), "\(text)")
        }
        // A term among other words, before or after them: the expression stays valid FTS5.
        for text in ["burn-out épuisé", "épuisé burn-out", "burn-out épuisé burnout", "mise au placard isolement"] {
            _ = try await database.search(SearchQuery(text))
        }
        #expect(refs(try await database.search(SearchQuery("épuisé burn-out")), .situation).contains("epuisement"))
        // Accents do not matter on either side: « vire » finds what « viré » → « fin de fonctions » does.
        let fired = try await database.search(SearchQuery("vire"))
        #expect(refs(fired, .situation).contains("fin-de-fonctions"))
        #expect(try await database.searchSynonyms().count > 30)
    }

    @Test("without its synonym, « burn-out » finds nothing: the expansion is what finds it")
    func removal() async throws {
        let database = try TestDatabase.seeded()
        for synonym in try await database.searchSynonyms() where SearchSynonym.termKey(synonym.term) == "burn out" {
            #expect(try await database.removeSearchSynonym(id: synonym.id, by: Self.editor, now: TestClock.now) == synonym)
        }
        #expect(try await database.search(SearchQuery("burn-out")).isEmpty)
        // A second import of the seeds does not bring back what staff removed.
        let report = try SeedImporter(folder: TestPaths.seeds).run(into: database, now: TestClock.now)
        #expect(report["synonymes"].inserted == 0)
        #expect(try await database.search(SearchQuery("burn-out")).isEmpty)
    }

    @Test("a pair is added once whatever its case and accents, and a removed pair can be added back")
    func addition() async throws {
        let database = try TestDatabase.seeded()
        #expect(try await database.addSearchSynonym(term: "Xylophone", expansion: "congé spécial", by: Self.editor, now: TestClock.now) == .added)
        #expect(try await database.addSearchSynonym(term: "XYLOPHONE", expansion: "Conge Special", by: Self.editor, now: TestClock.now) == .alreadyInUse)
        #expect(try await database.addSearchSynonym(term: "<b>", expansion: "x", by: Self.editor, now: TestClock.now) == .invalid)
        #expect(refs(try await database.search(SearchQuery("xylophone")), .factSheet).first == "conge-special")
        let entry = try #require(try await database.searchSynonyms().first { $0.term == "Xylophone" })
        _ = try await database.removeSearchSynonym(id: entry.id, by: Self.editor, now: TestClock.now)
        #expect(try await database.removeSearchSynonym(id: entry.id, by: Self.editor, now: TestClock.now) == nil)
        #expect(try await database.addSearchSynonym(term: "xylophone", expansion: "congé spécial", by: Self.editor, now: TestClock.now) == .added)
        #expect(try await database.searchSynonyms().filter { $0.term == "xylophone" }.count == 1)
        let actions = try await database.auditEvents().map(\.action)
        #expect(actions == ["synonyme_ajoute", "synonyme_supprime", "synonyme_ajoute"])
    }

    @Test("a multi-word term and a phrase expansion: « mise au placard » finds « Je suis mis à l’écart »")
    func phrases() async throws {
        let database = try TestDatabase.seeded()
        let hits = try await database.search(SearchQuery("mise au placard"))
        #expect(refs(hits, .situation).first == "mise-a-l-ecart")
    }

    @Test("every département is an entry, found by name, number or région, and follows its row")
    func departements() async throws {
        let database = try TestDatabase.seeded()
        let count = try await database.reader.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM searchEntry WHERE kind = 'departement'")
        }
        #expect(count == 101)
        #expect(try await database.search(SearchQuery("Gironde")).first.map { [$0.kind.rawValue, $0.ref] } == ["departement", "33"])
        #expect(try await database.search(SearchQuery("33")).first?.ref == "33")
        #expect(try await database.search(SearchQuery("2B")).first?.ref == "2B")
        #expect(try await database.search(SearchQuery("974")).first?.ref == "974")
        let region = refs(try await database.search(SearchQuery("Provence-Alpes-Côte d’Azur")), .departement)
        #expect(Set(region) == ["04", "05", "06", "13", "83", "84"])
        // Renamed or moved to another région, the entry follows (triggers).
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE departement SET name = 'Gironde-sur-Mer' WHERE code = '33'")
            try db.execute(sql: "UPDATE region SET name = 'Aquitaine du Nord' WHERE code = (SELECT regionCode FROM departement WHERE code = '33')")
        }
        #expect(try await database.search(SearchQuery("gironde sur mer")).first?.ref == "33")
        #expect(refs(try await database.search(SearchQuery("aquitaine du nord")), .departement).count == 12)
        #expect(refs(try await database.search(SearchQuery("nouvelle aquitaine")), .departement).isEmpty)
    }
}

/// The store's synonym writes, each in a transaction of its own (the site goes through `CurationService`).
extension AppDatabase {
    func addSearchSynonym(term: String, expansion: String, by editor: SynonymEditor, now: Date) async throws -> SynonymAddition {
        try await writer.write { db in try Self.addSearchSynonym(term: term, expansion: expansion, by: editor, now: now, in: db) }
    }

    func removeSearchSynonym(id: Int64, by editor: SynonymEditor, now: Date) async throws -> SynonymEntry? {
        try await writer.write { db in try Self.removeSearchSynonym(id: id, by: editor, now: now, in: db) }
    }
}

@Suite("The synonym lookup's JSON array")
struct SynonymJSONArrayTests {
    @Test("quotes, backslashes and control characters survive as the same strings", arguments: [
        [String](), ["burn out"], ["a\"b", "c\\d", "e\u{01}f\nG", "épuisé", "]", ","],
    ])
    func roundTrip(strings: [String]) throws {
        let json = AppDatabase.jsonArray(strings)
        let decoded = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
        #expect(decoded == strings, "\(json)")
    }
}
