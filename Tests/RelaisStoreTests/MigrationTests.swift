import Foundation
import GRDB
@testable import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("an empty database gets every table of the foundation")
    func createsTables() throws {
        // MUT
        let database = try TestDatabase.empty()

        // validate
        let tables = try database.reader.read { db in
            try String.fetchSet(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        for table in [
            "region", "departement", "collectivite", "situation", "situationStep", "situationStepFactSheet",
            "situationStepPartnerKind", "factSheet", "factSheetVersion", "factSheetLink", "correspondent",
            "correspondentDepartement", "correspondentAxis", "partner", "partnerRegion", "partnerAxis",
            "network", "networkAxis", "atelier", "searchEntry", "contentGeneration", "searchSynonym",
        ] {
            #expect(tables.contains(table), "missing table \(table)")
        }
    }

    @Test("a database file is opened in WAL mode with foreign keys on, and reopening migrates nothing twice")
    func fileDatabase() throws {
        // setup
        let path = try TestPaths.temporaryFolder().appendingPathComponent("nested/relais.sqlite").path

        // MUT
        let database = try AppDatabase.open(path: path)
        let reopened = try AppDatabase.open(path: path)

        // validate
        #expect(FileManager.default.fileExists(atPath: path))
        let (journalMode, foreignKeys) = try database.reader.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA foreign_keys"))
        }
        #expect(journalMode == "wal")
        #expect(foreignKeys == 1)
        let applied = try reopened.reader.read { db in try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == AppDatabase.migrator.migrations)
        #expect(applied == ["v1-territory", "v2-vademecum", "v3-parcours", "v4-network", "v5-outbox", "v6-accounts", "v7-search", "v8-cases", "v9-scale-indexes", "v10-trust", "2fa-second-factor", "law-director-deadlines", "journeys-search-synonyms", "files-case-documents", "experts-referrals", "together-atelier-registrations", "pairs-peer-support", "voice-observations", "together-exchange-groups", "voice-feedback", "voice-observation-groups", "together-initiatives"])
    }

    @Test("an unwritable location is refused with a one-line reason")
    func unwritablePath() {
        #expect {
            _ = try AppDatabase.open(path: "/proc/relais-test/relais.sqlite")
        } throws: { error in
            guard let error = error as? DatabaseOpeningError else { return false }
            return error.description.hasPrefix("cannot open the database at /proc/relais-test/relais.sqlite") && !error.description.contains("\n")
        }
    }

    @Test("fact-sheet versions cannot be rewritten")
    func versionsAreImmutable() throws {
        let database = try TestDatabase.seeded()
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in try db.execute(sql: "UPDATE factSheetVersion SET title = 'x'") }
        }
    }

    @Test("a correspondent cannot point to an unknown département")
    func foreignKeys() throws {
        let database = try TestDatabase.seeded()
        #expect(throws: DatabaseError.self) {
            try database.writer.write { db in
                try db.execute(sql: "UPDATE correspondent SET mainDepartementCode = '99' WHERE id = (SELECT MIN(id) FROM correspondent)")
            }
        }
    }
}
