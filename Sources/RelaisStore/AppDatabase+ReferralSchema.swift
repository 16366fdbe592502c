import GRDB

extension AppDatabase {
    /// The tables of migration `experts-referrals`. Like every migration, SQL and strings only.
    static func createReferralSchema(_ db: Database) throws {
        // The experts staff vetted: an account with the role `expert`, a field, régions, and where they
        // come from (a partner, a network, or words: « CDG 77 », « CNFPT Île-de-France »).
        try db.create(table: "expert") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("userId", .integer).unique().references("user", onDelete: .setNull)
            t.column("name", .text).notNull()
            t.column("field", .text).notNull()
            t.column("organisation", .text).notNull()
            t.column("partnerId", .integer).references("partner", onDelete: .setNull)
            t.column("networkId", .integer).references("network", onDelete: .setNull)
            // Région codes, space-separated; empty: national.
            t.column("regions", .text).notNull().defaults(to: "")
            t.column("active", .boolean).notNull().defaults(to: true)
            t.column("createdAt", .datetime).notNull()
        }
        // A request for an avis on a case. What the expert may see is exactly `question`, the
        // situation's kind and the employer (to declare a conflict), then `summary` and the files in
        // `referralDocument`: what the director accepted.
        try db.create(table: "referral") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("caseId", .integer).notNull().indexed().references("caseFile", onDelete: .cascade)
            t.column("expertId", .integer).notNull().indexed().references("expert", onDelete: .cascade)
            t.column("proposedByUserId", .integer).references("user", onDelete: .setNull)
            t.column("question", .text).notNull()
            t.column("summary", .text).notNull()
            t.column("durationDays", .integer).notNull()
            t.column("status", .text).notNull().indexed()
            t.column("proposedAt", .datetime).notNull()
            t.column("decidedAt", .datetime)
            t.column("refusalReason", .text).notNull().defaults(to: "")
            t.column("expiresAt", .datetime)
            t.column("conflictAt", .datetime)
            t.column("conflictReason", .text).notNull().defaults(to: "")
            t.column("openedAt", .datetime)
            t.column("answeredAt", .datetime)
            t.column("endedAt", .datetime)
            t.column("remindedAt", .datetime)
            t.column("staffAlertedAt", .datetime)
        }
        try db.create(table: "referralDocument") { t in
            t.column("referralId", .integer).notNull().references("referral", onDelete: .cascade)
            t.column("documentId", .integer).notNull().references("caseDocument", onDelete: .cascade)
            t.primaryKey(["referralId", "documentId"])
        }
        // The avis thread: the expert, the correspondent and staff write; the director reads.
        try db.create(table: "referralMessage") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("referralId", .integer).notNull().indexed().references("referral", onDelete: .cascade)
            t.column("at", .datetime).notNull()
            t.column("authorUserId", .integer).references("user", onDelete: .setNull)
            t.column("authorRole", .text).notNull()
            t.column("body", .text).notNull()
        }
        // A file of the avis thread is a case file too (encrypted, withdrawn, deleted the same way).
        try db.alter(table: "caseDocument") { t in
            t.add(column: "referralMessageId", .integer).references("referralMessage", onDelete: .setNull)
        }
    }
}
