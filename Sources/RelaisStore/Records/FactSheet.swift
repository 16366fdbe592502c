import Foundation
import GRDB
import RelaisCore

/// A fact sheet of the vademecum, in its current state.
public struct FactSheet: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var slug: String
    public var title: String
    public var summary: String
    public var axis: Axis
    /// The theme under which the vademecum lists the sheet inside its axis ("Fin de fonctions").
    public var theme: String
    /// Tags and legal references are stored one per line.
    public var tags: String
    public var legalReferences: String
    public var bodyMarkdown: String
    public var status: FactSheetStatus
    /// A point of the sheet is marked « à vérifier ».
    public var needsCheck: Bool
    public var lastReviewed: Day?
    public var nextReview: Day?
    public var currentVersion: Int
    public var updatedAt: Date
    public var seedHash: String?

    public var tagList: [String] { tags.split(separator: "\n").map(String.init) }
    public var legalReferenceList: [String] { legalReferences.split(separator: "\n").map(String.init) }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let slug = Column(CodingKeys.slug)
        public static let title = Column(CodingKeys.title)
        public static let axis = Column(CodingKeys.axis)
        public static let status = Column(CodingKeys.status)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// An immutable saved state of a fact sheet.
public struct FactSheetVersion: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var factSheetId: Int64
    public var version: Int
    public var title: String
    public var summary: String
    public var axis: Axis
    public var theme: String
    public var tags: String
    public var legalReferences: String
    public var bodyMarkdown: String
    public var status: FactSheetStatus
    public var author: String
    public var createdAt: Date

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension DerivableRequest<FactSheet> {
    /// Sheets readers may see.
    public func published() -> Self {
        filter(FactSheet.Columns.status == FactSheetStatus.publiee.rawValue)
    }

    public func on(_ axis: Axis) -> Self {
        filter(FactSheet.Columns.axis == axis.rawValue)
    }

    public func orderedByTitle() -> Self {
        order(FactSheet.Columns.title.collating(.localizedCaseInsensitiveCompare))
    }
}

/// A sheet as a link or a list shows it: what `FactSheet` has but its body, references and history.
/// Lists and steps read these columns only, never the bodies.
public struct FactSheetHeading: Decodable, Sendable, Hashable, FetchableRecord {
    public var id: Int64
    public var slug: String
    public var title: String
    public var summary: String
    public var axis: Axis
    public var theme: String
    public var needsCheck: Bool

    /// The columns, for `SELECT` statements over `factSheet` aliased `f`.
    static let columns = "f.id, f.slug, f.title, f.summary, f.axis, f.theme, f.needsCheck"
    static var selection: [any SQLSelectable] {
        [Column("id"), Column("slug"), Column("title"), Column("summary"), Column("axis"), Column("theme"), Column("needsCheck")]
    }
}
