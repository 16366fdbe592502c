import Foundation
import GRDB
import RelaisCore
import RelaisFiles
@_spi(UseCases) import RelaisStore

/// A request for an expert's avis, from proposal to end. The correspondent (or staff) proposes; the
/// director decides on exactly what would be shared; the expert first declares any conflict of
/// interest on the question alone, then reads and answers in a thread of the case; the director can
/// revoke at any time. Every step is one transaction with its neutral mails; nothing reaches the
/// expert before the director accepts (`ReferralRules.stage`).
public struct ReferralService: Sendable {
    public let database: AppDatabase
    public let cases: CaseService
    public let notifier: Notifier
    public let staffEmail: String?
    public let clock: @Sendable () -> Date

    /// The request does not exist for this person, or no longer allows what they asked: a 404 or a
    /// conflict page, decided by the controller.
    public struct Refusal: Error, Equatable {
        public enum Reason: Sendable, Equatable { case notFound, notNow }
        public let reason: Reason
    }

    /// What the correspondent proposes.
    public struct Proposal: Sendable {
        public var expertId: Int64
        public var question: String
        public var summary: String
        public var documentIds: [Int64]
        public var durationDays: Int

        public init(expertId: Int64, question: String, summary: String, documentIds: [Int64], durationDays: Int) {
            self.expertId = expertId
            self.question = question
            self.summary = summary
            self.documentIds = documentIds
            self.durationDays = durationDays
        }
    }

    // MARK: The correspondent proposes

    public func propose(_ proposal: Proposal, caseId: Int64, by user: User, role: CaseActorRole) async throws -> Int64 {
        let now = clock()
        return try await database.write { db in
            guard role == .assignee || role == .staff else { throw Refusal(reason: .notFound) }
            let caseFile = try CaseService.caseFile(caseId, actor: user, role: role, seen: nil, in: db)
            guard caseFile.status.isOpen, let expert = try Expert.fetchOne(db, key: proposal.expertId), expert.active, expert.userId != nil else {
                throw Refusal(reason: .notNow)
            }
            let shareable = try Self.shareableDocumentIds(caseId: caseId, in: db)
            guard Set(proposal.documentIds).isSubset(of: shareable) else { throw Refusal(reason: .notNow) }
            var referral = Referral(caseId: caseId, expertId: expert.id!, proposedByUserId: user.id, question: proposal.question,
                                    summary: proposal.summary, durationDays: proposal.durationDays, proposedAt: now)
            try referral.insert(db)
            try Self.setDocuments(proposal.documentIds, referralId: referral.id!, in: db)
            if let reference = caseFile.reference, !caseFile.notificationEmail.isEmpty {
                try notifier.notify(.referralProposed, to: caseFile.notificationEmail, values: ["reference": reference, "toDirector": true],
                                    link: .caseFile(reference), date: now, in: db)
            }
            return referral.id!
        }
    }

    /// The files a request may share: those of the case's messages (the director sees them, so they
    /// can judge), not withdrawn. A private note's file never leaves the note.
    static func shareableDocumentIds(caseId: Int64, in db: Database) throws -> Set<Int64> {
        Set(try Int64.fetchAll(db, sql: """
            SELECT id FROM caseDocument WHERE caseId = ? AND messageId IS NOT NULL AND withdrawnAt IS NULL
            """, arguments: [caseId]))
    }

    static func setDocuments(_ ids: [Int64], referralId: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM referralDocument WHERE referralId = ?", arguments: [referralId])
        for id in Set(ids) {
            try db.execute(sql: "INSERT INTO referralDocument (referralId, documentId) VALUES (?, ?)", arguments: [referralId, id])
        }
    }

