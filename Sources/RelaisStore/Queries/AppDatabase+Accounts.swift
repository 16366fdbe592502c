import Foundation
import GRDB
import RelaisCore

/// Accounts, sessions, one-time links, failures and the audit log.
extension AppDatabase {
    // MARK: Users

    public func user(id: Int64) throws -> User? {
        try reader.read { db in try Self.user(id: id, in: db) }
    }

    /// The same, awaited: request handlers and use cases must use this one (a synchronous read there
    /// blocks a thread of Swift's cooperative pool, and enough of them at once stop the server).
    public func user(id: Int64) async throws -> User? {
        try await reader.read { db in try Self.user(id: id, in: db) }
    }

    static func user(id: Int64, in db: Database) throws -> User? {
        try User.fetchOne(db, key: id)
    }

    /// Case-insensitive, as addresses are.
    public func user(email: String) throws -> User? {
        try reader.read { db in try Self.user(email: email, in: db) }
    }

    /// The same, awaited: request handlers and use cases must use this one (a synchronous read there
    /// blocks a thread of Swift's cooperative pool, and enough of them at once stop the server).
    public func user(email: String) async throws -> User? {
        try await reader.read { db in try Self.user(email: email, in: db) }
    }

    static func user(email: String, in db: Database) throws -> User? {
        try User.filter(User.Columns.email == email.lowercased()).fetchOne(db)
    }

    // MARK: Sessions

    /// The session whose cookie secret hashes to `idHash`, with its user.
    public func session(idHash: String) async throws -> (Session, User?)? {
        try await reader.read { db in
            // Read on every request of a signed-in person: statements prepared once per connection.
            guard let session = try Session.fetchOne(db.cachedStatement(sql: "SELECT * FROM session WHERE idHash = ?"), arguments: [idHash])
            else { return nil }
            let user = try session.userId.flatMap {
                try User.fetchOne(db.cachedStatement(sql: "SELECT * FROM user WHERE id = ?"), arguments: [$0])
            }
            return (session, user)
        }
    }

    /// A person's live sessions, most recently used first.
    public func sessions(userId: Int64) async throws -> [Session] {
        try await reader.read { db in
            try Session.filter(Session.Columns.userId == userId).order(Column("lastSeenAt").desc).fetchAll(db)
        }
    }

    public func insertSession(_ session: Session) async throws {
        try await writer.write { db in try session.insert(db) }
    }

