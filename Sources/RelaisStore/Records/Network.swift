import Foundation
import GRDB
import RelaisCore

/// A correspondent: a peer who takes cases in the départements they cover.
public struct Correspondent: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var key: String
    public var firstName: String
    public var lastName: String
    public var email: String
    public var position: String
    public var mainDepartementCode: String
    public var capacity: Int
    public var absentUntil: Day?
    public var presentation: String
    public var active: Bool
    public var seedHash: String?

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let key = Column(CodingKeys.key)
        public static let active = Column(CodingKeys.active)
        public static let absentUntil = Column(CodingKeys.absentUntil)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A partner: a firm, a person or an institution offering something to members.
public struct Partner: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var key: String
    public var name: String
    public var kind: PartnerKind
    public var national: Bool
    public var contactName: String
    public var email: String
    public var phone: String
    public var website: String
    public var offer: String
    public var description: String
    public var archived: Bool
    public var seedHash: String?

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let kind = Column(CodingKeys.kind)
        public static let archived = Column(CodingKeys.archived)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A real institution or association the association works with.
public struct Network: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var slug: String
    public var name: String
    public var acronym: String
    public var kind: NetworkKind
    public var website: String
    public var description: String
    public var role: String
    public var archived: Bool
    public var seedHash: String?

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let name = Column(CodingKeys.name)
        public static let archived = Column(CodingKeys.archived)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A workshop or meeting, in person or online.
public struct Atelier: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var key: String
    public var title: String
    public var axis: Axis
    /// Paris local time as `YYYY-MM-DDTHH:MM`, which sorts as text.
    public var startsAt: String
    public var endsAt: String
    public var place: String
    public var online: Bool
    public var regionCode: String?
    public var networkId: Int64?
    public var description: String
    public var archived: Bool
    public var seedHash: String?
    /// Places; nil: no limit.
    public var capacity: Int? = nil
    /// The visio link or the exact address: for the people registered only.
    public var accessDetails: String = ""
    /// Registrations closed by staff.
    public var closedAt: Date? = nil
    /// Cancelled by staff.
    public var cancelledAt: Date? = nil

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let axis = Column(CodingKeys.axis)
        public static let startsAt = Column(CodingKeys.startsAt)
        public static let archived = Column(CodingKeys.archived)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension Partner {
    /// A partner created by staff (seeded ones come from the importer).
    public init(key: String, name: String, kind: PartnerKind, national: Bool, contactName: String, email: String, phone: String,
                website: String, offer: String, description: String, archived: Bool, seedHash: String? = nil) {
        self.key = key
        self.name = name
        self.kind = kind
        self.national = national
        self.contactName = contactName
        self.email = email
        self.phone = phone
        self.website = website
        self.offer = offer
        self.description = description
        self.archived = archived
        self.seedHash = seedHash
    }
}

extension Atelier {
    /// An atelier created by staff (seeded ones come from the importer).
    public init(key: String, title: String, axis: Axis, startsAt: String, endsAt: String, place: String, online: Bool,
                regionCode: String? = nil, networkId: Int64? = nil, description: String, archived: Bool, seedHash: String? = nil) {
        self.key = key
        self.title = title
        self.axis = axis
        self.startsAt = startsAt
        self.endsAt = endsAt
        self.place = place
        self.online = online
        self.regionCode = regionCode
        self.networkId = networkId
        self.description = description
        self.archived = archived
        self.seedHash = seedHash
    }
}

extension Network {
    /// A network created by staff (seeded ones come from the importer).
    public init(slug: String, name: String, acronym: String, kind: NetworkKind, website: String, description: String, role: String,
                archived: Bool, seedHash: String? = nil) {
        self.init(id: nil, slug: slug, name: name, acronym: acronym, kind: kind, website: website, description: description, role: role,
                  archived: archived, seedHash: seedHash)
    }
}
