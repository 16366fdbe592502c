import GRDB

extension AppDatabase {
    /// The tables of migration `together-exchange-groups`. Like every migration, SQL and strings only.
    /// What is inside a group (meetings, notes, action items) is read by its members only; staff see
    /// that a group exists and who is in it.
    static func createExchangeGroupSchema(_ db: Database) throws {
        try db.create(table: "exchangeGroup") { t in
            t.autoIncrementedPrimaryKey("id")
            // The theme, as the group's name.
            t.column("title", .text).notNull()
            // Who it is for (« DGS de communes de 10 000 à 50 000 habitants »).
            t.column("audience", .text).notNull().defaults(to: "")
            t.column("description", .text).notNull().defaults(to: "")
            // NULL: national.
            t.column("regionCode", .text).references("region", onDelete: .setNull)
            t.column("capacity", .integer).notNull().defaults(to: 12)
            // `demande` or `invitation` (`GroupAdmission`).
            t.column("admission", .text).notNull()
            // `proposee`, `active` or `refusee` (`GroupStatus`).
            t.column("status", .text).notNull().indexed()
            t.column("proposedByUserId", .integer).references("user", onDelete: .setNull)
            t.column("createdAt", .datetime).notNull()
            t.column("decidedAt", .datetime)
            t.column("decidedByUserId", .integer).references("user", onDelete: .setNull)
        }
        try db.create(table: "groupMember") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("groupId", .integer).notNull().references("exchangeGroup", onDelete: .cascade)
            t.column("userId", .integer).notNull().indexed().references("user", onDelete: .cascade)
            // `demande`, `invite`, `membre` or `refuse` (`GroupMemberStatus`).
            t.column("status", .text).notNull()
            t.column("referent", .boolean).notNull().defaults(to: false)
            t.column("createdAt", .datetime).notNull()
            t.column("joinedAt", .datetime)
            t.uniqueKey(["groupId", "userId"])
        }
        try db.create(table: "groupMeeting") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("groupId", .integer).notNull().indexed().references("exchangeGroup", onDelete: .cascade)
            // Paris wall-clock text, `2027-01-14T18:30`, as for ateliers.
            t.column("startsAt", .text).notNull()
            t.column("endsAt", .text).notNull()
            t.column("online", .boolean).notNull().defaults(to: false)
            // The address, or the visio link: for the members, on the meeting's page only.
            t.column("place", .text).notNull().defaults(to: "")
            t.column("agenda", .text).notNull().defaults(to: "")
            t.column("createdByUserId", .integer).references("user", onDelete: .setNull)
            t.column("createdAt", .datetime).notNull()
            t.column("cancelledAt", .datetime)
        }
        try db.create(table: "meetingRole") { t in
            t.column("meetingId", .integer).notNull().references("groupMeeting", onDelete: .cascade)
            // `referent`, `scribe` or `gardien` (`MeetingRole`).
            t.column("role", .text).notNull()
            t.column("userId", .integer).notNull().indexed().references("user", onDelete: .cascade)
            t.column("takenAt", .datetime).notNull()
            t.primaryKey(["meetingId", "role"])
        }
        // Every save of a meeting's notes, never updated nor deleted: the last is the current text.
        try db.create(table: "meetingNotesVersion") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("meetingId", .integer).notNull().references("groupMeeting", onDelete: .cascade)
            t.column("version", .integer).notNull()
            t.column("bodyMarkdown", .text).notNull()
            t.column("authorUserId", .integer).references("user", onDelete: .setNull)
            t.column("createdAt", .datetime).notNull()
            t.uniqueKey(["meetingId", "version"])
        }
        // « Ce qui va être fait »: an owner (a member) and a due day.
        try db.create(table: "actionItem") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("meetingId", .integer).notNull().indexed().references("groupMeeting", onDelete: .cascade)
            t.column("title", .text).notNull()
            t.column("ownerUserId", .integer).notNull().indexed().references("user", onDelete: .cascade)
            t.column("dueDay", .text).notNull()
            t.column("doneAt", .datetime)
            t.column("createdByUserId", .integer).references("user", onDelete: .setNull)
            t.column("createdAt", .datetime).notNull()
        }
        // A member's choice: one mail per event (no row, or `digest` false) or a weekly digest.
        try db.create(table: "groupMailSetting") { t in
            t.primaryKey("userId", .integer).references("user", onDelete: .cascade)
            t.column("digest", .boolean).notNull().defaults(to: false)
            t.column("lastDigestAt", .datetime)
        }
        // What a digest reader has not been told yet: the kind of event and the group, nothing else.
        try db.create(table: "groupDigestItem") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("userId", .integer).notNull().indexed().references("user", onDelete: .cascade)
            t.column("groupId", .integer).references("exchangeGroup", onDelete: .cascade)
            t.column("kind", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }
    }
}
