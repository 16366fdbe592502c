import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// « Fiches initiatives »: a member of an exchange group writes up an initiative or a practice; it
/// stays in the group (its members read it, nobody else) unless its author proposes it to staff;
/// staff then either take it up — a draft « retour d’expérience » is made in the vademecum, which the
/// four-eyes curation reviews and publishes like any sheet, and search finds once published — or
/// leave it in the group. Each step is one write transaction with its audit line.
public struct InitiativeService: Sendable {
    public let database: AppDatabase
    public let notifier: Notifier
    public let staffEmail: String?
    public let clock: @Sendable () -> Date

    public init(database: AppDatabase, notifier: Notifier, staffEmail: String?, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.notifier = notifier
        self.staffEmail = staffEmail
        self.clock = clock
    }

    /// Not there for this person: a 404.
    public struct NotFound: Error, Equatable {}

    /// A step the fiche's state does not allow now.
    public struct NotNow: Error, Equatable {}

    /// A member writes a fiche in their group.
    @discardableResult
    public func write(_ fields: InitiativeRules.Fields, groupId: Int64, author: User, address: String) async throws -> Int64 {
        let now = clock()
        return try await database.write { db in
            try Self.activeMembership(groupId: groupId, user: author, in: db)
            var initiative = GroupInitiative(groupId: groupId, authorUserId: author.id, fields: fields, now: now)
            try initiative.insert(db)
            let id = initiative.id ?? 0
            try audit(.initiativeWritten, author, id: id, address: address, now: now, in: db)
            return id
        }
    }

    /// The fiche as a member of its group reads it; anyone else: `NotFound`.
    public func read(_ id: Int64, groupId: Int64, user: User) async throws -> AppDatabase.InitiativeRow {
        try await database.read { db in
            try Self.activeMembership(groupId: groupId, user: user, in: db)
            guard let row = try AppDatabase.initiative(id: id, in: db), row.initiative.groupId == groupId else { throw NotFound() }
            return row
        }
    }

    /// Its author changes it while it is not in staff's hands. A fiche staff left aside goes back to
    /// the group: their earlier consent does not cover the new text.
    public func edit(_ id: Int64, fields: InitiativeRules.Fields, groupId: Int64, author: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            var initiative = try Self.fiche(id, groupId: groupId, user: author, in: db)
            guard InitiativeRules.mayEdit(initiative.status, isAuthor: initiative.authorUserId == author.id) else { throw NotNow() }
            initiative.fields = fields
            initiative.updatedAt = now
            initiative.status = .inGroup
            initiative.proposedAt = nil
            try initiative.update(db)
            try audit(.initiativeWritten, author, id: id, address: address, now: now, detail: "modifiée", in: db)
        }
    }

    /// Its author agrees to show it to staff, who may publish it.
    public func propose(_ id: Int64, groupId: Int64, author: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            var initiative = try Self.fiche(id, groupId: groupId, user: author, in: db)
            guard InitiativeRules.mayPropose(initiative.status, isAuthor: initiative.authorUserId == author.id) else { throw NotNow() }
            initiative.status = .proposed
            initiative.proposedAt = now
            initiative.decidedAt = nil
            initiative.decidedByUserId = nil
            try initiative.update(db)
            try audit(.initiativeProposed, author, id: id, address: address, now: now, in: db)
            if let staffEmail, !staffEmail.isEmpty {
                try notifier.notify(.initiativeProposed, to: staffEmail, link: .staffInitiative(id), date: now, in: db)
            }
        }
    }

    // MARK: Staff

    /// A fiche its author proposed (never one kept in its group), for staff.
    public func forStaff(_ id: Int64) async throws -> AppDatabase.InitiativeRow {
        try await database.read { db in
            guard let row = try AppDatabase.initiative(id: id, in: db), row.initiative.status != .inGroup else { throw NotFound() }
            return row
        }
    }

    /// Staff take it up: a new draft sheet « retour d’expérience » on the réseaux axis, which they edit
    /// and send through review like any sheet. Returns the sheet's slug.
    public func takeUp(_ id: Int64, staff: User, address: String) async throws -> String {
        let now = clock()
        return try await database.write { db in
            guard var initiative = try GroupInitiative.fetchOne(db, key: id), initiative.status != .inGroup else { throw NotFound() }
            guard initiative.status == .proposed else { throw NotNow() }
            let fields = initiative.fields
            let content = AppDatabase.SheetContent(
                title: fields.title, summary: InitiativeRules.sheetSummary(fields), axis: .reseaux, theme: InitiativeRules.sheetTheme,
                tags: InitiativeRules.sheetTags, legalReferences: "", bodyMarkdown: InitiativeRules.sheetMarkdown(fields))
            let slug = CurationService.slug(for: fields.title, taken: try AppDatabase.sheetSlugs(in: db))
            try AppDatabase.createSheet(slug: slug, content: content, nextReview: nil, author: staff.email, now: now, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: staff.id, actorEmail: staff.email, action: .sheetSaved, target: "fiche \(slug)",
                                             address: address, detail: "retour d’expérience de la fiche initiative \(id)"), in: db)
            initiative.status = .takenUp
            initiative.decidedAt = now
            initiative.decidedByUserId = staff.id
            initiative.sheetSlug = slug
            try initiative.update(db)
            try audit(.initiativeTakenUp, staff, id: id, address: address, now: now, detail: "fiche \(slug)", in: db)
            return slug
        }
    }

    /// Staff leave it in its group.
    public func decline(_ id: Int64, staff: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard var initiative = try GroupInitiative.fetchOne(db, key: id), initiative.status != .inGroup else { throw NotFound() }
            guard initiative.status == .proposed else { throw NotNow() }
            initiative.status = .declined
            initiative.decidedAt = now
            initiative.decidedByUserId = staff.id
            try initiative.update(db)
            try audit(.initiativeDeclined, staff, id: id, address: address, now: now, in: db)
        }
    }

    // MARK: Helpers

    /// `user` is a member of the active group `groupId`, or `NotFound`.
    static func activeMembership(groupId: Int64, user: User, in db: Database) throws {
        do {
            let (group, _) = try GroupService.memberGroup(groupId: groupId, user: user, in: db)
            guard group.status == .active else { throw NotFound() }
        } catch is GroupService.NotFound {
            throw NotFound()
        }
    }

    static func fiche(_ id: Int64, groupId: Int64, user: User, in db: Database) throws -> GroupInitiative {
        try activeMembership(groupId: groupId, user: user, in: db)
        guard let initiative = try GroupInitiative.fetchOne(db, key: id), initiative.groupId == groupId else { throw NotFound() }
        return initiative
    }

    private func audit(_ action: AuditAction, _ user: User, id: Int64, address: String, now: Date, detail: String = "", in db: Database) throws {
        try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: action, target: "fiche initiative \(id)",
                                         address: address, detail: detail), in: db)
    }
}
