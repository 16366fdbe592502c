import Foundation
import GRDB
import RelaisCore

/// « Mes échéances »: the calendar dates a director keeps in their account, their reminders, and the
/// cases they chose to share them with.
extension AppDatabase {
    /// A deadline as stored, with its row id for the reminders.
    public struct StoredDeadline: Sendable, Equatable {
        public let id: Int64
        public let deadline: DirectorDeadline
        public let situationSlug: String
        public let savedAt: Date
    }

    /// Saves the calendar's dates, one per kind: a date saved again replaces the earlier one, and a
    /// changed date forgets the reminders sent for the old one.
    public func saveDeadlines(userId: Int64, situationSlug: String, deadlines: [DirectorDeadline], now: Date) async throws {
        try await writer.write { db in
            for deadline in deadlines {
                let existing = try Row.fetchOne(db, sql: "SELECT id, day FROM directorDeadline WHERE userId = ? AND kind = ?",
                                                arguments: [userId, deadline.kind.rawValue])
                if let existing, let id: Int64 = existing["id"] {
                    if (existing["day"] as String?) != deadline.day.iso {
                        try db.execute(sql: "DELETE FROM directorDeadlineReminder WHERE deadlineId = ?", arguments: [id])
                    }
                    try db.execute(sql: "UPDATE directorDeadline SET day = ?, situationSlug = ?, savedAt = ? WHERE id = ?",
                                   arguments: [deadline.day.iso, situationSlug, now, id])
                } else {
                    try db.execute(sql: "INSERT INTO directorDeadline (userId, kind, day, situationSlug, savedAt) VALUES (?, ?, ?, ?, ?)",
                                   arguments: [userId, deadline.kind.rawValue, deadline.day.iso, situationSlug, now])
                }
            }
        }
    }

    public func directorDeadlines(userId: Int64) async throws -> [StoredDeadline] {
        try await reader.read { db in try Self.directorDeadlines(userId: userId, in: db) }
    }

    static func directorDeadlines(userId: Int64, in db: Database) throws -> [StoredDeadline] {
        try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM directorDeadline WHERE userId = ? ORDER BY day, kind"), arguments: [userId]).compactMap(Self.storedDeadline)
    }

    private static func storedDeadline(_ row: Row) -> StoredDeadline? {
        guard let id: Int64 = row["id"], let kind = (row["kind"] as String?).flatMap(DirectorDeadline.Kind.init(rawValue:)),
              let day = (row["day"] as String?).flatMap(Day.init(iso:)), let savedAt: Date = row["savedAt"] else { return nil }
        return StoredDeadline(id: id, deadline: DirectorDeadline(kind: kind, day: day), situationSlug: row["situationSlug"] ?? "", savedAt: savedAt)
    }

    public func deleteDeadlines(userId: Int64) async throws {
        try await writer.write { db in try db.execute(sql: "DELETE FROM directorDeadline WHERE userId = ?", arguments: [userId]) }
    }

    public func deadlineRemindersEnabled(userId: Int64) async throws -> Bool {
        try await reader.read { db in try Self.deadlineRemindersEnabled(userId: userId, in: db) }
    }

    static func deadlineRemindersEnabled(userId: Int64, in db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT deadlineReminders FROM user WHERE id = ?"), arguments: [userId]) ?? true
    }

    public func setDeadlineReminders(userId: Int64, enabled: Bool) async throws {
        try await writer.write { db in try db.execute(sql: "UPDATE user SET deadlineReminders = ? WHERE id = ?", arguments: [enabled, userId]) }
    }

    /// Shares (or stops sharing) the director's deadlines with the correspondent of one of their cases.
    public func setDeadlinesShared(caseId: Int64, directorId: Int64, shared: Bool) async throws {
        try await writer.write { db in
            try db.execute(sql: "UPDATE caseFile SET deadlinesShared = ? WHERE id = ? AND directorId = ?", arguments: [shared, caseId, directorId])
        }
    }

    /// The cases of a director that show their deadlines.
    public func casesSharingDeadlines(directorId: Int64) async throws -> Set<Int64> {
        try await reader.read { db in try Self.casesSharingDeadlines(directorId: directorId, in: db) }
    }

