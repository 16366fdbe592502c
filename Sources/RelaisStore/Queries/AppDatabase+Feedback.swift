import Foundation
import GRDB
import RelaisCore

/// Closing feedback (the three questions asked once a case closes) and readers' feedback on sheets:
/// reads and the static writes the use cases compose (`FeedbackService`).
extension AppDatabase {
    // MARK: Closing feedback

    /// Asks the director of `caseId` the three questions, unless they were already asked (a case
    /// closed, reopened and closed again is asked once). True when this made the request.
    public static func requestClosingFeedback(caseId: Int64, now: Date, in db: Database) throws -> Bool {
        try db.execute(sql: """
            INSERT INTO caseFeedback (caseId, requestedAt, comment, shareComment) VALUES (?, ?, '', 0)
            ON CONFLICT(caseId) DO NOTHING
            """, arguments: [caseId, now])
        return db.changesCount == 1
    }

    public static func closingFeedback(caseId: Int64, in db: Database) throws -> CaseFeedback? {
        try CaseFeedback.fetchOne(db.cachedStatement(sql: "SELECT * FROM caseFeedback WHERE caseId = ?"), arguments: [caseId])
    }

    public func closingFeedback(caseId: Int64) async throws -> CaseFeedback? {
        try await reader.read { db in try Self.closingFeedback(caseId: caseId, in: db) }
    }

