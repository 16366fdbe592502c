import Foundation
import GRDB
import RelaisCore

/// A member's place (or place in the queue) at an atelier. One row per atelier and person: leaving
/// and coming back reuses it, at the end of the waiting list.
public struct AtelierRegistration: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var atelierId: Int64
    public var userId: Int64
    public var status: AtelierRegistrationStatus
    /// When the person (last) registered: the waiting list's order.
    public var createdAt: Date
    public var cancelledAt: Date?
    /// When a place freed for them on the waiting list.
    public var promotedAt: Date?
    /// Marked by staff after the atelier; nil until then.
    public var attended: Bool?
    public var remindedAt: Date?

    public init(atelierId: Int64, userId: Int64, status: AtelierRegistrationStatus, createdAt: Date) {
        self.atelierId = atelierId
        self.userId = userId
        self.status = status
        self.createdAt = createdAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let atelierId = Column(CodingKeys.atelierId)
        public static let userId = Column(CodingKeys.userId)
        public static let status = Column(CodingKeys.status)
        public static let createdAt = Column(CodingKeys.createdAt)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
