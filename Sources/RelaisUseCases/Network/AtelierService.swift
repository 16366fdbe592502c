import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// Registering to ateliers: a place or the waiting list, leaving, the waiting list moving up by
/// itself, and what staff do (attendance, closing, cancelling, the list as CSV). Every change is one
/// write transaction with its audit line and its mails, and the places are counted inside it: two
/// people asking for the last place at once are serialised by SQLite's single writer, so one gets
/// it and the other the waiting list (`AtelierRules`).
public struct AtelierService: Sendable {
    public let database: AppDatabase
    public let notifier: Notifier
    public let clock: @Sendable () -> Date

    public init(database: AppDatabase, notifier: Notifier, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.notifier = notifier
        self.clock = clock
    }

    /// The atelier does not exist, is archived (for members), or the registration is not there.
    public struct NotFound: Error, Equatable {}

    /// Where a registration landed.
    public enum Outcome: Sendable, Equatable {
        case registered
        /// On the waiting list, `position` 1 being the next to move up.
        case waiting(position: Int)
    }

    // MARK: Members

    /// Registers `user`: a place while there is one, else the waiting list. Throws `AtelierRules.Refusal`
    /// (already registered, closed, cancelled, past, not a member) or `NotFound`.
    @discardableResult
    public func register(atelierId: Int64, user: User, address: String) async throws -> Outcome {
        let now = clock()
        return try await database.write { db in
            guard let userId = user.id, let atelier = try Atelier.fetchOne(db, key: atelierId), !atelier.archived else { throw NotFound() }
            let existing = try AppDatabase.registration(atelierId: atelierId, userId: userId, in: db)
            if let refusal = AtelierRules.registrationRefusal(role: user.role, state: Self.state(atelier, now: now), current: existing?.status) {
                throw refusal
            }
            let (registered, _) = try AppDatabase.registrationCounts(atelierId: atelierId, in: db)
            let status = AtelierRules.placement(capacity: atelier.capacity, registered: registered)
            var registration = existing ?? AtelierRegistration(atelierId: atelierId, userId: userId, status: status, createdAt: now)
            registration.status = status
            registration.createdAt = now
            registration.cancelledAt = nil
            registration.promotedAt = nil
            registration.attended = nil
            registration.remindedAt = status == .registered && AtelierRules.placeNeedsNoReminder(startsAt: atelier.startsAt, now: now) ? now : nil
            try registration.save(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: .atelierRegistration,
                                             target: "atelier \(atelierId)", address: address, detail: status.label), in: db)
            switch status {
            case .registered:
                try mailPlace(.atelierRegistered, atelier: atelier, to: user, now: now, in: db)
                return .registered
            default:
                let position = try AppDatabase.waitingPosition(of: registration, in: db)
                try notifier.notify(.atelierWaiting, to: user.notificationEmail, greeting: user.name,
                                    values: Self.values(atelier).merging(["position": position]) { $1 },
                                    link: .atelier(atelierId), date: now, in: db)
                return .waiting(position: position)
            }
        }
    }

    /// `user` leaves the atelier (a place up to the day before, the waiting list until it starts);
    /// a place freed goes to the first of the waiting list, who is told. Returns how many moved up.
    @discardableResult
    public func cancel(atelierId: Int64, user: User, address: String) async throws -> Int {
        let now = clock()
        return try await database.write { db in
            guard let userId = user.id, let atelier = try Atelier.fetchOne(db, key: atelierId), !atelier.archived else { throw NotFound() }
            guard var registration = try AppDatabase.registration(atelierId: atelierId, userId: userId, in: db) else {
                throw AtelierRules.Refusal.notRegistered
            }
            if let refusal = AtelierRules.cancellationRefusal(status: registration.status, state: Self.state(atelier, now: now),
                                                              startsAt: atelier.startsAt, now: now) {
                throw refusal
            }
            let previous = registration.status
            registration.status = .cancelled
            registration.cancelledAt = now
            try registration.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: .atelierUnregistration,
                                             target: "atelier \(atelierId)", address: address, detail: previous.label), in: db)
            return try fillPlaces(atelier, now: now, in: db)
        }
    }

    /// Gives the places free in `atelier` to the first of its waiting list, in order, each told by a
    /// mail with the `.ics`. Nothing moves once the atelier has started or is cancelled. Called by the
    /// use cases that free a place or add some (a cancellation, a larger capacity).
    @discardableResult
    public func fillPlaces(_ atelier: Atelier, now: Date, in db: Database) throws -> Int {
        guard let atelierId = atelier.id else { return 0 }
        switch Self.state(atelier, now: now) {
        case .past, .cancelled: return 0
        case .open, .closed: break
        }
        let (registered, waiting) = try AppDatabase.registrationCounts(atelierId: atelierId, in: db)
        let count = AtelierRules.promotions(capacity: atelier.capacity, registered: registered, waiting: waiting)
        guard count > 0 else { return 0 }
        for var registration in try AppDatabase.firstWaiting(atelierId: atelierId, limit: count, in: db) {
            registration.status = .registered
            registration.promotedAt = now
            registration.remindedAt = AtelierRules.placeNeedsNoReminder(startsAt: atelier.startsAt, now: now) ? now : nil
            try registration.update(db)
            guard let user = try User.fetchOne(db, key: registration.userId) else { continue }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: nil, actorEmail: "", action: .atelierPromotion,
                                             target: "atelier \(atelierId)", detail: "utilisateur \(registration.userId)"), in: db)
            try mailPlace(.atelierPromoted, atelier: atelier, to: user, now: now, in: db)
        }
        return count
    }

    // MARK: Staff

    /// Records who came (`attended`, by registration id) among the people who held a place, once the
    /// atelier has started. Unlisted registrations keep their mark.
    public func markAttendance(atelierId: Int64, attended: [Int64: Bool], by staff: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard let atelier = try Atelier.fetchOne(db, key: atelierId) else { throw NotFound() }
            guard AtelierRules.mayMarkAttendance(startsAt: atelier.startsAt, cancelled: atelier.cancelledAt != nil, now: now) else {
                throw AtelierRules.Refusal.closed
            }
            var count = 0
            for (registrationId, came) in attended {
                guard var registration = try AtelierRegistration.fetchOne(db, key: registrationId), registration.atelierId == atelierId,
                      registration.status == .registered else { continue }
                registration.attended = came
                try registration.update(db)
                count += 1
            }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: staff.id, actorEmail: staff.email, action: .atelierAttendance,
                                             target: "atelier \(atelierId)", address: address, detail: "\(count) personne(s)"), in: db)
        }
    }

    /// Stops new registrations; the waiting list still moves up when a place frees.
    public func close(atelierId: Int64, by staff: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard var atelier = try Atelier.fetchOne(db, key: atelierId) else { throw NotFound() }
            guard atelier.closedAt == nil, atelier.cancelledAt == nil else { return }
            atelier.closedAt = now
            try atelier.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: staff.id, actorEmail: staff.email, action: .atelierClosed,
                                             target: "atelier \(atelierId)", address: address), in: db)
        }
    }

    /// Cancels the atelier; everyone registered or waiting gets a mail. Returns how many were told.
    @discardableResult
    public func cancelAtelier(atelierId: Int64, by staff: User, address: String) async throws -> Int {
        let now = clock()
        return try await database.write { db in
            guard var atelier = try Atelier.fetchOne(db, key: atelierId) else { throw NotFound() }
            guard atelier.cancelledAt == nil else { return 0 }
            if case .past = Self.state(atelier, now: now) { throw AtelierRules.Refusal.past }
            atelier.cancelledAt = now
            try atelier.update(db)
            let told = try AppDatabase.activeRegistrations(atelierId: atelierId, in: db)
            for registration in told {
                guard let user = try User.fetchOne(db, key: registration.userId) else { continue }
                try notifier.notify(.atelierCancelled, to: user.notificationEmail, greeting: user.name,
                                    values: Self.values(atelier).merging(["waiting": registration.status == .waiting]) { $1 },
                                    link: .networks, date: now, in: db)
            }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: staff.id, actorEmail: staff.email, action: .atelierCancelled,
                                             target: "atelier \(atelierId)", address: address, detail: "\(told.count) personne(s) prévenue(s)"), in: db)
            return told.count
        }
    }

    /// The list of people for staff's CSV, read in the transaction that records the export.
    public func export(atelierId: Int64, by staff: User, address: String) async throws -> (Atelier, [AppDatabase.AtelierAttendee]) {
        let now = clock()
        return try await database.write { db in
            guard let list = try AppDatabase.atelierAttendees(atelierId: atelierId, in: db) else { throw NotFound() }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: staff.id, actorEmail: staff.email, action: .atelierExported,
                                             target: "atelier \(atelierId)", address: address, detail: "\(list.1.count) ligne(s)"), in: db)
            return list
        }
    }

    // MARK: Pieces

    static func state(_ atelier: Atelier, now: Date) -> AtelierRules.State {
        AtelierRules.state(startsAt: atelier.startsAt, closed: atelier.closedAt != nil, cancelled: atelier.cancelledAt != nil, now: now)
    }

    /// What every atelier mail may say: its title and its date, nothing else.
    static func values(_ atelier: Atelier) -> [String: Any] {
        ["title": atelier.title, "when": AtelierTimes.when(startsAt: atelier.startsAt, endsAt: atelier.endsAt)]
    }

    /// The mail of a place (registered or moved up), with the atelier's `.ics`.
    func mailPlace(_ kind: MailKind, atelier: Atelier, to user: User, now: Date, in db: Database) throws {
        guard let atelierId = atelier.id else { return }
        var attachments: [MailAttachment] = []
        if let calendar = Self.calendar(atelier, stamp: now, baseURL: notifier.baseURL) {
            attachments.append(try MailAttachment.calendar(calendar))
        }
        try notifier.notify(kind, to: user.notificationEmail, greeting: user.name, values: Self.values(atelier), link: .atelier(atelierId),
                            attachments: attachments, date: now, in: db)
    }

    /// The atelier as an iCalendar event (times in UTC from Paris time); its UID is stable, so the
    /// confirmation and a later mail update the same event. Neutral: the title, where in general
    /// words, and the page where the exact place or the link is; nil if its times are malformed.
    public static func calendar(_ atelier: Atelier, stamp: Date, baseURL: String) -> String? {
        guard let id = atelier.id, let start = AtelierRules.instant(atelier.startsAt), let end = AtelierRules.instant(atelier.endsAt) else { return nil }
        let page = SiteURL.atelier(id).absolute(base: baseURL)
        let location = atelier.online ? "En visioconférence" : atelier.place
        let event = ICalendar.TimedEvent(
            uid: "atelier-\(atelier.key)@relais", start: start, end: max(end, start), summary: atelier.title,
            description: "Atelier de l’association, sur Relais. Le lien de connexion ou l’adresse exacte est sur la page de l’atelier, une fois connecté\u{00A0}: \(page)",
            location: location, url: page
        )
        return ICalendar.document([event], stamp: stamp)
    }
}
