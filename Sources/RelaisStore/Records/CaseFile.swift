import Foundation
import GRDB
import RelaisCore

/// A director's request for help (« une demande »).
public struct CaseFile: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var year: Int?
    public var sequence: Int?
    /// `R-2026-00042`, set when the case is opened.
    public var reference: String?
    public var directorId: Int64?
    public var situationSlug: String
    public var departementCode: String
    public var employerCode: String?
    public var employerName: String
    public var narrative: String
    public var urgency: String
    public var notificationEmail: String
    public var phone: String
    public var callTimes: String
    public var outsideDepartement: Bool
    public var status: CaseStatus
    public var outcome: CaseOutcome?
    public var assigneeId: Int64?
    public var submissionToken: String
    public var createdAt: Date
    public var openedAt: Date?
    public var assignedAt: Date?
    public var acceptedAt: Date?
    public var waitingSince: Date?
    public var reminderSentAt: Date?
    public var escalatedAt: Date?
    public var closedAt: Date?
    public var lastActivityAt: Date
    public var anonymisedAt: Date?

    public static let databaseTableName = "caseFile"

    /// A case as typed, not opened yet: no reference until `CaseWorkflow.open`.
    public init(directorId: Int64?, situationSlug: String, departementCode: String, employerCode: String?, employerName: String,
                narrative: String, urgency: String, notificationEmail: String, phone: String, callTimes: String,
                outsideDepartement: Bool, status: CaseStatus, submissionToken: String, createdAt: Date, lastActivityAt: Date) {
        self.directorId = directorId
        self.situationSlug = situationSlug
        self.departementCode = departementCode
        self.employerCode = employerCode
        self.employerName = employerName
        self.narrative = narrative
        self.urgency = urgency
        self.notificationEmail = notificationEmail
        self.phone = phone
        self.callTimes = callTimes
        self.outsideDepartement = outsideDepartement
        self.status = status
        self.submissionToken = submissionToken
        self.createdAt = createdAt
        self.lastActivityAt = lastActivityAt
    }

    public enum Columns {
        public static let id = Column(CodingKeys.id)
        public static let reference = Column(CodingKeys.reference)
        public static let directorId = Column(CodingKeys.directorId)
        public static let status = Column(CodingKeys.status)
        public static let assigneeId = Column(CodingKeys.assigneeId)
        public static let submissionToken = Column(CodingKeys.submissionToken)
        public static let openedAt = Column(CodingKeys.openedAt)
        public static let closedAt = Column(CodingKeys.closedAt)
        public static let lastActivityAt = Column(CodingKeys.lastActivityAt)
        public static let anonymisedAt = Column(CodingKeys.anonymisedAt)
    }

    /// The parsed reference; nil while the case waits for its director's address.
    public var caseReference: CaseReference? { reference.flatMap { CaseReference($0) } }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A line of a case's timeline.
public struct CaseEvent: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var caseId: Int64
    public var at: Date
    /// A `CaseAction.code`, or `ouverture`, `file_equipe`, `retard`, `relance`, `message`.
    public var kind: CaseEventKind
    public var actorUserId: Int64?
    public var actorRole: String
    public var fromStatus: CaseStatus?
    public var toStatus: CaseStatus?
    /// The correspondent concerned: given the case, declining it, taken off it.
    public var correspondentId: Int64?
    public var reason: String

    public init(caseId: Int64, at: Date, kind: CaseEventKind, actorUserId: Int64?, actorRole: CaseActorRole,
                from: CaseStatus? = nil, to: CaseStatus? = nil, correspondentId: Int64? = nil, reason: String = "") {
        self.caseId = caseId
        self.at = at
        self.kind = kind
        self.actorUserId = actorUserId
        self.actorRole = actorRole.rawValue
        self.fromStatus = from
        self.toStatus = to
        self.correspondentId = correspondentId
        self.reason = reason
    }

    public enum Columns {
        public static let caseId = Column(CodingKeys.caseId)
        public static let kind = Column(CodingKeys.kind)
        public static let at = Column(CodingKeys.at)
        public static let correspondentId = Column(CodingKeys.correspondentId)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A message between the director and the correspondent.
public struct CaseMessage: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var caseId: Int64
    public var at: Date
    public var authorUserId: Int64?
    /// `director`, `assignee` or `staff`.
    public var authorRole: String
    public var body: String

    public init(caseId: Int64, at: Date, authorUserId: Int64?, authorRole: String, body: String) {
        self.caseId = caseId
        self.at = at
        self.authorUserId = authorUserId
        self.authorRole = authorRole
        self.body = body
    }

    public enum Columns {
        public static let caseId = Column(CodingKeys.caseId)
        public static let at = Column(CodingKeys.at)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

/// A private note on a case, for correspondents and staff only.
public struct CaseNote: Codable, Sendable, Hashable, FetchableRecord, MutablePersistableRecord {
    public var id: Int64?
    public var caseId: Int64
    public var at: Date
    public var authorUserId: Int64?
    public var authorName: String
    public var body: String

    public init(caseId: Int64, at: Date, authorUserId: Int64?, authorName: String, body: String) {
        self.caseId = caseId
        self.at = at
        self.authorUserId = authorUserId
        self.authorName = authorName
        self.body = body
    }

    public enum Columns {
        public static let caseId = Column(CodingKeys.caseId)
        public static let at = Column(CodingKeys.at)
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) {
        id = inserted.rowID
    }
}

// MARK: Decoding by position
//
// A case page reads its whole timeline and thread on every view. GRDB's `Decodable` path looks each
// column up by name (case-insensitively), which cost a fifth of the page; these read the columns of
// `selection(_:)` by position instead. Keep `selection` and `init(positional:)` in the same order.

extension CaseEvent {
    /// The columns `init(positional:)` reads, in its order, from the table aliased `alias`.
    static func selection(_ alias: String) -> String {
        ["id", "caseId", "at", "kind", "actorUserId", "actorRole", "fromStatus", "toStatus", "correspondentId", "reason"]
            .map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    static let selectionCount = 10

    /// A row whose first columns are `selection(_:)`. An unknown kind or status (a newer binary's)
    /// fails the read as the `Decodable` path did.
    init(positional row: Row) throws {
        guard let kind = CaseEventKind(rawValue: row[3]) else { throw DatabaseDecodingFailure(column: "kind", value: row[3] as String) }
        func status(_ index: Int) throws -> CaseStatus? {
            guard let raw: String = row[index] else { return nil }
            guard let status = CaseStatus(rawValue: raw) else { throw DatabaseDecodingFailure(column: "status", value: raw) }
            return status
        }
        self.init(caseId: row[1], at: row[2], kind: kind, actorUserId: row[4], actorRole: .system,
                  from: try status(6), to: try status(7), correspondentId: row[8], reason: row[9])
        id = row[0]
        actorRole = row[5]
    }
}

extension CaseMessage {
    static func selection(_ alias: String) -> String {
        ["id", "caseId", "at", "authorUserId", "authorRole", "body"].map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    static let selectionCount = 6

    /// A row whose first columns are `selection(_:)`.
    init(positional row: Row) {
        self.init(caseId: row[1], at: row[2], authorUserId: row[3], authorRole: row[4], body: row[5])
        id = row[0]
    }
}

/// A stored value this binary does not know.
struct DatabaseDecodingFailure: Error, CustomStringConvertible {
    let column: String
    let value: String

    var description: String { "unknown \(column) « \(value) » in the database" }
}
