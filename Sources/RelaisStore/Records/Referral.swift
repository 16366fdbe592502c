import Foundation
import GRDB
import RelaisCore

/// An expert staff vetted, who may be asked for an avis.
public struct Expert: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    /// Their account (role `expert`); nil once the account is deleted.
    public var userId: Int64?
    public var name: String
    public var field: ExpertField
    /// Where they come from, as people read it: « Cabinet Martin, avocats », « CDG 77 ».
    public var organisation: String
    public var partnerId: Int64?
    public var networkId: Int64?
    /// Région codes, space-separated; empty: national.
    public var regions: String
    public var active: Bool
    public var createdAt: Date

    public static let databaseTableName = "expert"

    public init(userId: Int64?, name: String, field: ExpertField, organisation: String, regions: [String], active: Bool = true, createdAt: Date) {
        self.userId = userId
        self.name = name
        self.field = field
        self.organisation = organisation
        self.regions = regions.sorted().joined(separator: " ")
        self.active = active
        self.createdAt = createdAt
    }

    public var regionCodes: [String] { regions.split(separator: " ").map(String.init) }

    public enum Columns {
        public static let userId = Column(CodingKeys.userId)
        public static let active = Column(CodingKeys.active)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A request for an expert's avis on a case (« une demande d’avis »).
public struct Referral: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var caseId: Int64
    public var expertId: Int64
    public var proposedByUserId: Int64?
    public var question: String
    /// Written for the expert; never the director's narrative unless someone copies it here.
    public var summary: String
    public var durationDays: Int
    public var status: ReferralStatus
    public var proposedAt: Date
    public var decidedAt: Date?
    public var refusalReason: String
    public var expiresAt: Date?
    public var conflictAt: Date?
    public var conflictReason: String
    public var openedAt: Date?
    public var answeredAt: Date?
    public var endedAt: Date?
    public var remindedAt: Date?
    public var staffAlertedAt: Date?

    public static let databaseTableName = "referral"

    public init(caseId: Int64, expertId: Int64, proposedByUserId: Int64?, question: String, summary: String, durationDays: Int, proposedAt: Date) {
        self.caseId = caseId
        self.expertId = expertId
        self.proposedByUserId = proposedByUserId
        self.question = question
        self.summary = summary
        self.durationDays = durationDays
        self.status = .proposed
        self.proposedAt = proposedAt
        self.refusalReason = ""
        self.conflictReason = ""
    }

    public enum Columns {
        public static let caseId = Column(CodingKeys.caseId)
        public static let expertId = Column(CodingKeys.expertId)
        public static let status = Column(CodingKeys.status)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A message of an avis thread.
public struct ReferralMessage: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var referralId: Int64
    public var at: Date
    public var authorUserId: Int64?
    /// `expert`, `assignee` or `staff`.
    public var authorRole: String
    public var body: String

    public static let databaseTableName = "referralMessage"

    public init(referralId: Int64, at: Date, authorUserId: Int64?, authorRole: String, body: String) {
        self.referralId = referralId
        self.at = at
        self.authorUserId = authorUserId
        self.authorRole = authorRole
        self.body = body
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension ExpertField: DatabaseValueConvertible {}
extension ReferralStatus: DatabaseValueConvertible {}
