import GRDB

extension AppDatabase {
    /// The tables of migration `together-atelier-registrations`. Like every migration, SQL and strings only.
    static func createAtelierRegistrationSchema(_ db: Database) throws {
        try db.alter(table: "atelier") { t in
            // Places; NULL: no limit.
            t.add(column: "capacity", .integer)
            // The visio link or the exact address: shown only to the people registered, on the
            // atelier's page, never on a public page, in the page cache or in a mail.
            t.add(column: "accessDetails", .text).notNull().defaults(to: "")
            // Staff stopped taking registrations (the waiting list still moves up).
            t.add(column: "closedAt", .datetime)
            // Staff cancelled the atelier; everyone registered or waiting was told.
            t.add(column: "cancelledAt", .datetime)
        }
        try db.create(table: "atelierRegistration") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("atelierId", .integer).notNull().references("atelier", onDelete: .cascade)
            t.column("userId", .integer).notNull().indexed().references("user", onDelete: .cascade)
            // `inscrit`, `attente` or `annule` (`AtelierRegistrationStatus`).
            t.column("status", .text).notNull()
            // When the person (last) registered: the waiting list's order.
            t.column("createdAt", .datetime).notNull()
            t.column("cancelledAt", .datetime)
            t.column("promotedAt", .datetime)
            // NULL until staff mark it, after the atelier.
            t.column("attended", .boolean)
            t.column("remindedAt", .datetime)
            t.uniqueKey(["atelierId", "userId"])
        }
        // Counting places and walking the waiting list in order.
        try db.create(index: "atelierRegistration_atelier_status", on: "atelierRegistration", columns: ["atelierId", "status", "createdAt"])
    }
}
