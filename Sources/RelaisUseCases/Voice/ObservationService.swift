import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// « Remontées »: a member (a director or a correspondent) tells staff what blocks people — a
/// practice, a text, a situation that comes back — under a theme; staff read them grouped by theme,
/// answer (the author reads the answer and gets a neutral mail), link them to a fact sheet or a
/// parcours situation, and file them. Each step is one write transaction with its audit line.
public struct ObservationService: Sendable {
    public let database: AppDatabase
    public let notifier: Notifier
    public let staffEmail: String?
    public let clock: @Sendable () -> Date

    public init(database: AppDatabase, notifier: Notifier, staffEmail: String?, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.notifier = notifier
        self.staffEmail = staffEmail
        self.clock = clock
    }

    public struct NotFound: Error, Equatable {}

    public enum Refusal: Error, Sendable, Equatable {
        case notMember
        case tooMany
        case unknownTarget

        public var message: String {
            switch self {
            case .notMember: "Les remontées sont envoyées par les membres de l’association (directeurs et correspondants)."
            case .tooMany: "Vous avez déjà envoyé \(ObservationRules.dailyLimit) remontées en 24\u{00A0}heures. Réessayez demain, ou écrivez à l’équipe."
            case .unknownTarget: "Cette fiche, ce parcours ou cette équipe n’existe pas."
            }
        }
    }

    /// A member sends a remontée; staff's address, when set, gets a mail saying one arrived.
    @discardableResult
    public func send(theme: ObservationTheme, kind: ObservationKind, title: String, body: String, author: User, address: String) async throws -> Int64 {
        let now = clock()
        return try await database.write { db in
            guard let authorId = author.id, ObservationRules.mayObserve(author.role) else { throw Refusal.notMember }
            let recent = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM observation WHERE authorUserId = ? AND createdAt >= ?"),
                                          arguments: [authorId, now.addingTimeInterval(-86_400)]) ?? 0
            guard recent < ObservationRules.dailyLimit else { throw Refusal.tooMany }
            var observation = Observation(authorUserId: authorId, theme: theme, kind: kind, title: title, body: body, now: now)
            try observation.insert(db)
            let id = observation.id ?? 0
            try audit(.observationSent, author, id: id, address: address, now: now, detail: theme.label, in: db)
            if let staffEmail, !staffEmail.isEmpty {
                try notifier.notify(.observationReceived, to: staffEmail, link: .staffObservation(id), date: now, in: db)
            }
            return id
        }
    }

    /// Staff answer; the author reads it on `/remontees` and gets a mail that says so.
    public func answer(_ text: String, observationId: Int64, staff: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard var observation = try Observation.fetchOne(db, key: observationId) else { throw NotFound() }
            observation.answer = text
            observation.answeredAt = now
            observation.answeredByUserId = staff.id
            observation.status = .answered
            try observation.update(db)
            try audit(.observationAnswered, staff, id: observationId, address: address, now: now, in: db)
            if let author = try User.fetchOne(db, key: observation.authorUserId) {
                try notifier.notify(.observationAnswered, to: author.notificationEmail, values: ["toDirector": author.role == .demandeur],
                                    link: .observations, date: now, in: db)
            }
        }
    }

    /// Staff link the remontée to a fact sheet, a situation and an exchange group's work (nil: none).
    public func link(observationId: Int64, sheetSlug: String?, situationSlug: String?, groupId: Int64? = nil, staff: User,
                     address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard var observation = try Observation.fetchOne(db, key: observationId) else { throw NotFound() }
            if let sheetSlug, try Int.fetchOne(db, sql: "SELECT count(*) FROM factSheet WHERE slug = ?", arguments: [sheetSlug]) == 0 {
                throw Refusal.unknownTarget
            }
            if let situationSlug, try Int.fetchOne(db, sql: "SELECT count(*) FROM situation WHERE slug = ?", arguments: [situationSlug]) == 0 {
                throw Refusal.unknownTarget
            }
            if let groupId, try Int.fetchOne(db, sql: "SELECT count(*) FROM exchangeGroup WHERE id = ? AND status = 'active'",
                                             arguments: [groupId]) == 0 {
                throw Refusal.unknownTarget
            }
            observation.sheetSlug = sheetSlug
            observation.situationSlug = situationSlug
            observation.groupId = groupId
            try observation.update(db)
            try audit(.observationLinked, staff, id: observationId, address: address, now: now,
                      detail: [sheetSlug.map { "fiche \($0)" }, situationSlug.map { "parcours \($0)" }, groupId.map { "équipe \($0)" }].compactMap { $0 }.joined(separator: ", "), in: db)
        }
    }

    /// Staff file it (nothing more to do), or reopen it.
    public func file(_ filed: Bool, observationId: Int64, staff: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard var observation = try Observation.fetchOne(db, key: observationId) else { throw NotFound() }
            observation.status = filed ? .filed : (observation.answeredAt == nil ? .new : .answered)
            try observation.update(db)
            try audit(.observationFiled, staff, id: observationId, address: address, now: now, detail: filed ? "classée" : "rouverte", in: db)
        }
    }

    private func audit(_ action: AuditAction, _ user: User, id: Int64, address: String, now: Date, detail: String = "", in db: Database) throws {
        try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: action, target: "remontée \(id)",
                                         address: address, detail: detail), in: db)
    }
}