    public func touchSession(idHash: String, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE session SET lastSeenAt = ? WHERE idHash = ?", arguments: [date, idHash])
        }
    }

    public func deleteSession(idHash: String) async throws {
        try await writer.write { db in _ = try Session.deleteOne(db, key: idHash) }
    }

    /// Signs `userId` out of every browser.
    @discardableResult
    public func deleteSessions(userId: Int64) async throws -> Int {
        try await writer.write { db in try Session.filter(Session.Columns.userId == userId).deleteAll(db) }
    }

    /// Removes sessions idle or older than the limits.
    @discardableResult
    public func purgeSessions(idleBefore: Date, createdBefore: Date) throws -> Int {
        try writer.write { db in
            try Session.filter(Column("lastSeenAt") < idleBefore || Column("createdAt") < createdBefore).deleteAll(db)
        }
    }

    // MARK: Failures (throttling)

    public func recordAuthFailure(kind: String, email: String, address: String, at date: Date) async throws {
        try await writer.write { db in
            try db.execute(sql: "INSERT INTO authFailure (kind, email, address, at) VALUES (?, ?, ?, ?)",
                           arguments: [kind, email.lowercased(), address, date])
            // Old failures tell nothing any more.
            try db.execute(sql: "DELETE FROM authFailure WHERE at < ?", arguments: [date.addingTimeInterval(-86_400)])
        }
    }

    /// Times of recent failures of `kind` for this account or this address.
    public func authFailures(kind: String, email: String, address: String, since: Date) async throws -> (byEmail: [Date], byAddress: [Date]) {
        try await reader.read { db in
            let byEmail = try Date.fetchAll(db, sql: "SELECT at FROM authFailure WHERE kind = ? AND email = ? AND at >= ?",
                                            arguments: [kind, email.lowercased(), since])
            let byAddress = try Date.fetchAll(db, sql: "SELECT at FROM authFailure WHERE kind = ? AND address = ? AND at >= ?",
                                              arguments: [kind, address, since])
            return (byEmail, byAddress)
        }
    }

    public func clearAuthFailures(kind: String, email: String) async throws {
        try await writer.write { db in
            try db.execute(sql: "DELETE FROM authFailure WHERE kind = ? AND email = ?", arguments: [kind, email.lowercased()])
        }
    }

    // MARK: One-time links

    /// Creates a link for `userId` opened by `secret` (only its hash is stored).
    public static func insertToken(userId: Int64, purpose: UserToken.Purpose, secret: String, lifetime: TimeInterval, payload: String? = nil,
                                   now: Date, in db: Database) throws {
        // A new link replaces the unused ones of the same purpose.
        try db.execute(sql: "DELETE FROM userToken WHERE userId = ? AND purpose = ? AND usedAt IS NULL",
                       arguments: [userId, purpose.rawValue])
        var token = UserToken(userId: userId, purpose: purpose, tokenHash: SecretDigest.hex(secret), createdAt: now,
                              expiresAt: now.addingTimeInterval(lifetime), payload: payload)
        try token.insert(db)
    }

    /// The valid, unused token for `secret` and `purpose`, with its user; nil when unknown, used or expired.
    public static func validToken(secret: String, purpose: UserToken.Purpose, now: Date, in db: Database) throws -> (UserToken, User)? {
        guard !secret.isEmpty, secret.count <= 100,
              let token = try UserToken.filter(Column("tokenHash") == SecretDigest.hex(secret)).fetchOne(db),
              token.purpose == purpose, token.usedAt == nil, token.expiresAt > now,
              let user = try User.fetchOne(db, key: token.userId) else { return nil }
        return (token, user)
    }

    // MARK: Audit

    public static func audit(_ event: AuditEvent, in db: Database) throws {
        var event = event
        try event.insert(db)
    }

    public func audit(_ event: AuditEvent) async throws {
        try await writer.write { db in try Self.audit(event, in: db) }
    }

    public func auditEvents(limit: Int = 200) throws -> [AuditEvent] {
        try reader.read { db in try Self.auditEvents(limit: limit, in: db) }
    }

    /// The same, awaited: request handlers and use cases must use this one (a synchronous read there
    /// blocks a thread of Swift's cooperative pool, and enough of them at once stop the server).
    public func auditEvents(limit: Int = 200) async throws -> [AuditEvent] {
        try await reader.read { db in try Self.auditEvents(limit: limit, in: db) }
    }

    static func auditEvents(limit: Int, in db: Database) throws -> [AuditEvent] {
        try AuditEvent.order(Column("id").desc).limit(limit).fetchAll(db)
    }

    // MARK: Employers

    /// Collectivités whose name contains every word of `query` (accents and case ignored), largest first.
    public func searchCollectivites(_ query: String, limit: Int = 12) async throws -> [Collectivite] {
        let words = Text.folded(query).split(separator: " ").prefix(6).map(String.init)
        guard !words.isEmpty else { return [] }
        return try await reader.read { db in
            var request = Collectivite.all()
            for word in words {
                let escaped = word.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
                request = request.filter(sql: "searchName LIKE ? ESCAPE '\\'", arguments: ["%\(escaped)%"])
            }
            return try request.order(Collectivite.Columns.population.desc).limit(limit).fetchAll(db)
        }
    }

    /// The employers to offer as choices: those matching `query` (empty query: none), with the one
    /// already chosen first even if the query no longer finds it.
    public func employerChoices(query: String, chosen code: String?) async throws -> [Collectivite] {
        var found = query.isEmpty ? [] : try await searchCollectivites(query)
        if let code, !code.isEmpty, !found.contains(where: { $0.code == code }), let chosen = try await collectivite(code: code) {
            found.insert(chosen, at: 0)
        }
        return found
    }

    public func collectivite(code: String) async throws -> Collectivite? {
        try await reader.read { db in try Collectivite.fetchOne(db, key: code) }
    }

    public func departements() async throws -> [Departement] {
        try await reader.read { db in try Departement.order(Departement.Columns.code).fetchAll(db) }
    }
}

extension AppDatabase {
    /// A correspondent with the départements they cover and their axes.
    public func correspondentProfile(id: Int64) async throws -> (Correspondent, [Departement], [Axis])? {
        try await reader.read { db in try Self.correspondentProfile(id: id, in: db) }
    }

