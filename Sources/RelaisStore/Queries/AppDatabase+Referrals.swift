import Foundation
import GRDB
import RelaisCore

extension AppDatabase {
    /// An avis request with what a page shows of it: the expert, the files shared, the thread.
    public struct ReferralDetail: Sendable, Equatable {
        public var referral: Referral
        public var expert: Expert
        /// The case files the director agreed to share (or, before they decide, that are proposed).
        public var shared: [CaseDocument]
        public var messages: [ReferralThreadMessage]
    }

    public struct ReferralThreadMessage: Sendable, Equatable {
        public var message: ReferralMessage
        public var authorName: String?
        public var documents: [CaseDocument]
    }

    /// Every avis request of a case, oldest first.
    public func caseReferrals(caseId: Int64) async throws -> [ReferralDetail] {
        try await reader.read { db in try Self.caseReferrals(caseId: caseId, in: db) }
    }

    static func caseReferrals(caseId: Int64, in db: Database) throws -> [ReferralDetail] {
        try Referral.fetchAll(db.cachedStatement(sql: "SELECT * FROM referral WHERE caseId = ? ORDER BY proposedAt, id"), arguments: [caseId]).compactMap {
            try Self.referralDetail($0, in: db)
        }
    }

    public func referralDetail(id: Int64) async throws -> ReferralDetail? {
        try await reader.read { db in try Referral.fetchOne(db, key: id).flatMap { try Self.referralDetail($0, in: db) } }
    }

    static func referralDetail(_ referral: Referral, in db: Database) throws -> ReferralDetail? {
        guard let expert = try Expert.fetchOne(db.cachedStatement(sql: "SELECT * FROM expert WHERE id = ?"), arguments: [referral.expertId]),
              let id = referral.id else { return nil }
        let shared = try CaseDocument.fetchAll(db.cachedStatement(sql: """
            SELECT d.* FROM caseDocument d JOIN referralDocument r ON r.documentId = d.id WHERE r.referralId = ? ORDER BY d.id
            """), arguments: [id])
        let messages = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT m.*, \(Self.personName("u")) AS authorName FROM referralMessage m LEFT JOIN user u ON u.id = m.authorUserId
            WHERE m.referralId = ? ORDER BY m.at, m.id
            """), arguments: [id]).map { row in
            let message = try ReferralMessage(row: row)
            let documents = try CaseDocument.fetchAll(db.cachedStatement(sql: "SELECT * FROM caseDocument WHERE referralMessageId = ? ORDER BY id"),
                                                      arguments: [message.id])
            return ReferralThreadMessage(message: message, authorName: row["authorName"], documents: documents)
        }
        return ReferralDetail(referral: referral, expert: expert, shared: shared, messages: messages)
    }

    /// The requests addressed to the expert of account `userId`, newest first, with the case's
    /// reference only for matching (the expert's pages never show it).
    public func expertReferrals(userId: Int64) async throws -> [(referral: Referral, caseOpen: Bool)] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.*, c.status AS caseStatus FROM referral r JOIN expert e ON e.id = r.expertId JOIN caseFile c ON c.id = r.caseId
                WHERE e.userId = ? AND e.active AND c.anonymisedAt IS NULL AND r.status NOT IN ('proposee', 'refusee', 'retiree')
                ORDER BY r.proposedAt DESC, r.id DESC LIMIT 200
                """, arguments: [userId]).map { row in
                (referral: try Referral(row: row), caseOpen: (row["caseStatus"] as String?) != CaseStatus.close.rawValue)
            }
        }
    }

    /// What `authorUserId` wrote in avis threads, oldest first (their data export).
    public func referralMessages(authorUserId: Int64) async throws -> [ReferralMessage] {
        try await reader.read { db in
            try ReferralMessage.filter(Column("authorUserId") == authorUserId).order(Column("at"), Column("id")).fetchAll(db)
        }
    }

    /// The experts, active first, by name; `active` only those who may be asked.
    public func experts(activeOnly: Bool = false) async throws -> [(expert: Expert, email: String?)] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT e.*, u.email AS email FROM expert e LEFT JOIN user u ON u.id = e.userId
                \(activeOnly ? "WHERE e.active AND e.userId IS NOT NULL" : "") ORDER BY e.active DESC, e.name
                """).map { (expert: try Expert(row: $0), email: $0["email"]) }
        }
    }

    /// The expert record of account `userId`.
    public func expert(userId: Int64) async throws -> Expert? {
        try await reader.read { db in try Expert.filter(Expert.Columns.userId == userId).fetchOne(db) }
    }

    /// The dashboard's figures on avis requests, by field.
    public struct ReferralFigures: Sendable, Equatable {
        public var field: ExpertField
        public var asked = 0
        public var given = 0
        public var refusedByDirectors = 0
        public var conflicts = 0
        /// Median days from the expert's access to their first answer, nil without any answer.
        public var medianDaysToAvis: Double?
    }

    public func referralFigures() async throws -> [ReferralFigures] {
        try await reader.read(Self.referralFigures)
    }

    static func referralFigures(in db: Database) throws -> [ReferralFigures] {
        var figures = Dictionary(uniqueKeysWithValues: ExpertField.allCases.map { ($0, ReferralFigures(field: $0)) })
        var delays: [ExpertField: [Double]] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT e.field AS field, r.status AS status, r.openedAt AS openedAt, r.answeredAt AS answeredAt, r.conflictAt AS conflictAt
            FROM referral r JOIN expert e ON e.id = r.expertId
            """)) {
            guard let field = ExpertField(rawValue: row["field"]) else { continue }
            figures[field]!.asked += 1
            let status: String = row["status"]
            if status == ReferralStatus.refused.rawValue { figures[field]!.refusedByDirectors += 1 }
            if (row["conflictAt"] as Date?) != nil { figures[field]!.conflicts += 1 }
            if let opened: Date = row["openedAt"], let answered: Date = row["answeredAt"] {
                figures[field]!.given += 1
                delays[field, default: []].append(answered.timeIntervalSince(opened) / 86_400)
            }
        }
        for (field, values) in delays where !values.isEmpty {
            let sorted = values.sorted()
            figures[field]!.medianDaysToAvis = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
        return ExpertField.allCases.compactMap { figures[$0] }
    }
}