    /// The correspondent (or staff) takes a proposal back before the director decides.
    public func withdraw(referralId: Int64, caseId: Int64, by user: User, role: CaseActorRole) async throws {
        let now = clock()
        try await database.write { db in
            guard role == .assignee || role == .staff else { throw Refusal(reason: .notFound) }
            _ = try CaseService.caseFile(caseId, actor: user, role: role, seen: nil, in: db)
            guard var referral = try Referral.fetchOne(db, key: referralId), referral.caseId == caseId else { throw Refusal(reason: .notFound) }
            guard referral.status == .proposed else { throw Refusal(reason: .notNow) }
            referral.status = .withdrawn
            referral.endedAt = now
            try referral.update(db)
            try Self.setDocuments([], referralId: referralId, in: db)
        }
    }

    // MARK: The director decides

    /// What the director agreed to share, possibly less or other than proposed.
    public struct Decision: Sendable {
        public var accept: Bool
        public var summary: String
        public var documentIds: [Int64]
        public var durationDays: Int
        public var reason: String

        public init(accept: Bool, summary: String, documentIds: [Int64], durationDays: Int, reason: String) {
            self.accept = accept
            self.summary = summary
            self.documentIds = documentIds
            self.durationDays = durationDays
            self.reason = reason
        }
    }

    public func decide(_ decision: Decision, referralId: Int64, caseId: Int64, director: User) async throws {
        let now = clock()
        try await database.write { db in
            let caseFile = try CaseService.caseFile(caseId, actor: director, role: .director, seen: nil, in: db)
            guard var referral = try Referral.fetchOne(db, key: referralId), referral.caseId == caseId else { throw Refusal(reason: .notFound) }
            guard referral.status == .proposed, caseFile.status.isOpen else { throw Refusal(reason: .notNow) }
            referral.decidedAt = now
            if decision.accept {
                guard Set(decision.documentIds).isSubset(of: try Self.shareableDocumentIds(caseId: caseId, in: db)) else { throw Refusal(reason: .notNow) }
                referral.summary = decision.summary
                referral.durationDays = decision.durationDays
                referral.status = .conflictCheck
                referral.expiresAt = now.addingTimeInterval(Double(decision.durationDays) * 86_400)
                try Self.setDocuments(decision.documentIds, referralId: referralId, in: db)
            } else {
                referral.status = .refused
                referral.refusalReason = decision.reason
                try Self.setDocuments([], referralId: referralId, in: db)
            }
            try referral.update(db)
            let reference = caseFile.reference ?? ""
            try tellCorrespondent(caseFile, .referralDecided, values: ["accepted": decision.accept], now: now, in: db)
            if decision.accept, let (expert, account) = try Self.expertWithAccount(referral.expertId, in: db) {
                try notifier.notify(.referralRequest, to: account.notificationEmail, greeting: expert.name, values: [:],
                                    link: .referral(referralId), date: now, in: db)
                _ = reference
            }
        }
    }

    /// The director ends the expert's access, at any stage.
    public func revoke(referralId: Int64, caseId: Int64, director: User) async throws {
        let now = clock()
        try await database.write { db in
            let caseFile = try CaseService.caseFile(caseId, actor: director, role: .director, seen: nil, in: db)
            guard var referral = try Referral.fetchOne(db, key: referralId), referral.caseId == caseId else { throw Refusal(reason: .notFound) }
            let current = ReferralRules.effectiveStatus(referral.status, expiresAt: referral.expiresAt, caseOpen: caseFile.status.isOpen, now: now)
            guard current.isLive else { throw Refusal(reason: .notNow) }
            let expertKnew = current != .proposed
            referral.status = .revoked
            referral.endedAt = now
            try referral.update(db)
            try tellCorrespondent(caseFile, .referralEnded, values: ["revoked": true], now: now, in: db)
            if expertKnew, let (expert, account) = try Self.expertWithAccount(referral.expertId, in: db) {
                try notifier.notify(.referralEnded, to: account.notificationEmail, greeting: expert.name, values: ["toExpert": true],
                                    link: .expertDesk, date: now, in: db)
            }
        }
    }

    // MARK: The expert

