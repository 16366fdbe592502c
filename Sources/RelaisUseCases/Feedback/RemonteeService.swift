import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// « Remontées » (issue 21, item 4): members and correspondents tell staff what blocks people, tagged
/// by theme; staff answer and link the remontée to a sheet or a situation. One write transaction each.
public struct RemonteeService: Sendable {
    public let database: AppDatabase
    public let notifier: Notifier
    public let clock: @Sendable () -> Date
    public var throttle = SheetFeedbackRules.throttle

    public init(database: AppDatabase, notifier: Notifier, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.notifier = notifier
        self.clock = clock
    }

    public enum SendResult: Sendable, Equatable {
        case sent(Int64)
        /// Five in a quarter of an hour already: nothing stored; the seconds to wait.
        case limited(seconds: Double)
        /// Staff, experts: remontées come from the field.
        case notAllowed
    }

    /// Stores a remontée from `user`, counted against the same limit as the sheets' forms.
    public func send(theme: RemonteeTheme, body: String, by user: User, address: String) async throws -> SendResult {
        guard RemonteeRules.maySend(user.role), let userId = user.id else { return .notAllowed }
        let now = clock(), throttle = self.throttle
        return try await database.write { db in
            let sender = FeedbackService.Sender(key: "compte:\(userId)", address: address)
            if let wait = try FeedbackService.admit(kind: RemonteeRules.kind, sender: sender, throttle: throttle, now: now, in: db) {
                return .limited(seconds: wait)
            }
            var remontee = Remontee(authorUserId: userId, authorRole: user.role, theme: theme, body: body, createdAt: now)
            try remontee.insert(db)
            return .sent(remontee.id ?? 0)
        }
    }

    public enum AnswerError: Error, Equatable {
        case unknownRemontee
        case unknownSheet
        case unknownSituation
    }

    /// Staff's answer, and what they link the remontée to (a sheet's or a situation's slug, or none).
    /// The author is told by a neutral mail the first time; the answer is read on `/remontees`.
    public func answer(id: Int64, answer text: String, sheetSlug: String?, situationSlug: String?, by staff: User, address: String) async throws {
        let now = clock(), notifier = self.notifier
        try await database.write { db in
            guard var remontee = try AppDatabase.remontee(id: id, in: db) else { throw AnswerError.unknownRemontee }
            let sheetId = try sheetSlug.map { slug -> Int64 in
                guard let id = try AppDatabase.sheetId(slug: slug, in: db) else { throw AnswerError.unknownSheet }
                return id
            }
            let situationId = try situationSlug.map { slug -> Int64 in
                guard let id = try AppDatabase.situationId(slug: slug, in: db) else { throw AnswerError.unknownSituation }
                return id
            }
            let first = remontee.status == .received
            remontee.answer = text
            remontee.status = .answered
            remontee.answeredAt = now
            remontee.answeredBy = staff.email
            remontee.factSheetId = sheetId
            remontee.situationId = situationId
            try remontee.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: staff.id, actorEmail: staff.email, action: .remonteeAnswered,
                                             target: "remontee \(id)", address: address, detail: remontee.theme.label), in: db)
            if first, let authorId = remontee.authorUserId, let author = try User.fetchOne(db, key: authorId), !author.notificationEmail.isEmpty {
                try notifier.notify(.remonteeAnswered, to: author.notificationEmail, link: .remontees, date: now, in: db)
            }
        }
    }
}
