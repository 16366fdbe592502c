import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// The search kept in memory against FTS5 itself: for every word of the seeds' index, their
/// prefixes, pairs of neighbouring words, the synonyms and hand-picked queries, `SearchIndex.search`
/// must return exactly what `AppDatabase.search` returns (entries, order, titles, excerpts), with
/// the usual limits and with small ones that take the ranking cap's path.
@Suite("Search kept in memory")
struct SearchIndexMemoryTests {
    static let handPicked = [
        "conge spe", "congé spécial", "CONG SPÉ", "fin de fonctions", "burn-out", "burn-out 2026", "épuisé burn-out",
        "mise au placard", "vire", "departement", "département 33", "Gironde", "33", "2B", "974", "Provence-Alpes-Côte d’Azur",
        "l’entretien", "d’", "a", "de", "le la les", "harcèlement moral", "rupture conventionnelle", "avocat droit public",
        "isabelle", "refer", "réf", "décharge de fonctions", "article L. 2122-22", "\"NEAR(a b)\" OR *", "x y z",
        "entretien préalable", "indemnité", "coach", "national", "aquitaine", "correspondant", "détachement", "mutation",
        "carriere fin conge", "éèêë", "ŒUVRE", "straße", "ﬁn", "١٢٣", "𝔣𝔦𝔫", "emoji 🙂 fin",
    ]

    @Test("the same hits as FTS5 for every word of the index and many queries")
    func sameAsFTS5() async throws {
        let database = try TestDatabase.seeded()
        let index = try await SearchIndex.load(from: database)
        let synonyms = try await database.searchSynonymTable()
        #expect(index.count > 90)
        #expect(!synonyms.isEmpty)

        var queries = Self.handPicked + synonyms.keys.sorted() + synonyms.values.flatMap { $0 }
        let words = index.terms.map { String(decoding: $0, as: UTF8.self) }
        queries += words
        queries += Set(words.map { String($0.prefix(2)) } + words.map { String($0.prefix(3)) }).sorted()
        // Neighbouring words of every title and summary, as people type them (accents, capitals).
        let texts = try await database.reader.read { db in
            try String.fetchAll(db, sql: "SELECT title || ' ' || summary FROM searchEntry ORDER BY rowid")
        }
        for text in texts {
            let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
            for start in stride(from: 0, to: max(0, parts.count - 1), by: 3) {
                queries.append(parts[start...min(start + 2, parts.count - 1)].joined(separator: " "))
            }
        }

        var compared = 0, differences: [String] = []
        for (number, text) in queries.enumerated() {
            let query = SearchQuery(text)
            // The ranking cap's path (more matches than the cap) for the hand-picked queries and every
            // third other one: enough to cover it, at half the time.
            let limits = number < Self.handPicked.count || number % 3 == 0 ? [(60, AppDatabase.searchRankingCap), (5, 8)] : [(60, AppDatabase.searchRankingCap)]
            for (limit, cap) in limits {
                let expected = try await database.search(query, limit: limit, rankingCap: cap)
                guard let found = index.search(query, expansions: synonyms, limit: limit, rankingCap: cap) else {
                    differences.append("« \(text) »: not answered in memory")
                    continue
                }
                compared += 1
                if found != expected, differences.count < 10 {
                    let first = zip(found, expected).first { $0 != $1 }
                    differences.append("« \(text) » (limit \(limit), cap \(cap)): \(found.count) hits, FTS5 \(expected.count); first difference: \(String(reflecting: first).unicodeScalars.map { $0.value >= 0xE000 && $0.value <= 0xE002 ? "|" : String($0) }.joined())")
                }
            }
        }
        #expect(differences.isEmpty, "\(differences.joined(separator: "\n"))")
        #expect(compared > 3_000)
    }

    @Test("an index belongs to the content generation it was read at")
    func generation() async throws {
        let database = try TestDatabase.seeded()
        let before = try await SearchIndex.load(from: database)
        #expect(before.generation == (try await database.contentGeneration()))
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE departement SET name = 'Gironde-sur-Mer' WHERE code = '33'")
        }
        let after = try await SearchIndex.load(from: database)
        #expect(after.generation > before.generation)
        let query = SearchQuery("gironde sur mer")
        #expect(before.search(query, expansions: [:])?.first?.ref != "33")
        #expect(after.search(query, expansions: [:])?.first?.ref == "33")
    }
}
