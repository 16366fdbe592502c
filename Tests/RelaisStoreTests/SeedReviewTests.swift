import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

/// Re-seeding a database that already holds the sheets: a correction in the seeds always leaves a
/// version in the history, whoever last touched the sheet.
@Suite("Seed import of corrected sheets")
struct SeedReviewTests {
    func edit(_ folder: URL, _ file: String, replacing old: String, with new: String) throws {
        let url = folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(file) does not contain the text to edit")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    func versions(_ database: AppDatabase, _ slug: String) throws -> [FactSheetVersion] {
        try database.reader.read { db in
            try FactSheetVersion.filter(sql: "factSheetId = (SELECT id FROM factSheet WHERE slug = ?)", arguments: [slug])
                .order(Column("version")).fetchAll(db)
        }
    }

    @Test("a corrected seed of a sheet nobody edited is published as a new version with its review date")
    func untouchedSheet() throws {
        // setup
        let seeds = try TestPaths.seedsCopy()
        try edit(seeds, "vademecum/sdis-regime-particulier.md", replacing: "last_reviewed: 2026-12-01", with: "last_reviewed: 2026-11-15")
        let database = try TestDatabase.empty()
        try SeedImporter(folder: seeds).run(into: database, now: TestClock.now)
        try edit(seeds, "vademecum/sdis-regime-particulier.md", replacing: "last_reviewed: 2026-11-15", with: "last_reviewed: 2026-12-01")

        // MUT
        let report = try SeedImporter(folder: seeds).run(into: database, now: TestClock.now)

        // validate
        #expect(report["fiches"].updated == 1)
        #expect(try versions(database, "sdis-regime-particulier").map(\.version) == [1, 2])
        let sheet = try database.reader.read { db in try FactSheet.filter(FactSheet.Columns.slug == "sdis-regime-particulier").fetchOne(db) }
        #expect(sheet?.lastReviewed == Day(iso: "2026-12-01"))
        #expect(sheet?.currentVersion == 2)
    }

    @Test("a corrected seed of a sheet staff edited becomes a version to review, staff's text stays published, and a rerun adds nothing")
    func editedSheet() throws {
        // setup
        let seeds = try TestPaths.seedsCopy()
        let database = try TestDatabase.empty()
        try SeedImporter(folder: seeds).run(into: database, now: TestClock.now)
        let staffText = AppDatabase.SheetContent(title: "Texte de l’équipe", summary: "Résumé", axis: .juridique, theme: "Recours et contentieux",
                                                 tags: "", legalReferences: "CJA, art. R421-1", bodyMarkdown: "Corps rédigé par l’équipe.")
        try database.writer.write { db in
            try AppDatabase.saveDraft(slug: "recours-contentieux-delais", content: staffText, nextReview: nil, related: [], author: "equipe@relais.test",
                                      now: TestClock.now, in: db)
            try AppDatabase.moveSheet(slug: "recours-contentieux-delais", .askReview, by: "equipe@relais.test", fourEyes: false,
                                      today: Day(iso: "2026-11-20")!, now: TestClock.now, in: db)
            try AppDatabase.moveSheet(slug: "recours-contentieux-delais", .publish, by: "relecteur@relais.test", fourEyes: true,
                                      today: Day(iso: "2026-11-20")!, now: TestClock.now, in: db)
        }
        try edit(seeds, "vademecum/recours-contentieux-delais.md", replacing: "**une seule fois**", with: "**une seule et unique fois**")

        // MUT
        let report = try SeedImporter(folder: seeds).run(into: database, now: TestClock.now)
        let rerun = try SeedImporter(folder: seeds).run(into: database, now: TestClock.now)

        // validate
        #expect(report["fiches"].kept == 1)
        #expect(rerun["fiches"].changed == 0 && rerun["fiches"].kept == 0)
        let history = try versions(database, "recours-contentieux-delais")
        let newest = try #require(history.last)
        #expect(history.count == 5)
        #expect(newest.status == .enRelecture)
        #expect(newest.author == SeedImporter.author)
        #expect(newest.bodyMarkdown.contains("une seule et unique fois"))
        let sheet = try database.reader.read { db in try FactSheet.filter(FactSheet.Columns.slug == "recours-contentieux-delais").fetchOne(db) }
        #expect(sheet?.title == "Texte de l’équipe")
        #expect(sheet?.status == .publiee)
    }
}
