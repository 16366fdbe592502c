import Foundation
import GRDB
import RelaisCore

/// A member who volunteers as a pair (« pair aidant »): what they lived, where, and a few lines.
public struct PeerVolunteer: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public var userId: Int64
    /// `PeerExperience` raw values, separated by commas (`PeerExperience.list`).
    public var experiences: String
    public var collectiviteKind: PeerCollectiviteKind
    public var collectiviteSize: PeerCollectiviteSize
    public var regionCode: String?
    public var availability: String
    public var presentation: String
    public var pausedAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(userId: Int64, experiences: [PeerExperience], collectiviteKind: PeerCollectiviteKind, collectiviteSize: PeerCollectiviteSize,
                regionCode: String?, availability: String, presentation: String, now: Date) {
        self.userId = userId
        self.experiences = PeerExperience.stored(experiences)
        self.collectiviteKind = collectiviteKind
        self.collectiviteSize = collectiviteSize
        self.regionCode = regionCode
        self.availability = availability
        self.presentation = presentation
        self.createdAt = now
        self.updatedAt = now
    }

    public var experienceList: [PeerExperience] { PeerExperience.list(experiences) }
}

/// A director's request to one pair and, once accepted, their exchange.
public struct PeerRequest: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var directorUserId: Int64
    public var pairUserId: Int64
    public var experience: PeerExperience
    public var sameDepartementAllowed: Bool
    public var message: String
    public var status: PeerRequestStatus
    public var declineReason: String
    public var createdAt: Date
    public var answeredAt: Date?
    public var endsOn: Day?
    public var renewals: Int
    public var endedAt: Date?
    public var endedByUserId: Int64?

    public init(directorUserId: Int64, pairUserId: Int64, experience: PeerExperience, sameDepartementAllowed: Bool, message: String, now: Date) {
        self.directorUserId = directorUserId
        self.pairUserId = pairUserId
        self.experience = experience
        self.sameDepartementAllowed = sameDepartementAllowed
        self.message = message
        self.status = .pending
        self.declineReason = ""
        self.createdAt = now
        self.renewals = 0
    }

    public func stage(today: Day) -> PeerRules.Stage {
        PeerRules.stage(status, endsOn: endsOn, today: today)
    }

    /// Whether `userId` is one of the two people of this exchange.
    public func involves(_ userId: Int64?) -> Bool {
        userId != nil && (userId == directorUserId || userId == pairUserId)
    }

    public enum Columns {
        public static let directorUserId = Column(CodingKeys.directorUserId)
        public static let pairUserId = Column(CodingKeys.pairUserId)
        public static let status = Column(CodingKeys.status)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A message of an exchange between a director and their pair.
public struct PeerMessage: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var requestId: Int64
    public var authorUserId: Int64?
    public var at: Date
    public var body: String

    public init(requestId: Int64, authorUserId: Int64?, at: Date, body: String) {
        self.requestId = requestId
        self.authorUserId = authorUserId
        self.at = at
        self.body = body
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension PeerExperience: DatabaseValueConvertible {}
extension PeerCollectiviteKind: DatabaseValueConvertible {}
extension PeerCollectiviteSize: DatabaseValueConvertible {}
extension PeerRequestStatus: DatabaseValueConvertible {}
