import Foundation
import GRDB
import RelaisCore

/// A « fiche initiative »: an initiative or a practice written up by a member of an exchange group.
public struct GroupInitiative: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var groupId: Int64
    public var authorUserId: Int64?
    public var title: String
    public var what: String
    public var place: String
    public var contact: String
    public var outcome: String
    public var status: InitiativeStatus
    public var createdAt: Date
    public var updatedAt: Date
    public var proposedAt: Date?
    public var decidedAt: Date?
    public var decidedByUserId: Int64?
    public var sheetSlug: String?

    public init(groupId: Int64, authorUserId: Int64?, fields: InitiativeRules.Fields, now: Date) {
        self.groupId = groupId
        self.authorUserId = authorUserId
        self.title = fields.title
        self.what = fields.what
        self.place = fields.place
        self.contact = fields.contact
        self.outcome = fields.outcome
        self.status = .inGroup
        self.createdAt = now
        self.updatedAt = now
    }

    public var fields: InitiativeRules.Fields {
        get { InitiativeRules.Fields(title: title, what: what, place: place, contact: contact, outcome: outcome) }
        set {
            title = newValue.title
            what = newValue.what
            place = newValue.place
            contact = newValue.contact
            outcome = newValue.outcome
        }
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension InitiativeStatus: DatabaseValueConvertible {}