    static func correspondentProfile(id: Int64, in db: Database) throws -> (Correspondent, [Departement], [Axis])? {
        // Read on every view of the desk: statements prepared once per connection.
        guard let correspondent = try Correspondent.fetchOne(db.cachedStatement(sql: "SELECT * FROM correspondent WHERE id = ?"), arguments: [id])
        else { return nil }
        let departements = try Departement.fetchAll(db.cachedStatement(sql: """
            SELECT d.* FROM departement d JOIN correspondentDepartement cd ON cd.departementCode = d.code
            WHERE cd.correspondentId = ? ORDER BY d.code
            """), arguments: [id])
        let axes = try String.fetchAll(db.cachedStatement(sql: "SELECT axis FROM correspondentAxis WHERE correspondentId = ?"), arguments: [id])
            .compactMap(Axis.init(rawValue:))
        return (correspondent, departements, Axis.allCases.filter(axes.contains))
    }

    /// Accounts by role, for staff.
    public func userCounts() throws -> [Role: Int] {
        try reader.read { db in try Self.userCounts(in: db) }
    }

    /// The same, awaited: request handlers and use cases must use this one (a synchronous read there
    /// blocks a thread of Swift's cooperative pool, and enough of them at once stop the server).
    public func userCounts() async throws -> [Role: Int] {
        try await reader.read { db in try Self.userCounts(in: db) }
    }

    static func userCounts(in db: Database) throws -> [Role: Int] {
        var counts: [Role: Int] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT role, COUNT(*) AS n FROM user GROUP BY role")) {
            if let role = Role(rawValue: row["role"]) { counts[role] = row["n"] }
        }
        return counts
    }
}

extension AppDatabase {
    /// What a person's data export holds beyond their profile.
    public func personalData(userId: Int64) async throws -> (sessions: Int, events: [AuditEvent], cases: [CaseFile], messages: [CaseMessage]) {
        try await reader.read { db in
            (try Session.filter(Session.Columns.userId == userId).fetchCount(db),
             try AuditEvent.filter(Column("actorUserId") == userId).order(Column("id")).fetchAll(db),
             try CaseFile.filter(CaseFile.Columns.directorId == userId).order(CaseFile.Columns.id).fetchAll(db),
             // Their own messages, on their cases or, for a correspondent, on the cases they handled.
             try CaseMessage.filter(Column("authorUserId") == userId).order(Column("id")).fetchAll(db))
        }
    }
}

extension AppDatabase {
    /// What one `relais purge` removed.
    public struct PurgeReport: Sendable, Equatable, CustomStringConvertible {
        public var sessions = 0
        public var tokens = 0
        public var authFailures = 0
        public var outboxMessages = 0
        public var anonymisedCases = 0
        public var trustedDevices = 0
        /// The files of the anonymised cases, deleted from the database: their bytes go once this commits.
        public var documentsToDelete: [String] = []

        public var description: String {
            "sessions: \(sessions), one-time links: \(tokens), sign-in failures: \(authFailures), sent or failed mails: \(outboxMessages), closed cases anonymised: \(anonymisedCases), their files: \(documentsToDelete.count), expired trusted devices: \(trustedDevices)"
        }
    }

    /// Removes personal data past its use, in one transaction: sessions past their limits, links
    /// used or expired, failure records older than a day, and mails delivered or failed before
    /// `before` (their text holds names and links); closed cases closed before `before` are
    /// anonymised (kept for the figures, without anything that names or describes the director).
    public func purge(before: Date, now: Date, sessionIdle: TimeInterval, sessionAbsolute: TimeInterval) throws -> PurgeReport {
        try writer.write { db in
            var report = PurgeReport()
            report.sessions = try Session
                .filter(Column("lastSeenAt") < now.addingTimeInterval(-sessionIdle) || Column("createdAt") < now.addingTimeInterval(-sessionAbsolute))
                .deleteAll(db)
            report.tokens = try UserToken.filter(Column("usedAt") != nil || Column("expiresAt") < now).deleteAll(db)
            try db.execute(sql: "DELETE FROM authFailure WHERE at < ?", arguments: [now.addingTimeInterval(-86_400)])
            report.authFailures = db.changesCount
            report.trustedDevices = try TrustedDevice.filter(Column("expiresAt") < now).deleteAll(db)
            report.outboxMessages = try OutboxMessage
                .filter([OutboxMessage.Status.delivered.rawValue, OutboxMessage.Status.failed.rawValue].contains(OutboxMessage.Columns.status))
                .filter(OutboxMessage.Columns.createdAt < before)
                .deleteAll(db)
            for id in try Self.closedCasesToAnonymise(closedBefore: before, in: db) {
                report.documentsToDelete += try Self.anonymiseCase(id: id, now: now, in: db)
                report.anonymisedCases += 1
            }
            return report
        }
    }
}
