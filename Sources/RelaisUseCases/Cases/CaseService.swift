import Foundation
import GRDB
import RelaisCore
import RelaisFiles
import RelaisMail
@_spi(UseCases) import RelaisStore

/// The case use cases. Each is one write transaction holding the case, its events and its mails.
public struct CaseService: Sendable {
    public let database: AppDatabase
    public let workflow: CaseWorkflow
    public let hasher: PasswordHasher
    public let deadlines: CaseDeadlines
    /// Where the case's files live, and how large they may be.
    public let files: FileVault
    public let documentLimits: DocumentLimits
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
        try await database.write { db in
            try AppDatabase.setAvailability(correspondentId: correspondentId, absentUntil: absentUntil, capacity: capacity, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .availabilityChanged,
                                             target: "correspondant \(correspondentId)", address: address,
                                             detail: "absent jusqu’au \(absentUntil?.iso ?? "—"), capacité \(capacity)"), in: db)
        }
    }

    /// Staff change a correspondent's card. Deactivating them routes their open cases again, each with
    /// its event and mails, in the same transaction.
    public func updateCorrespondent(id: Int64, departements: Set<String>, axes: [Axis], capacity: Int, absentUntil: Day?, active: Bool,
                             by user: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard var correspondent = try Correspondent.fetchOne(db, key: id) else { return }
            let wasActive = correspondent.active
            correspondent.capacity = capacity
            correspondent.absentUntil = absentUntil
            correspondent.active = active
            correspondent.seedHash = SeedImporter.editedInRelais
            try correspondent.update(db)
            try AppDatabase.setCorrespondentCoverage(correspondentId: id, departements: departements, axes: axes, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .correspondentChanged,
                                             target: "correspondant \(id)", address: address,
                                             detail: "départements \(departements.sorted().joined(separator: " ")), capacité \(capacity)"
                                                 + (active ? "" : ", désactivé")), in: db)
            guard wasActive, !active else { return }
            for var caseFile in try AppDatabase.activeCases(assignedTo: id, in: db) {
                try workflow.apply(CaseWorkflow.Act(action: .reassign, reason: "Correspondant désactivé par l’équipe."),
                                   to: &caseFile, actor: user, role: .staff, now: now, in: db)
            }
        }
    }
}
