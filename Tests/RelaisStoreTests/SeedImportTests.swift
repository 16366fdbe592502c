import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Seed import")
struct SeedImportTests {
    /// Replaces `old` by `new` in a seed file of a Seeds copy; the text must be there.
    func edit(_ folder: URL, _ file: String, replacing old: String, with new: String) throws {
        let url = folder.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "\(file) does not contain the text to edit")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: true, encoding: .utf8)
    }

    func append(_ folder: URL, _ file: String, _ line: String) throws -> Int {
        let url = folder.appendingPathComponent(file)
        var text = try String(contentsOf: url, encoding: .utf8)
        if !text.hasSuffix("\n") { text += "\n" }
        text += line + "\n"
        try text.write(to: url, atomically: true, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).count - 1
    }

    @Test("imports the whole territory, one row per employer")
    func territory() throws {
        let database = try TestDatabase.seeded()

        try database.reader.read { (db: Database) throws in
            #expect(try Region.fetchCount(db) == 18)
            #expect(try Departement.fetchCount(db) == 101)
            // 6,731 rows in the source, less the commune of Paris and the EPCI row of the Métropole de Lyon.
            #expect(try Collectivite.fetchCount(db) == 6_729)
            #expect(try Collectivite.fetchOne(db, key: "75C")?.name != nil)
            #expect(try Collectivite.fetchOne(db, key: "75056") == nil)
            #expect(try Collectivite.fetchOne(db, key: "69M") != nil)
            #expect(try Collectivite.fetchOne(db, key: "200046977") == nil)
            #expect(try Departement.fetchOne(db, key: "2A")?.regionCode == "94")
        }
    }

    @Test("imports the content the foundation promises: situations, sheets, correspondents, partners, networks, ateliers")
    func content() throws {
        let database = try TestDatabase.seeded()

        try database.reader.read { (db: Database) throws in
            #expect(try Situation.fetchCount(db) >= 8)
            #expect(try FactSheet.fetchCount(db) >= 15)
            #expect(try Correspondent.fetchCount(db) >= 40)
            #expect(try Partner.fetchCount(db) >= 20)
            #expect(try Network.fetchCount(db) >= 9)
            #expect(try Atelier.filter(Atelier.Columns.startsAt >= "2026-11-22").fetchCount(db) >= 6)
            // Every partner kind is represented.
            let kinds = try String.fetchSet(db, sql: "SELECT DISTINCT kind FROM partner")
            #expect(kinds == Set(PartnerKind.allCases.map(\.rawValue)))
            // Every situation has ordered steps, and every sheet a first version by the import.
            let situationsWithoutSteps = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM situation s WHERE NOT EXISTS (SELECT 1 FROM situationStep st WHERE st.situationId = s.id)
                """)
            #expect(situationsWithoutSteps == 0)
            #expect(try FactSheetVersion.fetchCount(db) == FactSheet.fetchCount(db))
            // Sheets that DOMAIN.md marks « à vérifier » say so.
            #expect(try FactSheet.filter(Column("slug") == "indemnite-de-licenciement").fetchOne(db)?.needsCheck == true)
        }
    }

    @Test("correspondents cover every région and about two thirds of the départements, with real gaps")
    func coverage() throws {
        let database = try TestDatabase.seeded()

        try database.reader.read { (db: Database) throws in
            let regions = try Int.fetchOne(db, sql: """
                SELECT COUNT(DISTINCT d.regionCode) FROM correspondentDepartement cd JOIN departement d ON d.code = cd.departementCode
                """) ?? 0
            let departements = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT departementCode) FROM correspondentDepartement") ?? 0
            let absent = try Correspondent.filter(Correspondent.Columns.absentUntil != nil).fetchCount(db)
            #expect(regions == 18)
            #expect((55...80).contains(departements))
            #expect(absent >= 2)
        }
    }

    @Test("a second run with the same files changes nothing")
    func idempotent() throws {
        let database = try TestDatabase.seeded()

        // MUT
        let report = try SeedImporter(folder: TestPaths.seeds).run(into: database, now: TestClock.now)

        // validate
        #expect(report.totalChanged == 0)
        #expect(report["collectivités"].unchanged == 6_729)
        #expect(report["fiches"].unchanged >= 15)
    }

    @Test("an edited seed updates its rows in place, and an edited sheet gets a new version")
    func editedSeed() throws {
        // setup
        let seeds = try TestPaths.seedsCopy()
        let database = try TestDatabase.empty()
        try SeedImporter(folder: seeds).run(into: database, now: TestClock.now)
        try edit(seeds, "parcours/situations.yaml", replacing: "title: Ma fin de fonctions est annoncée",
                 with: "title: Ma fin de fonctions vient d’être annoncée")
        try edit(seeds, "annuaire/ateliers.csv", replacing: "cafe-dg-transition-lyon-2026-12,Café des DG en transition",
                 with: "cafe-dg-transition-lyon-2026-12,Petit-déjeuner des DG en transition")
        try edit(seeds, "vademecum/entretien-prealable.md", replacing: "a_verifier: false", with: "a_verifier: true")

        // MUT
        let report = try SeedImporter(folder: seeds).run(into: database, now: TestClock.now)

        // validate
        #expect(report["situations"].updated == 1)
        #expect(report["ateliers"].updated == 1)
        #expect(report["fiches"].updated == 1)
        #expect(report.totalChanged == 3)
        try database.reader.read { (db: Database) throws in
            let situation = try Situation.filter(Situation.Columns.slug == "fin-de-fonctions").fetchOne(db)
            #expect(situation?.title == "Ma fin de fonctions vient d’être annoncée")
            #expect(try SituationStep.filter(SituationStep.Columns.situationId == situation?.id).fetchCount(db) > 0)
            let sheet = try FactSheet.filter(FactSheet.Columns.slug == "entretien-prealable").fetchOne(db)
            #expect(sheet?.currentVersion == 2)
            #expect(sheet?.needsCheck == true)
            #expect(try FactSheetVersion.filter(Column("factSheetId") == sheet?.id).fetchCount(db) == 2)
        }
    }

    @Test("an unknown département stops the whole run with the file and the line, and nothing is imported")
    func unknownDepartement() throws {
        // setup
        let seeds = try TestPaths.seedsCopy()
        let line = try append(seeds, "annuaire/correspondants.csv",
                              "test-inconnu,Jean,Essai,jean.essai@exemple.test,DGS,99,,solidarite,3,,Présentation")
        let database = try TestDatabase.empty()

        // MUT
        let error = try #require(throws: SeedErrors.self) {
            try SeedImporter(folder: seeds).run(into: database, now: TestClock.now)
        }

        // validate
        #expect(error.errors == [SeedError(file: "annuaire/correspondants.csv", line: line, message: "département « 99 » inconnu")])
        #expect(error.description.contains("annuaire/correspondants.csv, ligne \(line) : département « 99 » inconnu"))
        #expect(try database.isEmpty())
        #expect(try database.reader.read { db in try FactSheet.fetchCount(db) } == 0)
    }

    @Test("an unknown fact-sheet slug in a situation is reported at its line")
    func unknownFactSheet() throws {
        // setup
        let seeds = try TestPaths.seedsCopy()
        try edit(seeds, "parcours/situations.yaml", replacing: "fiches: [", with: "fiches: [fiche-inexistante, ")
        let text = try String(contentsOf: seeds.appendingPathComponent("parcours/situations.yaml"), encoding: .utf8)
        let firstLine = try #require(text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex(where: { $0.contains("fiche-inexistante") })) + 1
        let database = try TestDatabase.empty()

        // MUT
        let error = try #require(throws: SeedErrors.self) {
            try SeedImporter(folder: seeds).run(into: database, now: TestClock.now)
        }

        // validate
        let first = try #require(error.errors.first)
        #expect(first.file == "parcours/situations.yaml")
        #expect(first.line == firstLine)
        #expect(first.message == "fiche « fiche-inexistante » inconnue (aucun fichier vademecum/fiche-inexistante.md)")
        #expect(try database.isEmpty())
    }

    @Test("a failed run leaves a previously imported database exactly as it was")
    func failedRunChangesNothing() throws {
        // setup
        let seeds = try TestPaths.seedsCopy()
        let database = try TestDatabase.empty()
        try SeedImporter(folder: seeds).run(into: database, now: TestClock.now)
        try edit(seeds, "annuaire/ateliers.csv", replacing: "Café des DG en transition", with: "Atelier modifié")
        _ = try append(seeds, "annuaire/partenaires.csv", "cabinet-x,Cabinet X,astrologue,solidarite,national,,,,,,Description")

        // MUT
        #expect(throws: SeedErrors.self) { try SeedImporter(folder: seeds).run(into: database, now: TestClock.now) }

        // validate
        let titles = try database.reader.read { db in try String.fetchAll(db, sql: "SELECT title FROM atelier") }
        #expect(titles.contains("Café des DG en transition"))
        #expect(!titles.contains("Atelier modifié"))
    }

    @Test("a fact sheet without front matter or with an invalid date is refused")
    func badFactSheet() throws {
        let seeds = try TestPaths.seedsCopy()
        try "Pas d’en-tête\n".write(to: seeds.appendingPathComponent("vademecum/sans-entete.md"), atomically: true, encoding: .utf8)
        try edit(seeds, "vademecum/contractuels-emplois-fonctionnels.md", replacing: "last_reviewed: 2026-11-15", with: "last_reviewed: 2026-02-30")

        let error = try #require(throws: SeedErrors.self) {
            try SeedImporter(folder: seeds).run(into: try TestDatabase.empty(), now: TestClock.now)
        }

        #expect(error.errors.contains { $0.file == "vademecum/sans-entete.md" && $0.line == 1 })
        #expect(error.errors.contains { $0.file == "vademecum/contractuels-emplois-fonctionnels.md" && $0.message.contains("2026-02-30") })
    }

    @Test("a fact sheet states its theme, imported and kept in its versions")
    func factSheetTheme() throws {
        // setup
        let seeds = try TestPaths.seedsCopy()
        try edit(seeds, "vademecum/conge-special.md", replacing: "theme: \"Après la fin de fonctions\"\n", with: "")

        // MUT
        let error = try #require(throws: SeedErrors.self) {
            try SeedImporter(folder: seeds).run(into: try TestDatabase.empty(), now: TestClock.now)
        }

        // validate
        #expect(error.errors.first?.file == "vademecum/conge-special.md")
        #expect(error.errors.first?.message == "champ « theme » manquant")
        let themes = try TestDatabase.seeded().reader.read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT theme FROM factSheetVersion WHERE factSheetId = (SELECT id FROM factSheet WHERE slug = 'conge-special')")
        }
        #expect(themes == ["Après la fin de fonctions"])
    }
}