    /// The expert's declaration on the question alone: a conflict sends the request back.
    public func declare(conflict: Bool, reason: String, referralId: Int64, expert user: User) async throws {
        let now = clock()
        try await database.write { db in
            let (referral, caseFile) = try Self.forExpert(referralId, user: user, now: now, in: db)
            guard var referral, ReferralRules.stage(referral.status, expiresAt: referral.expiresAt, caseOpen: caseFile.status.isOpen, now: now)
                    == .conflictCheck else { throw Refusal(reason: .notFound) }
            if conflict {
                referral.status = .conflict
                referral.conflictAt = now
                referral.conflictReason = reason
                try referral.update(db)
                try tellCorrespondent(caseFile, .referralConflict, values: [:], now: now, in: db)
            } else {
                referral.status = .open
                referral.openedAt = now
                try referral.update(db)
            }
        }
    }

    /// The request as its expert may see it now, or `Refusal.notFound`. Each reading is an audit line on
    /// the case (its access history shows it).
    public func read(referralId: Int64, expert user: User, address: String) async throws -> (Referral, ReferralRules.Stage, CaseFile) {
        let now = clock()
        let (referral, caseFile): (Referral, CaseFile) = try await database.read { db in
            let (referral, caseFile) = try Self.forExpert(referralId, user: user, now: now, in: db)
            guard let referral else { throw Refusal(reason: .notFound) }
            return (referral, caseFile)
        }
        let stage = ReferralRules.stage(referral.status, expiresAt: referral.expiresAt, caseOpen: caseFile.status.isOpen, now: now)
        guard stage != .none else { throw Refusal(reason: .notFound) }
        try await audit(user, caseFile, detail: "expert, avis \(referralId)", address: address)
        return (referral, stage, caseFile)
    }

    /// A file the expert may open: one the director agreed to share, or one of the avis thread; only
    /// once there is no conflict.
    public func documentForExpert(_ documentId: Int64, referralId: Int64, expert user: User, address: String) async throws -> (CaseDocument, reference: String) {
        let now = clock()
        let (document, caseFile): (CaseDocument, CaseFile) = try await database.read { db in
            let (referral, caseFile) = try Self.forExpert(referralId, user: user, now: now, in: db)
            guard let referral, ReferralRules.stage(referral.status, expiresAt: referral.expiresAt, caseOpen: caseFile.status.isOpen, now: now) == .full,
                  let document = try CaseDocument.fetchOne(db, sql: """
                      SELECT d.* FROM caseDocument d WHERE d.id = ? AND d.caseId = ? AND d.withdrawnAt IS NULL AND (
                        d.id IN (SELECT documentId FROM referralDocument WHERE referralId = ?)
                        OR d.referralMessageId IN (SELECT id FROM referralMessage WHERE referralId = ?))
                      """, arguments: [documentId, referral.caseId, referralId, referralId]) else { throw Refusal(reason: .notFound) }
            return (document, caseFile)
        }
        try await audit(user, caseFile, detail: "expert, pièce «\u{00A0}\(document.name)\u{00A0}»", address: address, action: .caseDocumentRead)
        return (document, caseFile.reference ?? "")
    }

    /// The referral if `user` is its expert (an expert's account may be deactivated by staff: then none).
    static func forExpert(_ referralId: Int64, user: User, now: Date, in db: Database) throws -> (Referral?, CaseFile) {
        guard user.role == .expert, let referral = try Referral.fetchOne(db, key: referralId),
              let expert = try Expert.fetchOne(db, key: referral.expertId), expert.userId == user.id, expert.active,
              let caseFile = try CaseFile.fetchOne(db, key: referral.caseId), caseFile.anonymisedAt == nil else {
            throw Refusal(reason: .notFound)
        }
        return (referral, caseFile)
    }

    func audit(_ user: User, _ caseFile: CaseFile, detail: String, address: String, action: AuditAction = .caseRead) async throws {
        let event = AuditEvent(at: clock(), actorUserId: user.id, actorEmail: user.email, action: action,
                               target: "demande \(caseFile.reference ?? "")", address: address, detail: detail)
        try await database.groupCommit.write { db in try AppDatabase.audit(event, in: db) }
    }

    // MARK: The avis thread

