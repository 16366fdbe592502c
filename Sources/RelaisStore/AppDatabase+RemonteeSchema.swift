import GRDB

extension AppDatabase {
    /// The table of migration `voice-remontees`. Like every migration, SQL and strings only.
    static func createRemonteeSchema(_ db: Database) throws {
        try db.create(table: "remontee") { t in
            t.autoIncrementedPrimaryKey("id")
            // NULL once the account is deleted: the observation stays for the themes, tied to nobody.
            t.column("authorUserId", .integer).indexed().references("user", onDelete: .setNull)
            // `demandeur` or `correspondant`, kept when the account goes.
            t.column("authorRole", .text).notNull()
            // `RemonteeTheme` raw values.
            t.column("theme", .text).notNull()
            t.column("body", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            // `RemonteeStatus`.
            t.column("status", .text).notNull()
            t.column("answer", .text).notNull().defaults(to: "")
            t.column("answeredAt", .datetime)
            t.column("answeredBy", .text)
            // What staff linked it to: a sheet of the vademecum, a situation of the parcours.
            t.column("factSheetId", .integer).references("factSheet", onDelete: .setNull)
            t.column("situationId", .integer).references("situation", onDelete: .setNull)
        }
        try db.create(index: "remontee_theme_createdAt", on: "remontee", columns: ["theme", "createdAt"])
    }
}
