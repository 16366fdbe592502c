import GRDB

extension AppDatabase {
    /// The table of migration `together-initiatives` (issue 20, item 4). SQL and strings only.
    static func createInitiativeSchema(_ db: Database) throws {
        try db.create(table: "groupInitiative") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("groupId", .integer).notNull().indexed().references("exchangeGroup", onDelete: .cascade)
            t.column("authorUserId", .integer).references("user", onDelete: .setNull)
            t.column("title", .text).notNull()
            // What, where, who to contact, what came of it.
            t.column("what", .text).notNull()
            t.column("place", .text).notNull().defaults(to: "")
            t.column("contact", .text).notNull().defaults(to: "")
            t.column("outcome", .text).notNull().defaults(to: "")
            // `InitiativeStatus`.
            t.column("status", .text).notNull().indexed()
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
            // The author's consent to show it to staff.
            t.column("proposedAt", .datetime)
            t.column("decidedAt", .datetime)
            t.column("decidedByUserId", .integer).references("user", onDelete: .setNull)
            // The draft « retour d’expérience » staff made of it.
            t.column("sheetSlug", .text)
        }
    }
}