    /// A message of the avis thread, with files: by the expert (once there is no conflict), or by the
    /// case's correspondent or staff while the request is open. The director reads it.
    public func post(_ body: String, documents intake: DocumentIntake, referralId: Int64, author: User, role: ReferralAuthor) async throws {
        let now = clock()
        try await cases.storing(intake) { documents, db in
            guard let referral0 = try Referral.fetchOne(db, key: referralId), let caseFile = try CaseFile.fetchOne(db, key: referral0.caseId) else {
                throw Refusal(reason: .notFound)
            }
            var referral = referral0
            switch role {
            case .expert:
                let (mine, _) = try Self.forExpert(referralId, user: author, now: now, in: db)
                guard mine != nil, ReferralRules.stage(referral.status, expiresAt: referral.expiresAt, caseOpen: caseFile.status.isOpen, now: now) == .full
                else { throw Refusal(reason: .notFound) }
            case .handler(let caseRole):
                guard caseRole == .assignee || caseRole == .staff, try CaseService.role(of: author, on: caseFile, in: db) == caseRole else {
                    throw Refusal(reason: .notFound)
                }
                guard ReferralRules.effectiveStatus(referral.status, expiresAt: referral.expiresAt, caseOpen: caseFile.status.isOpen, now: now) == .open
                else { throw Refusal(reason: .notNow) }
            }
            try cases.checkRoom(for: documents, caseId: caseFile.id!, in: db)
            var message = ReferralMessage(referralId: referralId, at: now, authorUserId: author.id, authorRole: role.code, body: body)
            try message.insert(db)
            try CaseService.insert(documents, caseId: caseFile.id!, messageId: nil, noteId: nil, referralMessageId: message.id, by: author,
                                   uploaderRole: role.code, now: now, in: db)
            let reference = caseFile.reference ?? ""
            switch role {
            case .expert:
                if referral.answeredAt == nil {
                    referral.answeredAt = now
                    try referral.update(db)
                }
                try tellCorrespondent(caseFile, .referralAnswer, values: [:], now: now, in: db)
                if !caseFile.notificationEmail.isEmpty {
                    try notifier.notify(.referralAnswer, to: caseFile.notificationEmail, values: ["reference": reference, "toDirector": true],
                                        link: .caseFile(reference), date: now, in: db)
                }
            case .handler:
                if let (expert, account) = try Self.expertWithAccount(referral.expertId, in: db) {
                    try notifier.notify(.referralMessage, to: account.notificationEmail, greeting: expert.name, values: [:],
                                        link: .referral(referralId), date: now, in: db)
                }
            }
        }
    }

    /// Who writes in an avis thread.
    public enum ReferralAuthor: Sendable, Equatable {
        case expert
        case handler(CaseActorRole)

        var code: String {
            switch self {
            case .expert: "expert"
            case .handler(let role): role.rawValue
            }
        }

    }

    // MARK: Mail

    static func expertWithAccount(_ expertId: Int64, in db: Database) throws -> (Expert, User)? {
        guard let expert = try Expert.fetchOne(db, key: expertId), let userId = expert.userId, let user = try User.fetchOne(db, key: userId) else {
            return nil
        }
        return (expert, user)
    }

    func tellCorrespondent(_ caseFile: CaseFile, _ kind: MailKind, values: [String: Any], now: Date, in db: Database) throws {
        guard let reference = caseFile.reference, let id = caseFile.assigneeId,
              let (correspondent, account) = try AppDatabase.correspondentWithAccount(id: id, in: db) else {
            // No correspondent now: staff follow the case.
            if let staffEmail, let reference = caseFile.reference {
                try notifier.notify(kind, to: staffEmail, values: values.merging(["reference": reference]) { $1 }, link: .caseFile(reference), date: now, in: db)
            }
            return
        }
        try notifier.notify(kind, to: account?.notificationEmail ?? correspondent.email, greeting: correspondent.firstName,
                            values: values.merging(["reference": reference]) { $1 }, link: .caseFile(reference), date: now, in: db)
    }
}
