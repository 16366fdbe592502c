import GRDB

extension AppDatabase {
    /// The tables of migration `pairs-peer-support` (issue 21). Like every migration, SQL and strings only.
    static func createPeerSupportSchema(_ db: Database) throws {
        // A member who volunteers as a pair. Deleting the account deletes the profile.
        try db.create(table: "peerVolunteer") { t in
            t.primaryKey("userId", .integer).references("user", onDelete: .cascade)
            // `PeerExperience` raw values, separated by commas.
            t.column("experiences", .text).notNull()
            // `PeerCollectiviteKind` and `PeerCollectiviteSize`.
            t.column("collectiviteKind", .text).notNull()
            t.column("collectiviteSize", .text).notNull()
            t.column("regionCode", .text)
            t.column("availability", .text).notNull()
            t.column("presentation", .text).notNull()
            // Not proposed while paused; running exchanges go on.
            t.column("pausedAt", .datetime)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
        }
        // A director's request to one pair, then their exchange. Deleting either account deletes it,
        // with its messages: it belongs to the two of them and to no one else.
        try db.create(table: "peerRequest") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("directorUserId", .integer).notNull().indexed().references("user", onDelete: .cascade)
            t.column("pairUserId", .integer).notNull().indexed().references("user", onDelete: .cascade)
            t.column("experience", .text).notNull()
            t.column("sameDepartementAllowed", .boolean).notNull()
            // The director's first words to the pair.
            t.column("message", .text).notNull()
            // `PeerRequestStatus`.
            t.column("status", .text).notNull()
            t.column("declineReason", .text).notNull().defaults(to: "")
            t.column("createdAt", .datetime).notNull()
            t.column("answeredAt", .datetime)
            // The exchange's last day (Paris), once accepted.
            t.column("endsOn", .text)
            t.column("renewals", .integer).notNull().defaults(to: 0)
            t.column("endedAt", .datetime)
            t.column("endedByUserId", .integer).references("user", onDelete: .setNull)
        }
        try db.create(table: "peerMessage") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("requestId", .integer).notNull().references("peerRequest", onDelete: .cascade)
            t.column("authorUserId", .integer).references("user", onDelete: .setNull)
            t.column("at", .datetime).notNull()
            t.column("body", .text).notNull()
        }
        try db.create(index: "peerMessage_request_at", on: "peerMessage", columns: ["requestId", "at"])
    }
}
