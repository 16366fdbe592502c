import GRDB

extension AppDatabase {
    /// The tables of migration `law-director-deadlines`. Like every migration, SQL and strings only.
    static func createDirectorDeadlinesSchema(_ db: Database) throws {
        // « Mes échéances »: one date per kind of deadline and account (saving the calendar again
        // replaces it), deleted with the account.
        try db.create(table: "directorDeadline") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("userId", .integer).notNull().references("user", onDelete: .cascade)
            t.column("kind", .text).notNull()
            t.column("day", .text).notNull().indexed()
            t.column("situationSlug", .text).notNull()
            t.column("savedAt", .datetime).notNull()
            t.uniqueKey(["userId", "kind"])
        }
        // The reminders sent, by offset: the key is what makes « never twice » hold, even if two
        // runs of the deadline service overlap.
        try db.create(table: "directorDeadlineReminder") { t in
            t.column("deadlineId", .integer).notNull().references("directorDeadline", onDelete: .cascade)
            t.column("daysBefore", .integer).notNull()
            t.column("sentAt", .datetime).notNull()
            t.primaryKey(["deadlineId", "daysBefore"])
        }
        // Reminders are on unless the director turns them off.
        try db.alter(table: "user") { t in t.add(column: "deadlineReminders", .boolean).notNull().defaults(to: true) }
        // The director chooses, case by case, to show their deadlines to the correspondent.
        try db.alter(table: "caseFile") { t in t.add(column: "deadlinesShared", .boolean).notNull().defaults(to: false) }
    }
}
