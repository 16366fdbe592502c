import Foundation
import GRDB
@testable import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Backup")
struct BackupTests {
    @Test("a backup taken while another connection writes is a consistent, complete copy")
    func onlineBackup() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("relais-backup-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try AppDatabase.open(path: folder.appendingPathComponent("relais.sqlite").path)
        try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO region (code, name) VALUES ('01', 'Guadeloupe')")
            try db.execute(sql: "INSERT INTO departement (code, name, regionCode) VALUES ('971', 'Guadeloupe', '01')")
        }
        // A writer keeps adding rows while the backup runs.
        let writing = Task {
            for index in 0..<300 {
                try await database.writer.write { db in
                    try db.execute(sql: "INSERT INTO collectivite (code, kind, name, searchName, departementCode) VALUES (?, 'commune', ?, ?, '971')",
                                   arguments: ["T\(index)", "Commune \(index)", "commune \(index)"])
                }
            }
        }
        let copyPath = folder.appendingPathComponent("copie.sqlite").path
        let report = try database.backup(to: copyPath)
        try await writing.value
        #expect(report.integrity == "ok")
        #expect(report.bytes > 0)
        let copy = try DatabaseQueue(path: copyPath)
        let (migrations, communes) = try await copy.read { db in
            (try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations"), try Int.fetchOne(db, sql: "SELECT count(*) FROM collectivite") ?? -1)
        }
        #expect(migrations.count >= 7)
        #expect((0...300).contains(communes), "a snapshot between two writes")
        // Never over an existing file.
        #expect(throws: DatabaseOpeningError.self) { try database.backup(to: copyPath) }
    }
}
