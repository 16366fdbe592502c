import GRDB

extension AppDatabase {
    /// The tables of migration `files-case-documents`. Like every migration, SQL and strings only.
    static func createDocumentSchema(_ db: Database) throws {
        // A file of a case (« une pièce »), attached to a message or to a private note. The bytes are
        // on disk under `storageName`, encrypted with a key of their own that only `wrappedKey` holds
        // (wrapped by the master key); `name` is for display only. A withdrawn file keeps its line
        // (the thread says it was withdrawn) and loses its bytes and its key.
        try db.create(table: "caseDocument") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("caseId", .integer).notNull().indexed().references("caseFile", onDelete: .cascade)
            t.column("messageId", .integer).indexed().references("caseMessage", onDelete: .setNull)
            t.column("noteId", .integer).indexed().references("caseNote", onDelete: .setNull)
            t.column("uploaderUserId", .integer).references("user", onDelete: .setNull)
            t.column("uploaderRole", .text).notNull()
            t.column("name", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("size", .integer).notNull()
            t.column("storageName", .text).notNull().unique()
            t.column("wrappedKey", .blob).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("withdrawnAt", .datetime)
            t.column("withdrawnByUserId", .integer)
        }
        // Which master key wraps the files' keys, as a check value (an HMAC under the key, which tells
        // nothing of it): a server started with another key refuses to start instead of failing on
        // every download.
        try db.create(table: "filesKey") { t in
            t.primaryKey("id", .integer).check { $0 == 1 }
            t.column("checkValue", .text).notNull()
            t.column("setAt", .datetime).notNull()
        }
    }
}
