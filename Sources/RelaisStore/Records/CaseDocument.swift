import Foundation
import GRDB
import RelaisCore

/// A file of a case (« une pièce »), attached to a message or to a private note.
public struct CaseDocument: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var caseId: Int64
    /// The message it came with; nil for a note's file.
    public var messageId: Int64?
    /// The private note it came with; nil for a message's file.
    public var noteId: Int64?
    /// The message of an avis thread it came with (`Referral`).
    public var referralMessageId: Int64?
    public var uploaderUserId: Int64?
    /// `director`, `assignee` or `staff`.
    public var uploaderRole: String
    /// As the person named it, cleaned (`DocumentName`): shown, never used on disk.
    public var name: String
    public var kind: DocumentKind
    /// Plaintext bytes.
    public var size: Int
    public var storageName: String
    public var wrappedKey: Data
    public var createdAt: Date
    public var withdrawnAt: Date?
    public var withdrawnByUserId: Int64?

    public static let databaseTableName = "caseDocument"

    public init(caseId: Int64, messageId: Int64?, noteId: Int64?, uploaderUserId: Int64?, uploaderRole: String, name: String,
                kind: DocumentKind, size: Int, storageName: String, wrappedKey: Data, createdAt: Date) {
        self.caseId = caseId
        self.messageId = messageId
        self.noteId = noteId
        self.uploaderUserId = uploaderUserId
        self.uploaderRole = uploaderRole
        self.name = name
        self.kind = kind
        self.size = size
        self.storageName = storageName
        self.wrappedKey = wrappedKey
        self.createdAt = createdAt
    }

    public enum Columns {
        public static let caseId = Column(CodingKeys.caseId)
        public static let storageName = Column(CodingKeys.storageName)
        public static let withdrawnAt = Column(CodingKeys.withdrawnAt)
    }

    public var isWithdrawn: Bool { withdrawnAt != nil }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension DocumentKind: DatabaseValueConvertible {}
