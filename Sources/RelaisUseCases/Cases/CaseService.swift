import Foundation
import GRDB
import RelaisCore
import RelaisMail
import RelaisStore

/// The case use cases. Each is one write transaction holding the case, its events and its mails.
public struct CaseService: Sendable {
    /// A case typed by someone who has not confirmed it yet is kept this long, then erased.
    public static let pendingLifetime: TimeInterval = 7 * 24 * 3600

    public let database: AppDatabase
    public let workflow: CaseWorkflow
    public let hasher: PasswordHasher
    public let deadlines: CaseDeadlines
    public let clock: @Sendable () -> Date

    /// What the form gives, already checked.
    public struct Draft: Sendable {
        public var situationSlug: String
        public var axes: [Axis]
        public var departementCode: String
        public var employerCode: String?
        public var employerName: String
        public var narrative: String
        public var urgency: String
        public var notificationEmail: String
        public var phone: String
        public var callTimes: String
        public var outsideDepartement: Bool
        /// The random token of the form page: the same form sent twice opens one case.
        public var submissionToken: String

        public init(situationSlug: String, axes: [Axis], departementCode: String, employerCode: String? = nil, employerName: String, narrative: String, urgency: String, notificationEmail: String, phone: String, callTimes: String, outsideDepartement: Bool, submissionToken: String) {
            self.situationSlug = situationSlug
            self.axes = axes
            self.departementCode = departementCode
            self.employerCode = employerCode
            self.employerName = employerName
            self.narrative = narrative
            self.urgency = urgency
            self.notificationEmail = notificationEmail
            self.phone = phone
            self.callTimes = callTimes
            self.outsideDepartement = outsideDepartement
            self.submissionToken = submissionToken
        }

        public func caseFile(directorId: Int64?, now: Date) -> CaseFile {
            CaseFile(
                directorId: directorId, situationSlug: situationSlug, departementCode: departementCode, employerCode: employerCode,
                employerName: employerName, narrative: narrative, urgency: urgency, notificationEmail: notificationEmail, phone: phone,
                callTimes: callTimes, outsideDepartement: outsideDepartement, status: .nouvelle, submissionToken: submissionToken,
                createdAt: now, lastActivityAt: now
            )
        }
    }

    public enum SubmitResult: Sendable, Equatable {
        /// Opened now, or earlier by the same form: go to the case.
        case opened(reference: String)
        /// Stored, waiting for the person to confirm their address or to sign in and send it.
        case awaitingConfirmation
        /// Not opened: the director is past their limits (`CaseLimits`); nothing was stored.
        case limited(CaseLimitRefusal)
        /// A visitor's form sent too often for this address or from this network: wait this long.
        case throttled(TimeInterval)
    }

    /// A signed-in director opens a case.
    public func submit(_ draft: Draft, director: User) async throws -> SubmitResult {
        let now = clock()
        // Many directors may send at once (the evening after an election): their cases share commits.
        return try await database.groupCommit.write { db in
            let sameToken = try db.cachedStatement(sql: "SELECT * FROM caseFile WHERE submissionToken = ?")
            if let existing = try CaseFile.fetchOne(sameToken, arguments: [draft.submissionToken]) {
                // The same form again (double click, refresh, back button): the case it opened.
                guard existing.directorId == director.id, let reference = existing.reference else { return .awaitingConfirmation }
                return .opened(reference: reference)
            }
            // Counted in this transaction: submissions sent together are serialised and cannot all pass.
            if let refusal = try workflow.checkLimits(for: director, now: now, in: db) { return .limited(refusal) }
            var caseFile = draft.caseFile(directorId: director.id, now: now)
            try caseFile.insert(db)
            try AppDatabase.setCaseAxes(draft.axes, caseId: caseFile.id!, in: db)
            try workflow.open(&caseFile, director: director, now: now, in: db)
            return .opened(reference: caseFile.reference!)
        }
    }