    static func casesSharingDeadlines(directorId: Int64, in db: Database) throws -> Set<Int64> {
        Set(try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM caseFile WHERE directorId = ? AND deadlinesShared"), arguments: [directorId]))
    }

    /// The deadlines a case's correspondent may see: none unless its director shared them.
    public func sharedDeadlines(caseId: Int64) async throws -> [DirectorDeadline] {
        try await reader.read { db in try Self.sharedDeadlines(caseId: caseId, in: db) }
    }

    static func sharedDeadlines(caseId: Int64, in db: Database) throws -> [DirectorDeadline] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT d.* FROM directorDeadline d JOIN caseFile c ON c.directorId = d.userId
            WHERE c.id = ? AND c.deadlinesShared ORDER BY d.day, d.kind
            """), arguments: [caseId]).compactMap(Self.storedDeadline).map(\.deadline)
    }

    /// The shared recourse deadline of each case that has one, for the desk and the staff queue.
    public func sharedRecourseDeadlines(caseIds: [Int64]) async throws -> [Int64: Day] {
        guard !caseIds.isEmpty else { return [:] }
        return try await reader.read { db in try Self.sharedRecourseDeadlines(caseIds: caseIds, in: db) }
    }

    static func sharedRecourseDeadlines(caseIds: [Int64], in db: Database) throws -> [Int64: Day] {
        let placeholders = Array(repeating: "?", count: caseIds.count).joined(separator: ", ")
        var result: [Int64: Day] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT c.id AS caseId, d.day AS day FROM caseFile c JOIN directorDeadline d ON d.userId = c.directorId AND d.kind = ?
            WHERE c.deadlinesShared AND c.id IN (\(placeholders))
            """, arguments: StatementArguments([DirectorDeadline.Kind.recourse.rawValue] + caseIds.map { $0 as (any DatabaseValueConvertible) })) {
            if let id: Int64 = row["caseId"], let day = (row["day"] as String?).flatMap(Day.init(iso:)) { result[id] = day }
        }
        return result
    }

    /// Open cases waiting for acceptance whose shared recourse deadline is near, as of `today`.
    public static func statutorilyUrgentCasesToEscalate(before cutoff: Date, today: Day, in db: Database) throws -> [CaseFile] {
        let candidates = try CaseFile.fetchAll(db, sql: """
            SELECT * FROM caseFile WHERE status IN \(CaseStatus.awaitingAcceptance.sqlList) AND openedAt IS NOT NULL
              AND escalatedAt IS NULL AND assignedAt <= ? AND deadlinesShared
            """, arguments: [cutoff])
        let recourse = try sharedRecourseDeadlines(caseIds: candidates.compactMap(\.id), in: db)
        return candidates.filter { CaseDeadlines.isStatutorilyUrgent(recourse: $0.id.flatMap { recourse[$0] }, today: today) }
    }

    /// A deadline to remind, with where to write and what was already sent.
    public struct ReminderCandidate: Sendable {
        public let deadlineId: Int64
        public let deadline: DirectorDeadline
        public let address: String
        public let sent: Set<Int>
    }

    /// Reminded deadlines still ahead within the farthest offset, of accounts that keep reminders on.
    public static func reminderCandidates(today: Day, in db: Database) throws -> [ReminderCandidate] {
        guard let horizon = today.adding(days: DirectorDeadline.reminderOffsets.max() ?? 14) else { return [] }
        let kinds = DirectorDeadline.Kind.allCases.filter(\.isReminded).map(\.rawValue)
        let rows = try Row.fetchAll(db, sql: """
            SELECT d.id, d.kind, d.day, u.notificationEmail,
                   (SELECT group_concat(daysBefore) FROM directorDeadlineReminder r WHERE r.deadlineId = d.id) AS sent
            FROM directorDeadline d JOIN user u ON u.id = d.userId
            WHERE u.deadlineReminders AND d.kind IN (?, ?) AND d.day >= ? AND d.day <= ?
            """, arguments: [kinds[0], kinds[1], today.iso, horizon.iso])
        return rows.compactMap { row in
            guard let id: Int64 = row["id"], let kind = (row["kind"] as String?).flatMap(DirectorDeadline.Kind.init(rawValue:)),
                  let day = (row["day"] as String?).flatMap(Day.init(iso:)), let address: String = row["notificationEmail"], !address.isEmpty
            else { return nil }
            let sent = Set(((row["sent"] as String?) ?? "").split(separator: ",").compactMap { Int($0) })
            return ReminderCandidate(deadlineId: id, deadline: DirectorDeadline(kind: kind, day: day), address: address, sent: sent)
        }
    }

    /// Records a reminder; false when it was already recorded (a concurrent run sent it).
    public static func recordReminder(deadlineId: Int64, daysBefore: Int, now: Date, in db: Database) throws -> Bool {
        try db.execute(sql: "INSERT OR IGNORE INTO directorDeadlineReminder (deadlineId, daysBefore, sentAt) VALUES (?, ?, ?)",
                       arguments: [deadlineId, daysBefore, now])
        return db.changesCount > 0
    }
}
