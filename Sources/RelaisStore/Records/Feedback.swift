import Foundation
import GRDB
import RelaisCore

/// The three questions asked once when a case closes, and the director's answers (nil until then).
public struct CaseFeedback: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var caseId: Int64
    public var requestedAt: Date
    public var answeredAt: Date?
    public var timely: FeedbackAnswer?
    public var useful: FeedbackAnswer?
    public var recommend: FeedbackAnswer?
    public var comment: String
    public var shareComment: Bool

    public init(caseId: Int64, requestedAt: Date) {
        self.caseId = caseId
        self.requestedAt = requestedAt
        comment = ""
        shareComment = false
    }

    public var isAnswered: Bool { answeredAt != nil }

    /// The answers, once given.
    public var answers: ClosingAnswers? {
        guard answeredAt != nil, let timely, let useful, let recommend else { return nil }
        return ClosingAnswers(timely: timely, useful: useful, recommend: recommend, comment: comment, shareComment: shareComment)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A reader's « Cette fiche vous a-t-elle aidé ? »: who answered is never stored.
public struct SheetVote: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var factSheetId: Int64
    public var at: Date
    public var helpful: Bool
    public var comment: String

    public init(factSheetId: Int64, at: Date, helpful: Bool, comment: String) {
        self.factSheetId = factSheetId
        self.at = at
        self.helpful = helpful
        self.comment = comment
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A reader's « Signaler une erreur ou un changement de la loi », in the staff's queue.
public struct SheetReport: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var factSheetId: Int64
    public var at: Date
    public var body: String
    public var contactEmail: String
    public var status: SheetReportStatus
    public var draftVersion: Int?
    public var handledAt: Date?
    public var handledBy: String?

    public init(factSheetId: Int64, at: Date, body: String, contactEmail: String) {
        self.factSheetId = factSheetId
        self.at = at
        self.body = body
        self.contactEmail = contactEmail
        status = .received
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}