    /// The references of the director's closed cases whose three questions wait for an answer.
    static func pendingClosingFeedback(directorId: Int64, in db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: """
            SELECT f.reference FROM caseFeedback fb JOIN caseFile f ON f.id = fb.caseId
            WHERE f.directorId = ? AND fb.answeredAt IS NULL AND f.status = \(CaseStatus.close.sql) AND f.anonymisedAt IS NULL
              AND f.reference IS NOT NULL
            ORDER BY fb.requestedAt DESC
            """), arguments: [directorId])
    }

    /// The closing questions of a director's cases, by reference: their personal-data export.
    public func closingFeedback(directorId: Int64) async throws -> [(reference: String, feedback: CaseFeedback)] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT fb.*, f.reference AS caseReference FROM caseFeedback fb JOIN caseFile f ON f.id = fb.caseId
                WHERE f.directorId = ? AND f.reference IS NOT NULL ORDER BY fb.requestedAt
                """, arguments: [directorId]).map { (reference: $0["caseReference"] as String, feedback: try CaseFeedback(row: $0)) }
        }
    }

    /// The answered cases as the figures see them: axes, région, delays and the three answers. No
    /// name, reference or comment leaves this query.
    static func closingFeedbackAnswers(in db: Database) throws -> [FeedbackFigures.Answer] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT fb.timely, fb.useful, fb.recommend, f.openedAt, f.closedAt, coalesce(r.name, '') AS regionName,
                   (SELECT min(m.at) FROM caseMessage m WHERE m.caseId = f.id AND m.authorRole != '\(CaseActorRole.director.rawValue)') AS firstAnswerAt,
                   (SELECT group_concat(a.axis) FROM caseAxis a WHERE a.caseId = f.id) AS axes
            FROM caseFeedback fb JOIN caseFile f ON f.id = fb.caseId
            LEFT JOIN departement d ON d.code = f.departementCode LEFT JOIN region r ON r.code = d.regionCode
            WHERE fb.answeredAt IS NOT NULL
            """)).compactMap { row in
            guard let timely = FeedbackAnswer(rawValue: row["timely"] ?? ""), let useful = FeedbackAnswer(rawValue: row["useful"] ?? ""),
                  let recommend = FeedbackAnswer(rawValue: row["recommend"] ?? "") else { return nil }
            let opened: Date? = row["openedAt"], closed: Date? = row["closedAt"], first: Date? = row["firstAnswerAt"]
            let hours = { (end: Date?) -> Double? in
                guard let opened, let end else { return nil }
                return end.timeIntervalSince(opened) / 3600
            }
            let axes = ((row["axes"] as String?) ?? "").split(separator: ",").compactMap { Axis(rawValue: String($0)) }
            return FeedbackFigures.Answer(axes: axes, regionName: row["regionName"], hoursToFirstAnswer: hours(first), hoursToClose: hours(closed),
                                          timely: timely, useful: useful, recommend: recommend)
        }
    }

    static func closingFeedbackFigures(in db: Database) throws -> FeedbackFigures {
        let asked = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM caseFeedback")) ?? 0
        return FeedbackFigures(answers: try closingFeedbackAnswers(in: db), asked: asked)
    }

    /// Staff's figures of the closing feedback, cells under the minimum suppressed.
    public func closingFeedbackFigures() async throws -> FeedbackFigures {
        try await reader.read { db in try Self.closingFeedbackFigures(in: db) }
    }

    // MARK: Sheets: limits

    /// Times of the recent sends of `kind` by this browser or account (`key`) and from this network
    /// address, kept in `authFailure` like the other limits (cleared after a day).
    public static func recentAttempts(kind: String, key: String, address: String, since: Date, in db: Database) throws -> (byKey: [Date], byAddress: [Date]) {
        let byKey = try Date.fetchAll(db.cachedStatement(sql: "SELECT at FROM authFailure WHERE kind = ? AND email = ? AND at >= ?"),
                                      arguments: [kind, key, since])
        let byAddress = try Date.fetchAll(db.cachedStatement(sql: "SELECT at FROM authFailure WHERE kind = ? AND address = ? AND at >= ?"),
                                          arguments: [kind, address, since])
        return (byKey, byAddress)
    }

    public static func recordAttempt(kind: String, key: String, address: String, at date: Date, in db: Database) throws {
        try db.execute(sql: "INSERT INTO authFailure (kind, email, address, at) VALUES (?, ?, ?, ?)", arguments: [kind, key, address, date])
    }

    // MARK: Sheets: votes and reports

    /// The id of the published sheet `slug`, or nil: readers rate and report only what they can read.
    public static func publishedSheetId(slug: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM factSheet WHERE slug = ? AND status = ?"),
                           arguments: [slug, FactSheetStatus.publiee.rawValue])
    }

    public struct SheetVoteCount: Sendable, Equatable {
        public var helpful: Int
        public var notHelpful: Int

        public init(helpful: Int = 0, notHelpful: Int = 0) {
            self.helpful = helpful
            self.notHelpful = notHelpful
        }
    }

    /// « Utile » per sheet: yes and no, by sheet id.
    static func sheetVoteCounts(in db: Database) throws -> [Int64: SheetVoteCount] {
        var counts: [Int64: SheetVoteCount] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT factSheetId, sum(helpful) AS yes, sum(NOT helpful) AS no FROM sheetVote GROUP BY factSheetId
            """)) {
            counts[row["factSheetId"]] = SheetVoteCount(helpful: row["yes"], notHelpful: row["no"])
        }
        return counts
    }

    public func sheetVoteCounts() async throws -> [Int64: SheetVoteCount] {
        try await reader.read { db in try Self.sheetVoteCounts(in: db) }
    }

    /// « Utile » per sheet, with the sheet's slug and title, sheets with a vote only.
    public struct SheetVoteLine: Sendable, Equatable {
        public var slug: String
        public var title: String
        public var count: SheetVoteCount
    }

    static func sheetVoteLines(in db: Database) throws -> [SheetVoteLine] {
        try Row.fetchAll(db, sql: """
            SELECT s.slug, s.title, sum(v.helpful) AS yes, sum(NOT v.helpful) AS no
            FROM sheetVote v JOIN factSheet s ON s.id = v.factSheetId GROUP BY s.id ORDER BY no DESC, s.title
            """).map { SheetVoteLine(slug: $0["slug"], title: $0["title"], count: SheetVoteCount(helpful: $0["yes"], notHelpful: $0["no"])) }
    }

    /// A report with the sheet it is about.
    public struct SheetReportLine: Sendable, Equatable {
        public var report: SheetReport
        public var sheetSlug: String
        public var sheetTitle: String
    }

    private static let reportLineSQL = """
        SELECT r.*, s.slug AS sheetSlug, s.title AS sheetTitle FROM sheetReport r JOIN factSheet s ON s.id = r.factSheetId
        """

    private static func reportLine(_ row: Row) throws -> SheetReportLine {
        SheetReportLine(report: try SheetReport(row: row), sheetSlug: row["sheetSlug"], sheetTitle: row["sheetTitle"])
    }

    /// What staff read on the queue's page: the open reports, oldest first, the latest handled ones,
    /// and the latest comments left with « Cette fiche vous a-t-elle aidé ? ».
    public struct SheetFeedbackQueue: Sendable {
        public var open: [SheetReportLine]
        public var handled: [SheetReportLine]
        public var comments: [(vote: SheetVote, slug: String, title: String)]
        public var votes: [SheetVoteLine]
    }

    public func sheetFeedbackQueue(handledLimit: Int = 50, commentLimit: Int = 50) async throws -> SheetFeedbackQueue {
        try await reader.read { db in
            let open = try Row.fetchAll(db, sql: Self.reportLineSQL + " WHERE r.status != ? ORDER BY r.at, r.id",
                                        arguments: [SheetReportStatus.handled.rawValue]).map(Self.reportLine)
            let handled = try Row.fetchAll(db, sql: Self.reportLineSQL + " WHERE r.status = ? ORDER BY r.handledAt DESC, r.id DESC LIMIT ?",
                                           arguments: [SheetReportStatus.handled.rawValue, handledLimit]).map(Self.reportLine)
            let comments = try Row.fetchAll(db, sql: """
                SELECT v.*, s.slug AS sheetSlug, s.title AS sheetTitle FROM sheetVote v JOIN factSheet s ON s.id = v.factSheetId
                WHERE v.comment != '' ORDER BY v.at DESC, v.id DESC LIMIT ?
                """, arguments: [commentLimit]).map { (vote: try SheetVote(row: $0), slug: $0["sheetSlug"] as String, title: $0["sheetTitle"] as String) }
            return SheetFeedbackQueue(open: open, handled: handled, comments: comments, votes: try Self.sheetVoteLines(in: db))
        }
    }

    public static func sheetReport(id: Int64, in db: Database) throws -> SheetReportLine? {
        try Row.fetchOne(db, sql: Self.reportLineSQL + " WHERE r.id = ?", arguments: [id]).map(Self.reportLine)
    }

    public func sheetReport(id: Int64) async throws -> SheetReportLine? {
        try await reader.read { db in try Self.sheetReport(id: id, in: db) }
    }

    /// The reports of one sheet still in the queue: the editor shows them above the text.
    public func openSheetReports(slug: String) async throws -> [SheetReportLine] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: Self.reportLineSQL + " WHERE s.slug = ? AND r.status != ? ORDER BY r.at, r.id",
                             arguments: [slug, SheetReportStatus.handled.rawValue]).map(Self.reportLine)
        }
    }

    /// How many reports wait in the queue (the dashboard's and the vademecum list's figure).
    static func openSheetReportCount(in db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM sheetReport WHERE status != ?"),
                         arguments: [SheetReportStatus.handled.rawValue]) ?? 0
    }

    /// The staff's vademecum list's extra figures, in one read: open reports and votes per sheet.
    public func curationFeedback() async throws -> (openReports: [SheetReportLine], votes: [Int64: SheetVoteCount]) {
        try await reader.read { db in
            (try Row.fetchAll(db, sql: Self.reportLineSQL + " WHERE r.status != ? ORDER BY r.at, r.id",
                              arguments: [SheetReportStatus.handled.rawValue]).map(Self.reportLine),
             try Self.sheetVoteCounts(in: db))
        }
    }

    /// The dashboard's summary: the closing figures and the reports waiting.
    public struct FeedbackSummary: Sendable {
        public var closing: FeedbackFigures
        public var openReports: Int
    }

    static func feedbackSummary(in db: Database) throws -> FeedbackSummary {
        FeedbackSummary(closing: try closingFeedbackFigures(in: db), openReports: try openSheetReportCount(in: db))
    }

    public func feedbackSummary() async throws -> FeedbackSummary {
        try await reader.read { db in try Self.feedbackSummary(in: db) }
    }
}