    /// A correspondent's availability and capacity, from their desk.
    public func setAvailability(correspondentId: Int64, absentUntil: Day?, capacity: Int, by user: User, address: String) async throws {
        let now = clock()
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE correspondent SET absentUntil = ?, capacity = ?, seedHash = ? WHERE id = ?",
                           arguments: [absentUntil?.iso, capacity, SeedImporter.editedInRelais, correspondentId])
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: "disponibilite",
                                             target: "correspondant \(correspondentId)", address: address,
                                             detail: "absent jusqu’au \(absentUntil?.iso ?? "—"), capacité \(capacity)"), in: db)
        }
    }

    /// Staff change a correspondent's card. Deactivating them routes their open cases again, each with
    /// its event and mails, in the same transaction.
    public func updateCorrespondent(id: Int64, departements: Set<String>, axes: [Axis], capacity: Int, absentUntil: Day?, active: Bool,
                             by user: User, address: String) async throws {
        let now = clock()
        try await database.writer.write { db in
            guard var correspondent = try Correspondent.fetchOne(db, key: id) else { return }
            let wasActive = correspondent.active
            correspondent.capacity = capacity
            correspondent.absentUntil = absentUntil
            correspondent.active = active
            correspondent.seedHash = SeedImporter.editedInRelais
            try correspondent.update(db)
            try db.execute(sql: "DELETE FROM correspondentDepartement WHERE correspondentId = ?", arguments: [id])
            for code in departements.sorted() {
                try db.execute(sql: "INSERT INTO correspondentDepartement (correspondentId, departementCode) VALUES (?, ?)", arguments: [id, code])
            }
            try db.execute(sql: "DELETE FROM correspondentAxis WHERE correspondentId = ?", arguments: [id])
            for axis in axes {
                try db.execute(sql: "INSERT INTO correspondentAxis (correspondentId, axis) VALUES (?, ?)", arguments: [id, axis.rawValue])
            }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: "correspondant_modifie",
                                             target: "correspondant \(id)", address: address,
                                             detail: "départements \(departements.sorted().joined(separator: " ")), capacité \(capacity)"
                                                 + (active ? "" : ", désactivé")), in: db)
            guard wasActive, !active else { return }
            for var caseFile in try CaseFile.filter(CaseFile.Columns.assigneeId == id && CaseStatus.active.map(\.rawValue).contains(CaseFile.Columns.status)).fetchAll(db) {
                try workflow.apply(CaseWorkflow.Act(action: .reassign, reason: "Correspondant désactivé par l’équipe."),
                                   to: &caseFile, actor: user, role: .staff, now: now, in: db)
            }
        }
    }

    // MARK: Deadlines

    /// Once a week at most, staff get the list of published sheets past their review date.
    public func remindStaffOfReviews(now: Date, in db: Database) throws {
        guard let staffEmail = workflow.staffEmail else { return }
        let today = Day(now)
        let due = try FactSheet.all().published().filter(Column("nextReview") != nil && Column("nextReview") < today.iso).orderedByTitle().fetchAll(db)
        guard !due.isEmpty else { return }
        let sentThisWeek = try OutboxMessage.filter(Column("kind") == "review-reminder" && Column("createdAt") > now.addingTimeInterval(-7 * 86_400))
            .fetchCount(db) > 0
        guard !sentThisWeek else { return }
        try workflow.notifier.queueCaseNotice(
            kind: "review-reminder", to: staffEmail, subject: "Relais\u{00A0}: \(due.count) fiche(s) du vademecum à relire", greeting: nil,
            paragraphs: ["Ces fiches publiées ont dépassé leur date de relecture :"] + due.prefix(30).map { "– \($0.title) (prévue le \($0.nextReview?.frenchLong ?? "?"))" }
                + (due.count > 30 ? ["… et \(due.count - 30) autre(s)."] : []),
            link: workflow.baseURL + SiteURL.staffVademecum.path, linkLabel: "Le vademecum dans l’espace équipe", confidential: false,
            date: now, in: db
        )
    }

    /// Applies the deadlines once: late cases are flagged and staff alerted; directors who keep a
    /// correspondent waiting get one reminder; unconfirmed drafts past their lifetime are erased.
    /// Returns how many cases each rule touched.
    @discardableResult
    public func runDeadlines() async throws -> (escalated: Int, reminded: Int, erased: Int) {
        let now = clock()
        return try await database.writer.write { db in
            var escalated = 0, reminded = 0
            for var caseFile in try AppDatabase.casesToEscalate(before: now.addingTimeInterval(-deadlines.acceptance), in: db) {
                try workflow.escalate(&caseFile, now: now, in: db)
                escalated += 1
            }
            escalated += try escalateStatutorilyUrgent(now: now, in: db)
            _ = try remindDirectorsOfDeadlines(now: now, in: db)
            for var caseFile in try AppDatabase.casesToRemind(before: now.addingTimeInterval(-deadlines.waitingReminder), in: db) {
                try workflow.remind(&caseFile, now: now, in: db)
                reminded += 1
            }
            // Past ateliers leave the public pages by themselves (times are Paris local, as text).
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = Day.paris
            let parts = calendar.dateComponents([.hour, .minute], from: now)
            let nowLocal = Day(now).iso + "T" + String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
            try db.execute(sql: "UPDATE atelier SET archived = 1 WHERE NOT archived AND endsAt < ?", arguments: [nowLocal])
            try remindStaffOfReviews(now: now, in: db)
            let erased = try CaseFile.filter(CaseFile.Columns.openedAt == nil && Column("createdAt") < now.addingTimeInterval(-Self.pendingLifetime))
                .deleteAll(db)
            return (escalated, reminded, erased)
        }
    }
}
