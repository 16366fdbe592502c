import GRDB

extension AppDatabase {
    /// The table of migration `voice-observations` (issue 21, « remontées »). SQL and strings only.
    static func createObservationSchema(_ db: Database) throws {
        try db.create(table: "observation") { t in
            t.autoIncrementedPrimaryKey("id")
            // Deleting the account deletes what it sent.
            t.column("authorUserId", .integer).notNull().indexed().references("user", onDelete: .cascade)
            // `ObservationTheme`, `ObservationKind`, `ObservationStatus`.
            t.column("theme", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("title", .text).notNull()
            t.column("body", .text).notNull()
            t.column("status", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            // Staff's answer, which the author reads.
            t.column("answer", .text).notNull().defaults(to: "")
            t.column("answeredAt", .datetime)
            t.column("answeredByUserId", .integer).references("user", onDelete: .setNull)
            // What staff linked it to: a fact sheet, a parcours situation (by slug).
            t.column("sheetSlug", .text)
            t.column("situationSlug", .text)
        }
        try db.create(index: "observation_theme_createdAt", on: "observation", columns: ["theme", "createdAt"])
    }

    /// Migration `voice-observation-groups`: a remontée may also be linked to an exchange group's work
    /// (groups arrived in the migration after `voice-observations`).
    static func addObservationGroup(_ db: Database) throws {
        try db.alter(table: "observation") { t in
            t.add(column: "groupId", .integer).references("exchangeGroup", onDelete: .setNull)
        }
    }
}
