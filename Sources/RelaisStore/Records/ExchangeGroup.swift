import Foundation
import GRDB
import RelaisCore

/// An exchange group (« équipe d’échanges »): a theme, who it is for, a région or national, a size
/// limit, and how it takes members. Its inside is for its members only.
public struct ExchangeGroup: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "exchangeGroup"

    public var id: Int64?
    public var title: String
    public var audience: String
    public var description: String
    /// Nil: national.
    public var regionCode: String?
    public var capacity: Int
    public var admission: GroupAdmission
    public var status: GroupStatus
    public var proposedByUserId: Int64?
    public var createdAt: Date
    public var decidedAt: Date?
    public var decidedByUserId: Int64?

    public init(title: String, audience: String, description: String, regionCode: String?, capacity: Int,
                admission: GroupAdmission, status: GroupStatus, createdAt: Date) {
        self.title = title
        self.audience = audience
        self.description = description
        self.regionCode = regionCode
        self.capacity = capacity
        self.admission = admission
        self.status = status
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A person's place in a group: asked, invited, member (référent or not), or declined.
public struct GroupMember: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "groupMember"

    public var id: Int64?
    public var groupId: Int64
    public var userId: Int64
    public var status: GroupMemberStatus
    public var referent: Bool
    public var createdAt: Date
    public var joinedAt: Date?

    public init(groupId: Int64, userId: Int64, status: GroupMemberStatus, referent: Bool = false, createdAt: Date) {
        self.groupId = groupId
        self.userId = userId
        self.status = status
        self.referent = referent
        self.createdAt = createdAt
        self.joinedAt = status == .member ? createdAt : nil
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A meeting of a group. Times are Paris wall-clock text, like an atelier's.
public struct GroupMeeting: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "groupMeeting"

    public var id: Int64?
    public var groupId: Int64
    public var startsAt: String
    public var endsAt: String
    public var online: Bool
    /// The address or the visio link.
    public var place: String
    public var agenda: String
    public var createdByUserId: Int64?
    public var createdAt: Date
    public var cancelledAt: Date?

    public init(groupId: Int64, startsAt: String, endsAt: String, online: Bool, place: String, agenda: String, createdByUserId: Int64?, createdAt: Date) {
        self.groupId = groupId
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.online = online
        self.place = place
        self.agenda = agenda
        self.createdByUserId = createdByUserId
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One saved state of a meeting's notes.
public struct MeetingNotesVersion: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "meetingNotesVersion"

    public var id: Int64?
    public var meetingId: Int64
    public var version: Int
    public var bodyMarkdown: String
    public var authorUserId: Int64?
    public var createdAt: Date

    public init(meetingId: Int64, version: Int, bodyMarkdown: String, authorUserId: Int64?, createdAt: Date) {
        self.meetingId = meetingId
        self.version = version
        self.bodyMarkdown = bodyMarkdown
        self.authorUserId = authorUserId
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// « Ce qui va être fait »: a task decided at a meeting, with its owner and due day.
public struct ActionItem: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "actionItem"

    public var id: Int64?
    public var meetingId: Int64
    public var title: String
    public var ownerUserId: Int64
    public var dueDay: String
    public var doneAt: Date?
    public var createdByUserId: Int64?
    public var createdAt: Date

    public init(meetingId: Int64, title: String, ownerUserId: Int64, dueDay: String, createdByUserId: Int64?, createdAt: Date) {
        self.meetingId = meetingId
        self.title = title
        self.ownerUserId = ownerUserId
        self.dueDay = dueDay
        self.createdByUserId = createdByUserId
        self.createdAt = createdAt
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
