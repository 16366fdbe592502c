import GRDB

extension AppDatabase {
    /// The tables of migration `voice-feedback`. Like every migration, SQL and strings only.
    static func createFeedbackSchema(_ db: Database) throws {
        // The three questions asked once when a case closes (`ClosingFeedbackRules`): the row is
        // made, with `requestedAt`, in the transaction that closes the case; the answers fill it once.
        try db.create(table: "caseFeedback") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("caseId", .integer).notNull().unique().references("caseFile", onDelete: .cascade)
            t.column("requestedAt", .datetime).notNull()
            t.column("answeredAt", .datetime)
            // `FeedbackAnswer` raw values; NULL until answered.
            t.column("timely", .text)
            t.column("useful", .text)
            t.column("recommend", .text)
            // Emptied when the case is anonymised.
            t.column("comment", .text).notNull().defaults(to: "")
            // The director allowed the correspondent of the case to read the comment (never the answers).
            t.column("shareComment", .boolean).notNull().defaults(to: false)
        }
        try db.create(index: "caseFeedback_answeredAt", on: "caseFeedback", columns: ["answeredAt"])

        // « Cette fiche vous a-t-elle aidé ? »: nothing about who answered, not even their address.
        try db.create(table: "sheetVote") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("factSheetId", .integer).notNull().indexed().references("factSheet", onDelete: .cascade)
            t.column("at", .datetime).notNull()
            t.column("helpful", .boolean).notNull()
            t.column("comment", .text).notNull().defaults(to: "")
        }

        // « Signaler une erreur ou un changement de la loi »: the staff's queue (`SheetReportStatus`).
        try db.create(table: "sheetReport") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("factSheetId", .integer).notNull().indexed().references("factSheet", onDelete: .cascade)
            t.column("at", .datetime).notNull()
            t.column("body", .text).notNull()
            // An address for a follow-up, optional.
            t.column("contactEmail", .text).notNull().defaults(to: "")
            t.column("status", .text).notNull()
            // The draft version opened from the report, if any.
            t.column("draftVersion", .integer)
            t.column("handledAt", .datetime)
            t.column("handledBy", .text)
        }
        try db.create(index: "sheetReport_status_at", on: "sheetReport", columns: ["status", "at"])
    }
}
