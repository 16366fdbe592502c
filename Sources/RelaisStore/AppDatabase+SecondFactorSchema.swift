import GRDB

extension AppDatabase {
    /// The tables of migration `2fa-second-factor`. Like every migration, SQL and strings only.
    static func createSecondFactorSchema(_ db: Database) throws {
        // Read with the user on every request, so authorisation knows without another query.
        try db.alter(table: "user") { t in t.add(column: "secondFactorAt", .datetime) }
        // One row per account: the confirmed secret, and the one being set up until its first code.
        // The secret must be read to check codes, so it cannot be stored as a hash.
        try db.create(table: "secondFactor") { t in
            t.primaryKey("userId", .integer).references("user", onDelete: .cascade)
            t.column("secret", .text)
            t.column("enrolledAt", .datetime)
            // The time step of the last code accepted: that code and any older one are refused.
            t.column("lastUsedStep", .integer)
            t.column("pendingSecret", .text)
            t.column("pendingSince", .datetime)
        }
        try db.create(table: "recoveryCode") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("userId", .integer).notNull().indexed().references("user", onDelete: .cascade)
            t.column("codeHash", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("usedAt", .datetime)
        }
        // « Faire confiance à cet appareil » : the cookie holds a secret, the table its SHA-256.
        try db.create(table: "trustedDevice") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("userId", .integer).notNull().indexed().references("user", onDelete: .cascade)
            t.column("tokenHash", .text).notNull().unique()
            t.column("label", .text).notNull().defaults(to: "")
            t.column("address", .text).notNull().defaults(to: "")
            t.column("createdAt", .datetime).notNull()
            t.column("expiresAt", .datetime).notNull()
            t.column("lastUsedAt", .datetime)
        }
        // Password right, code not typed yet: kept beside the browser's (anonymous) session and gone
        // with it, so the browser holds nothing it could change to pass for someone else.
        try db.create(table: "pendingSignIn") { t in
            t.primaryKey("sessionIdHash", .text).references("session", onDelete: .cascade)
            t.column("userId", .integer).notNull().indexed().references("user", onDelete: .cascade)
            t.column("returnTo", .text).notNull().defaults(to: "")
            t.column("createdAt", .datetime).notNull()
        }
    }
}
