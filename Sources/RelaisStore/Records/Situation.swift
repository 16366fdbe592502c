import GRDB
import RelaisCore

/// An entry of the parcours: what a director is living through.
public struct Situation: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var slug: String
    public var title: String
    public var summary: String
    public var urgency: SituationUrgency
    /// The statutory calendar of an end of functions applies.
    public var endOfFunctions: Bool
    public var position: Int
    public var seedHash: String?

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let slug = Column(CodingKeys.slug)
        public static let position = Column(CodingKeys.position)
    }

    public static let steps = hasMany(SituationStep.self)

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// One step of a situation's parcours, on one axis.
public struct SituationStep: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var situationId: Int64
    public var axis: Axis
    public var position: Int
    public var title: String
    public var body: String

    public enum Columns {
        public static let situationId = Column(CodingKeys.situationId)
        public static let axis = Column(CodingKeys.axis)
        public static let position = Column(CodingKeys.position)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension SituationStep {
    /// A step written by the parcours editor.
    public init(situationId: Int64, axis: Axis, position: Int, title: String, body: String) {
        self.init(id: nil, situationId: situationId, axis: axis, position: position, title: title, body: body)
    }
}
