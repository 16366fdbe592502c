import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// The members' voice on what Relais gives them (issue 21): the three questions a director answers
/// once their case closes, and readers' feedback and error reports on fact sheets. Each use case is
/// one write transaction; the sheet forms, open to visitors, count their sends in the same one.
public struct FeedbackService: Sendable {
    public let database: AppDatabase
    public let clock: @Sendable () -> Date
    /// Sends per browser (or account) and per network address (`SheetFeedbackRules.throttle`).
    public var throttle = SheetFeedbackRules.throttle

    public init(database: AppDatabase, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.clock = clock
    }

    // MARK: Closing feedback

    public enum ClosingResult: Sendable, Equatable {
        case recorded
        /// Answered before: the first answer stays (answers are not edited; see `docs/feedback.md`).
        case alreadyAnswered
        /// Not this director's case, or never asked (not closed, withdrawn, closed before Relais asked).
        case notAsked
    }

    /// Records the director's answers to the three questions of `reference`, once.
    public func answerClosing(reference: String, director: User, answers: ClosingAnswers) async throws -> ClosingResult {
        let now = clock()
        return try await database.write { db in
            guard let caseFile = try CaseFile.filter(CaseFile.Columns.reference == reference).fetchOne(db), let caseId = caseFile.id,
                  caseFile.directorId != nil, caseFile.directorId == director.id, caseFile.anonymisedAt == nil,
                  var feedback = try AppDatabase.closingFeedback(caseId: caseId, in: db) else { return .notAsked }
            guard !feedback.isAnswered else { return .alreadyAnswered }
            feedback.answeredAt = now
            feedback.timely = answers.timely
            feedback.useful = answers.useful
            feedback.recommend = answers.recommend
            feedback.comment = answers.comment
            // Sharing an empty comment means nothing: stored as not shared.
            feedback.shareComment = answers.shareComment && !answers.comment.isEmpty
            try feedback.update(db)
            return .recorded
        }
    }

    // MARK: Sheets

    /// Who sends, for the limits: the account when signed in, else the browser's form nonce (the
    /// one the CSRF token is bound to), and the network address.
    public struct Sender: Sendable, Equatable {
        public var key: String
        public var address: String

        public init(key: String, address: String) {
            self.key = key
            self.address = address
        }
    }

    public enum SheetResult: Sendable, Equatable {
        case recorded
        /// Too many sends lately: nothing stored; the seconds to wait.
        case limited(seconds: Double)
        /// No published sheet has this slug.
        case notFound
        /// The follow-up address typed is not an address.
        case invalidEmail
    }

    /// « Cette fiche vous a-t-elle aidé ? »: stores the vote and its comment, nothing about the sender.
    public func vote(slug: String, helpful: Bool, comment: String, sender: Sender) async throws -> SheetResult {
        let now = clock(), throttle = self.throttle
        return try await database.write { db in
            guard let sheetId = try AppDatabase.publishedSheetId(slug: slug, in: db) else { return .notFound }
            if let wait = try Self.admit(kind: SheetFeedbackRules.voteKind, sender: sender, throttle: throttle, now: now, in: db) {
                return .limited(seconds: wait)
            }
            var vote = SheetVote(factSheetId: sheetId, at: now, helpful: helpful, comment: comment)
            try vote.insert(db)
            return .recorded
        }
    }

    /// « Signaler une erreur ou un changement de la loi »: a report in the staff's queue.
    public func report(slug: String, body: String, contactEmail: String, sender: Sender) async throws -> SheetResult {
        if !contactEmail.isEmpty, (try? MailAddress(contactEmail)) == nil { return .invalidEmail }
        let now = clock(), throttle = self.throttle
        return try await database.write { db in
            guard let sheetId = try AppDatabase.publishedSheetId(slug: slug, in: db) else { return .notFound }
            if let wait = try Self.admit(kind: SheetFeedbackRules.reportKind, sender: sender, throttle: throttle, now: now, in: db) {
                return .limited(seconds: wait)
            }
            var report = SheetReport(factSheetId: sheetId, at: now, body: body, contactEmail: contactEmail)
            try report.insert(db)
            return .recorded
        }
    }

    /// The limit, read and counted inside the caller's transaction: sends that arrive together are
    /// counted one after the other, so a burst cannot all pass. Nil when allowed (and counted).
    static func admit(kind: String, sender: Sender, throttle: Throttle, now: Date, in db: Database) throws -> Double? {
        let since = now.addingTimeInterval(-throttle.window)
        let (byKey, byAddress) = try AppDatabase.recentAttempts(kind: kind, key: sender.key, address: sender.address, since: since, in: db)
        let origin = now.timeIntervalSinceReferenceDate
        if let wait = throttle.waitTime(byAccount: byKey.map(\.timeIntervalSinceReferenceDate),
                                        byNetworkAddress: byAddress.map(\.timeIntervalSinceReferenceDate), now: origin) {
            return wait
        }
        try AppDatabase.recordAttempt(kind: kind, key: sender.key, address: sender.address, at: now, in: db)
        return nil
    }

    // MARK: Staff's queue

    public enum ReportError: Error, Equatable {
        case unknownReport
        /// Handled already: nothing more to do from it.
        case handled
    }

    /// Opens a draft version of the report's sheet through the curation workflow (four eyes still
    /// apply to publishing it), and marks the report « brouillon ouvert ». The editor then shows the
    /// report's text above the draft. Returns the sheet's slug.
    public func draftFromReport(id: Int64, by user: User, address: String) async throws -> String {
        let now = clock()
        return try await database.write { db in
            guard let line = try AppDatabase.sheetReport(id: id, in: db),
                  let history = try AppDatabase.sheetHistory(slug: line.sheetSlug, in: db), let latest = history.latest else {
                throw ReportError.unknownReport
            }
            var report = line.report
            guard report.status != .handled else { throw ReportError.handled }
            if report.status == .drafted { return line.sheetSlug }
            // A draft nobody sent to review yet is the one to correct; otherwise a new draft from the newest text.
            let version: Int
            if latest.status == .brouillon, history.sheet.status == .publiee {
                version = latest.version
            } else {
                try AppDatabase.saveDraft(slug: line.sheetSlug, content: AppDatabase.SheetContent(latest), nextReview: history.sheet.nextReview,
                                          related: history.relatedSlugs, author: user.email, now: now, in: db)
                version = latest.version + 1
            }
            report.status = .drafted
            report.draftVersion = version
            try report.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .sheetReportDrafted,
                                             target: "fiche \(line.sheetSlug)", address: address,
                                             detail: "signalement n°\u{00A0}\(id), version \(version)"), in: db)
            return line.sheetSlug
        }
    }

    /// Marks a report handled (the sheet was corrected, or there was nothing to change).
    public func markHandled(id: Int64, by user: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard let line = try AppDatabase.sheetReport(id: id, in: db) else { throw ReportError.unknownReport }
            var report = line.report
            guard report.status != .handled else { return }
            report.status = .handled
            report.handledAt = now
            report.handledBy = user.email
            try report.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .sheetReportHandled,
                                             target: "fiche \(line.sheetSlug)", address: address, detail: "signalement n°\u{00A0}\(id)"), in: db)
        }
    }
}
