import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// Peer support (« pairs aidants »): a member volunteers as a pair; a director asks one of the three
/// pairs Relais proposes (`PeerRules.propose`); the pair accepts or declines; both then write in a
/// private exchange for three months, renewable. Every step is one write transaction with its audit
/// line and its neutral mail; each reading of an exchange by one of its two people is an audit line.
/// Nobody else — staff included — reads an exchange: it is a 404 to them.
public struct PeerService: Sendable {
    public let database: AppDatabase
    public let notifier: Notifier
    public let clock: @Sendable () -> Date

    public init(database: AppDatabase, notifier: Notifier, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.notifier = notifier
        self.clock = clock
    }

    /// The exchange does not exist for this person: a 404.
    public struct NotFound: Error, Equatable {}

    /// Why a step is refused, in the words shown to the person.
    public enum Refusal: Error, Sendable, Equatable {
        case notMember
        case pendingAlready
        case tooMany
        case notAvailable
        case notNow
        case noProfile

        public var message: String {
            switch self {
            case .notMember: "Les échanges entre pairs sont réservés aux membres de l’association (directeurs et correspondants)."
            case .pendingAlready:
                "Vous avez déjà une demande en attente de réponse. Attendez la réponse du pair, ou retirez votre demande pour en choisir un autre."
            case .tooMany: "Vous avez déjà \(PeerRules.maximumPerDirector) échanges en cours\u{00A0}: terminez-en un avant d’en demander un autre."
            case .notAvailable: "Ce pair n’est plus disponible. Voici de nouvelles propositions."
            case .notNow: "Cet échange ne le permet plus."
            case .noProfile: "Vous n’avez pas de profil de pair."
            }
        }
    }

    /// A volunteer's profile, as typed (checked by the controller).
    public struct Profile: Sendable, Equatable {
        public var experiences: [PeerExperience]
        public var kind: PeerCollectiviteKind
        public var size: PeerCollectiviteSize
        public var regionCode: String?
        public var availability: String
        public var presentation: String

        public init(experiences: [PeerExperience], kind: PeerCollectiviteKind, size: PeerCollectiviteSize, regionCode: String?,
                    availability: String, presentation: String) {
            self.experiences = experiences
            self.kind = kind
            self.size = size
            self.regionCode = regionCode
            self.availability = availability
            self.presentation = presentation
        }
    }

    // MARK: Volunteers

