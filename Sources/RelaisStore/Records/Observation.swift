import Foundation
import GRDB
import RelaisCore

/// A « remontée »: what a member sees blocking people, sent to staff, with staff's answer and links.
public struct Observation: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var authorUserId: Int64
    public var theme: ObservationTheme
    public var kind: ObservationKind
    public var title: String
    public var body: String
    public var status: ObservationStatus
    public var createdAt: Date
    public var answer: String
    public var answeredAt: Date?
    public var answeredByUserId: Int64?
    public var sheetSlug: String?
    public var situationSlug: String?
    /// An exchange group whose work it concerns.
    public var groupId: Int64?

    public init(authorUserId: Int64, theme: ObservationTheme, kind: ObservationKind, title: String, body: String, now: Date) {
        self.authorUserId = authorUserId
        self.theme = theme
        self.kind = kind
        self.title = title
        self.body = body
        self.status = .new
        self.createdAt = now
        self.answer = ""
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

extension ObservationTheme: DatabaseValueConvertible {}
extension ObservationKind: DatabaseValueConvertible {}
extension ObservationStatus: DatabaseValueConvertible {}
