import Foundation
import GRDB
import RelaisCore

/// The named reads of atelier registration and the writes its use case makes inside its transactions.
extension AppDatabase {
    /// What the atelier's page needs: the atelier (unless archived), where it is, how full it is, and
    /// the reader's own registration with their place on the waiting list.
    public struct AtelierOverview: Sendable {
        public var atelier: Atelier
        public var regionName: String?
        public var networkName: String?
        public var registered: Int
        public var waiting: Int
        /// The reader's registration; nil for a visitor or someone never registered.
        public var mine: AtelierRegistration?
        /// 1 for the first of the waiting list; nil when not waiting.
        public var myPosition: Int?
    }

    /// The atelier `id` as its page shows it to `userId` (nil: a visitor); nil when unknown or archived.
    public func atelierOverview(id: Int64, userId: Int64?) async throws -> AtelierOverview? {
        try await reader.read { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT a.*, r.name AS regionName, n.name AS networkName FROM atelier a
                LEFT JOIN region r ON r.code = a.regionCode LEFT JOIN network n ON n.id = a.networkId
                WHERE a.id = ? AND NOT a.archived
                """), arguments: [id]) else { return nil }
            let (registered, waiting) = try Self.registrationCounts(atelierId: id, in: db)
            let mine = try userId.flatMap { try Self.registration(atelierId: id, userId: $0, in: db) }
            let position = try mine.flatMap { $0.status == .waiting ? try Self.waitingPosition(of: $0, in: db) : nil }
            return AtelierOverview(atelier: try Atelier(row: row), regionName: row["regionName"], networkName: row["networkName"],
                                   registered: registered, waiting: waiting, mine: mine, myPosition: position)
        }
    }

    /// People holding a place and people waiting.
    public static func registrationCounts(atelierId: Int64, in db: Database) throws -> (registered: Int, waiting: Int) {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT coalesce(sum(status = 'inscrit'), 0) AS registered, coalesce(sum(status = 'attente'), 0) AS waiting
            FROM atelierRegistration WHERE atelierId = ?
            """), arguments: [atelierId])
        return (row?["registered"] ?? 0, row?["waiting"] ?? 0)
    }

    public static func registration(atelierId: Int64, userId: Int64, in db: Database) throws -> AtelierRegistration? {
        try AtelierRegistration.fetchOne(db.cachedStatement(sql: "SELECT * FROM atelierRegistration WHERE atelierId = ? AND userId = ?"),
                                         arguments: [atelierId, userId])
    }

    /// 1 for the first of the waiting list.
    public static func waitingPosition(of registration: AtelierRegistration, in db: Database) throws -> Int {
        let ahead = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM atelierRegistration WHERE atelierId = ? AND status = 'attente' AND (createdAt < ? OR (createdAt = ? AND id < ?))
            """), arguments: [registration.atelierId, registration.createdAt, registration.createdAt, registration.id]) ?? 0
        return ahead + 1
    }

    /// The first `limit` people of the waiting list, in order.
    public static func firstWaiting(atelierId: Int64, limit: Int, in db: Database) throws -> [AtelierRegistration] {
        try AtelierRegistration.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM atelierRegistration WHERE atelierId = ? AND status = 'attente' ORDER BY createdAt, id LIMIT ?
            """), arguments: [atelierId, limit])
    }

    /// Everyone registered or waiting, for the mail that tells them of a cancellation.
    public static func activeRegistrations(atelierId: Int64, in db: Database) throws -> [AtelierRegistration] {
        try AtelierRegistration.fetchAll(db.cachedStatement(sql: """
            SELECT * FROM atelierRegistration WHERE atelierId = ? AND status IN ('inscrit', 'attente') ORDER BY createdAt, id
            """), arguments: [atelierId])
    }

    /// Places with no reminder yet, in ateliers not cancelled that start between the Paris days
    /// `from` and `through` (the job decides the exact moment with `AtelierRules.reminderDue`).
    public static func unremindedPlaces(from: Day, through: Day, in db: Database) throws -> [(AtelierRegistration, Atelier)] {
        let registrations = try AtelierRegistration.fetchAll(db.cachedStatement(sql: """
            SELECT r.* FROM atelierRegistration r JOIN atelier a ON a.id = r.atelierId
            WHERE r.status = 'inscrit' AND r.remindedAt IS NULL AND a.cancelledAt IS NULL AND NOT a.archived
              AND a.startsAt >= ? AND a.startsAt < ?
            ORDER BY a.startsAt, r.id
            """), arguments: [from.iso, (through.adding(days: 1) ?? through).iso])
        var ateliers: [Int64: Atelier] = [:]
        return try registrations.compactMap { registration in
            if ateliers[registration.atelierId] == nil { ateliers[registration.atelierId] = try Atelier.fetchOne(db, key: registration.atelierId) }
            return ateliers[registration.atelierId].map { (registration, $0) }
        }
    }

    /// Ateliers from `today` on, not cancelled, with people waiting and a place free (a place freed
    /// by a deleted account, say).
    public static func ateliersWithFreePlaces(today: Day, in db: Database) throws -> [Atelier] {
        try Atelier.fetchAll(db.cachedStatement(sql: """
            SELECT a.* FROM atelier a
            WHERE NOT a.archived AND a.cancelledAt IS NULL AND a.startsAt >= ?
              AND EXISTS (SELECT 1 FROM atelierRegistration w WHERE w.atelierId = a.id AND w.status = 'attente')
              AND (a.capacity IS NULL OR a.capacity > (SELECT count(*) FROM atelierRegistration p WHERE p.atelierId = a.id AND p.status = 'inscrit'))
            """), arguments: [today.iso])
    }

    // MARK: A member's ateliers

    /// One line of « Mes ateliers ».
    public struct MyAtelier: Sendable {
        public var atelier: Atelier
        public var registration: AtelierRegistration
        public var position: Int?
    }

    /// The member's registrations and waiting places, in ateliers not archived (left ones excluded).
    public func myAteliers(userId: Int64) async throws -> [MyAtelier] {
        try await reader.read { db in
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT r.id AS registrationId, a.* FROM atelierRegistration r JOIN atelier a ON a.id = r.atelierId
                WHERE r.userId = ? AND r.status IN ('inscrit', 'attente') AND NOT a.archived ORDER BY a.startsAt
                """), arguments: [userId])
            return try rows.compactMap { row in
                guard let registration = try AtelierRegistration.fetchOne(db, key: row["registrationId"] as Int64) else { return nil }
                let position = registration.status == .waiting ? try Self.waitingPosition(of: registration, in: db) : nil
                return MyAtelier(atelier: try Atelier(row: row), registration: registration, position: position)
            }
        }
    }

    /// Every registration of the person, archived ateliers and left ones included: their data export.
    public func atelierRegistrations(userId: Int64) async throws -> [(atelier: Atelier, registration: AtelierRegistration)] {
        try await reader.read { db in
            let registrations = try AtelierRegistration.filter(AtelierRegistration.Columns.userId == userId).order(AtelierRegistration.Columns.createdAt).fetchAll(db)
            return try registrations.compactMap { registration in
                try Atelier.fetchOne(db, key: registration.atelierId).map { ($0, registration) }
            }
        }
    }

    // MARK: Staff

    /// One person on an atelier's list, for staff.
    public struct AtelierAttendee: Sendable {
        public var registration: AtelierRegistration
        public var name: String
        public var email: String
        public var role: Role
    }

    /// The atelier (archived ones included) and everyone who registered, waiting list in order, then
    /// those who left.
    public func atelierAttendees(atelierId: Int64) async throws -> (Atelier, [AtelierAttendee])? {
        try await reader.read { db in try Self.atelierAttendees(atelierId: atelierId, in: db) }
    }

    public static func atelierAttendees(atelierId: Int64, in db: Database) throws -> (Atelier, [AtelierAttendee])? {
        guard let atelier = try Atelier.fetchOne(db, key: atelierId) else { return nil }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.*, u.name AS userName, u.email AS userEmail, u.role AS userRole
            FROM atelierRegistration r JOIN user u ON u.id = r.userId WHERE r.atelierId = ?
            ORDER BY CASE r.status WHEN 'inscrit' THEN 0 WHEN 'attente' THEN 1 ELSE 2 END, r.createdAt, r.id
            """), arguments: [atelierId])
        return (atelier, try rows.map { row in
            AtelierAttendee(registration: try AtelierRegistration(row: row), name: row["userName"], email: row["userEmail"],
                            role: Role(rawValue: row["userRole"]) ?? .demandeur)
        })
    }

    /// Registered and waiting counts of every atelier, for the staff list.
    public func atelierRegistrationCounts() async throws -> [Int64: (registered: Int, waiting: Int)] {
        try await reader.read { db in
            var counts: [Int64: (registered: Int, waiting: Int)] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT atelierId, sum(status = 'inscrit') AS registered, sum(status = 'attente') AS waiting
                FROM atelierRegistration GROUP BY atelierId
                """)) {
                counts[row["atelierId"]] = (row["registered"] ?? 0, row["waiting"] ?? 0)
            }
            return counts
        }
    }

    // MARK: Figures

    /// The dashboard's atelier figures: places taken in ateliers not cancelled, people waiting for
    /// ateliers still to come, and attendance where staff marked it.
    public struct AtelierFigures: Sendable, Equatable {
        public var registered: Int
        public var waiting: Int
        public var attended: Int
        public var marked: Int
        /// Ateliers with at least one mark.
        public var markedAteliers: Int

        public init(registered: Int, waiting: Int, attended: Int, marked: Int, markedAteliers: Int) {
            self.registered = registered
            self.waiting = waiting
            self.attended = attended
            self.marked = marked
            self.markedAteliers = markedAteliers
        }
    }

    /// `todayLocal`: the Paris day; ateliers from that day on count as still to come.
    public static func atelierFigures(today: Day, in db: Database) throws -> AtelierFigures {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT
              coalesce(sum(r.status = 'inscrit'), 0) AS registered,
              coalesce(sum(r.status = 'attente' AND a.startsAt >= ?), 0) AS waiting,
              coalesce(sum(r.attended = 1), 0) AS attended,
              coalesce(sum(r.attended IS NOT NULL), 0) AS marked,
              count(DISTINCT CASE WHEN r.attended IS NOT NULL THEN a.id END) AS markedAteliers
            FROM atelierRegistration r JOIN atelier a ON a.id = r.atelierId
            WHERE a.cancelledAt IS NULL
            """), arguments: [today.iso])
        return AtelierFigures(registered: row?["registered"] ?? 0, waiting: row?["waiting"] ?? 0, attended: row?["attended"] ?? 0,
                              marked: row?["marked"] ?? 0, markedAteliers: row?["markedAteliers"] ?? 0)
    }
}