    /// Creates or updates `user`'s profile; a new profile is proposed at once.
    public func saveProfile(_ profile: Profile, user: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard let userId = user.id, PeerRules.isMember(user.role) else { throw Refusal.notMember }
            var volunteer = try PeerVolunteer.fetchOne(db, key: userId)
                ?? PeerVolunteer(userId: userId, experiences: [], collectiviteKind: profile.kind, collectiviteSize: profile.size,
                                 regionCode: nil, availability: "", presentation: "", now: now)
            volunteer.experiences = PeerExperience.stored(profile.experiences)
            volunteer.collectiviteKind = profile.kind
            volunteer.collectiviteSize = profile.size
            volunteer.regionCode = profile.regionCode
            volunteer.availability = profile.availability
            volunteer.presentation = profile.presentation
            volunteer.updatedAt = now
            try volunteer.save(db)
            try audit(.peerVolunteered, user, target: "pair \(userId)", address: address, now: now, in: db)
        }
    }

    public enum ProfileChange: String, Sendable, CaseIterable {
        case pause
        case resume = "reprise"
        case withdraw = "retrait"
    }

    /// Pauses (not proposed any more; running exchanges go on), resumes, or withdraws the profile.
    public func changeProfile(_ change: ProfileChange, user: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard let userId = user.id, var volunteer = try PeerVolunteer.fetchOne(db, key: userId) else { throw Refusal.noProfile }
            switch change {
            case .pause:
                volunteer.pausedAt = volunteer.pausedAt ?? now
                try volunteer.update(db)
                try audit(.peerPaused, user, target: "pair \(userId)", address: address, now: now, in: db)
            case .resume:
                volunteer.pausedAt = nil
                try volunteer.update(db)
                try audit(.peerResumed, user, target: "pair \(userId)", address: address, now: now, in: db)
            case .withdraw:
                try volunteer.delete(db)
                try audit(.peerWithdrew, user, target: "pair \(userId)", address: address, now: now, in: db)
            }
        }
    }

    // MARK: Directors

    /// The three pairs proposed to `director` now.
    public func proposals(experience: PeerExperience, sameDepartementAllowed: Bool, director: User) async throws -> [AppDatabase.PeerCard] {
        guard PeerRules.isMember(director.role) else { throw Refusal.notMember }
        return try await database.peerProposals(for: director, experience: experience, sameDepartementAllowed: sameDepartementAllowed,
                                                today: Day(clock()))
    }

    /// Sends `message` to the pair the director chose. The pair must still be eligible at this moment
    /// (not paused, not full, not of the same employer or, unless allowed, département): a forged id
    /// reaches nobody who did not volunteer.
    public func ask(pairUserId: Int64, experience: PeerExperience, sameDepartementAllowed: Bool, message: String, director: User,
                    address: String) async throws -> Int64 {
        let now = clock(), today = Day(now)
        return try await database.write { db in
            guard let directorId = director.id, PeerRules.isMember(director.role) else { throw Refusal.notMember }
            let live = try PeerRequest.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM peerRequest WHERE directorUserId = ? AND (status = 'en-attente' OR (status = 'acceptee' AND endsOn >= ?))
                """), arguments: [directorId, today.iso])
            if live.contains(where: { $0.status == .pending }) { throw Refusal.pendingAlready }
            if live.count >= PeerRules.maximumPerDirector { throw Refusal.tooMany }
            guard try AppDatabase.peerIsEligible(pairUserId, for: director, experience: experience, sameDepartementAllowed: sameDepartementAllowed,
                                                 today: today, in: db),
                  let pair = try User.fetchOne(db, key: pairUserId) else { throw Refusal.notAvailable }
            var request = PeerRequest(directorUserId: directorId, pairUserId: pairUserId, experience: experience,
                                      sameDepartementAllowed: sameDepartementAllowed, message: message, now: now)
            try request.insert(db)
            let id = request.id ?? 0
            try audit(.peerAsked, director, target: Self.target(id), address: address, now: now, in: db)
            try notifier.notify(.peerRequest, to: pair.notificationEmail, link: .peerExchange(id), date: now, in: db)
            return id
        }
    }

    // MARK: Both

    /// The exchange as one of its two people reads it; anyone else: `NotFound`. The reading is an
    /// audit line, committed with the next group of writes.
    public func exchange(_ id: Int64, viewer: User, address: String) async throws -> AppDatabase.PeerExchange {
        let now = clock()
        guard let exchange = try await database.read({ db in try AppDatabase.peerExchange(id: id, in: db) }),
              exchange.request.involves(viewer.id) else { throw NotFound() }
        // A pair never sees a request the director took back before they answered.
        if exchange.request.status == .withdrawn, viewer.id == exchange.request.pairUserId { throw NotFound() }
        let event = AuditEvent(at: now, actorUserId: viewer.id, actorEmail: viewer.email, action: .peerRead, target: Self.target(id), address: address)
        try await database.groupCommit.write { db in try AppDatabase.audit(event, in: db) }
        return exchange
    }

    /// The pair accepts (the exchange opens for three months) or declines, with an optional reason the
    /// director reads.
    public func answer(accept: Bool, reason: String, requestId: Int64, pair: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard var request = try PeerRequest.fetchOne(db, key: requestId), request.pairUserId == pair.id, request.status != .withdrawn else {
                throw NotFound()
            }
            guard request.status == .pending else { throw Refusal.notNow }
            request.answeredAt = now
            if accept {
                request.status = .accepted
                request.endsOn = PeerRules.endsOn(acceptedOn: Day(now))
            } else {
                request.status = .declined
                request.declineReason = reason
            }
            try request.update(db)
            try audit(accept ? .peerAccepted : .peerDeclined, pair, target: Self.target(requestId), address: address, now: now, in: db)
            if let director = try User.fetchOne(db, key: request.directorUserId) {
                try notifier.notify(.peerAnswer, to: director.notificationEmail, link: .peerExchange(requestId), date: now, in: db)
            }
        }
    }

    /// A message of a running exchange; the other person gets a mail saying there is one.
    public func post(_ body: String, requestId: Int64, author: User) async throws {
        let now = clock()
        try await database.write { db in
            guard let request = try PeerRequest.fetchOne(db, key: requestId), request.involves(author.id) else { throw NotFound() }
            guard request.stage(today: Day(now)) == .running else { throw Refusal.notNow }
            var message = PeerMessage(requestId: requestId, authorUserId: author.id, at: now, body: body)
            try message.insert(db)
            let otherId = author.id == request.directorUserId ? request.pairUserId : request.directorUserId
            if let other = try User.fetchOne(db, key: otherId) {
                try notifier.notify(.peerMessage, to: other.notificationEmail, values: ["toDirector": otherId == request.directorUserId],
                                    link: .peerExchange(requestId), date: now, in: db)
            }
        }
    }

    public enum ExchangeChange: String, Sendable, CaseIterable {
        /// The director takes a request back before the pair answers.
        case withdraw = "retrait"
        /// Either ends a running exchange.
        case end = "fin"
        /// Either renews it for three months, while it runs or within `PeerRules.renewalGraceDays` after.
        case renew = "prolongation"
    }

    public func change(_ change: ExchangeChange, requestId: Int64, user: User, address: String) async throws {
        let now = clock(), today = Day(now)
        try await database.write { db in
            guard var request = try PeerRequest.fetchOne(db, key: requestId), request.involves(user.id) else { throw NotFound() }
            if request.status == .withdrawn, user.id == request.pairUserId { throw NotFound() }
            let otherId = user.id == request.directorUserId ? request.pairUserId : request.directorUserId
            switch change {
            case .withdraw:
                guard user.id == request.directorUserId, request.status == .pending else { throw Refusal.notNow }
                request.status = .withdrawn
                request.endedAt = now
                request.endedByUserId = user.id
                try request.update(db)
                try audit(.peerRequestWithdrawn, user, target: Self.target(requestId), address: address, now: now, in: db)
            case .end:
                guard request.stage(today: today) == .running else { throw Refusal.notNow }
                request.status = .ended
                request.endedAt = now
                request.endedByUserId = user.id
                try request.update(db)
                try audit(.peerEnded, user, target: Self.target(requestId), address: address, now: now, in: db)
                if let other = try User.fetchOne(db, key: otherId) {
                    try notifier.notify(.peerEnded, to: other.notificationEmail, values: ["toDirector": otherId == request.directorUserId],
                                        link: .peerExchange(requestId), date: now, in: db)
                }
            case .renew:
                guard let endsOn = PeerRules.renewed(request.status, endsOn: request.endsOn, today: today) else { throw Refusal.notNow }
                request.endsOn = endsOn
                request.renewals += 1
                try request.update(db)
                try audit(.peerRenewed, user, target: Self.target(requestId), address: address, now: now, in: db,
                          detail: "jusqu’au \(endsOn.frenchLong)")
            }
        }
    }

    // MARK: Helpers

    static func target(_ id: Int64) -> String { "échange entre pairs \(id)" }

    private func audit(_ action: AuditAction, _ user: User, target: String, address: String, now: Date, in db: Database, detail: String = "") throws {
        try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: action, target: target, address: address,
                                         detail: detail), in: db)
    }
}
