import Foundation
import GRDB
import RelaisCore

extension AppDatabase {
    /// A case's file with the name of whoever added it (as the case's messages name people).
    public struct DocumentRow: Sendable, Equatable {
        public var document: CaseDocument
        public var uploaderName: String?
    }

    /// Every file of a case, withdrawn ones included, oldest first. Who may see which is the page's
    /// business (`Policy.mayReadNote` for a note's files).
    public func caseDocuments(caseId: Int64) async throws -> [DocumentRow] {
        try await reader.read { db in try Self.caseDocuments(caseId: caseId, in: db) }
    }

    static func caseDocuments(caseId: Int64, in db: Database) throws -> [DocumentRow] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT d.*, \(Self.personName("u")) AS uploaderName FROM caseDocument d LEFT JOIN user u ON u.id = d.uploaderUserId
            WHERE d.caseId = ? ORDER BY d.createdAt, d.id
            """), arguments: [caseId]).map { DocumentRow(document: try CaseDocument(row: $0), uploaderName: $0["uploaderName"]) }
    }

    public func caseDocument(id: Int64, caseId: Int64) async throws -> CaseDocument? {
        try await reader.read { db in
            try CaseDocument.filter(key: id).filter(CaseDocument.Columns.caseId == caseId).fetchOne(db)
        }
    }

    /// Bytes a case holds in files not withdrawn.
    @_spi(UseCases) public static func documentBytes(caseId: Int64, in db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(size), 0) FROM caseDocument WHERE caseId = ? AND withdrawnAt IS NULL",
                         arguments: [caseId]) ?? 0
    }

    /// The storage names of every file that has bytes on disk: what the files folder must hold.
    public func storedDocumentNames() throws -> Set<String> {
        try reader.read { db in try Self.storedDocumentNames(in: db) }
    }

    static func storedDocumentNames(in db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT storageName FROM caseDocument WHERE withdrawnAt IS NULL"))
    }

    /// Deletes a case's files from the database; the caller deletes their bytes once this commits.
    @_spi(UseCases) @discardableResult
    public static func deleteDocuments(caseId: Int64, in db: Database) throws -> [String] {
        let names = try String.fetchAll(db, sql: "SELECT storageName FROM caseDocument WHERE caseId = ? AND withdrawnAt IS NULL",
                                        arguments: [caseId])
        try db.execute(sql: "DELETE FROM caseDocument WHERE caseId = ?", arguments: [caseId])
        return names
    }

    /// Every file with bytes on disk: id, storage name and wrapped key (`relais files check`, backups).
    public func storedDocuments() throws -> [(id: Int64, storageName: String, wrappedKey: Data)] {
        try reader.read { db in
            try Row.fetchAll(db, sql: "SELECT id, storageName, wrappedKey FROM caseDocument WHERE withdrawnAt IS NULL ORDER BY id").map {
                (id: $0["id"], storageName: $0["storageName"], wrappedKey: $0["wrappedKey"])
            }
        }
    }

    /// Forgets files whose bytes are gone (a backup's copy, for files withdrawn while it was made).
    public func forgetDocuments(storageNames: [String]) throws {
        try writer.write { db in
            for name in storageNames {
                try db.execute(sql: "DELETE FROM caseDocument WHERE storageName = ?", arguments: [name])
            }
        }
    }

    // MARK: The master key's check value

    /// The check value of the master key that wraps the files' keys, nil before the first start.
    public func filesKeyCheck() throws -> String? {
        try reader.read { db in try String.fetchOne(db, sql: "SELECT checkValue FROM filesKey WHERE id = 1") }
    }

    public func setFilesKeyCheck(_ value: String, at date: Date) throws {
        try writer.write { db in
            try db.execute(sql: "INSERT INTO filesKey (id, checkValue, setAt) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET checkValue = excluded.checkValue, setAt = excluded.setAt",
                           arguments: [value, date])
        }
    }

    /// Rewraps every file key with `rewrap` and records the new key's check value, in one transaction:
    /// either every key is under the new master key, or none is. The count of keys rewrapped.
    public func rewrapFileKeys(newCheckValue: String, at date: Date, _ rewrap: @escaping @Sendable (String, Data) throws -> Data) throws -> Int {
        try writer.write { db in
            var count = 0
            let rows = try Row.fetchAll(db, sql: "SELECT id, storageName, wrappedKey FROM caseDocument WHERE withdrawnAt IS NULL")
            for row in rows {
                let id: Int64 = row["id"], name: String = row["storageName"], wrapped: Data = row["wrappedKey"]
                try db.execute(sql: "UPDATE caseDocument SET wrappedKey = ? WHERE id = ?", arguments: [try rewrap(name, wrapped), id])
                count += 1
            }
            try db.execute(sql: "INSERT INTO filesKey (id, checkValue, setAt) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET checkValue = excluded.checkValue, setAt = excluded.setAt",
                           arguments: [newCheckValue, date])
            return count
        }
    }
}
