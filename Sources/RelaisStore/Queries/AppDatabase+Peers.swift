import Foundation
import GRDB
import RelaisCore

/// The named reads of peer support (« pairs aidants ») and the reads its use case makes inside its
/// transactions. Nothing here is ever shown to anyone but the two people of an exchange, except the
/// anonymous figures of `peerFigures`.
extension AppDatabase {
    /// A volunteer as a director sees them among the proposals.
    public struct PeerCard: Sendable, Equatable {
        public var userId: Int64
        public var name: String
        public var experiences: [PeerExperience]
        public var kind: PeerCollectiviteKind
        public var size: PeerCollectiviteSize
        public var regionName: String?
        public var availability: String
        public var presentation: String
    }

    /// Everyone who could be proposed (volunteers not paused, members), with what matching needs.
    static func peerCandidates(today: Day, in db: Database) throws -> [(PeerRules.Candidate, PeerCard)] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT v.*, u.name, u.employerCode, u.employerName, u.departementCode,
                   (u.passwordHash IS NOT NULL AND u.emailConfirmedAt IS NOT NULL) AS canSignIn, r.name AS regionName,
                   (SELECT count(*) FROM peerRequest q WHERE q.pairUserId = v.userId
                      AND (q.status = 'en-attente' OR (q.status = 'acceptee' AND q.endsOn >= ?))) AS load
            FROM peerVolunteer v JOIN user u ON u.id = v.userId LEFT JOIN region r ON r.code = v.regionCode
            WHERE v.pausedAt IS NULL AND u.role IN ('demandeur', 'correspondant')
            """), arguments: [today.iso])
        return try rows.map { row in
            let volunteer = try PeerVolunteer(row: row)
            let candidate = PeerRules.Candidate(
                userId: volunteer.userId, experiences: volunteer.experienceList, kind: volunteer.collectiviteKind,
                employerCode: row["employerCode"], employerName: row["employerName"], departementCode: row["departementCode"],
                paused: false, canSignIn: row["canSignIn"], load: row["load"])
            let card = PeerCard(userId: volunteer.userId, name: row["name"], experiences: volunteer.experienceList, kind: volunteer.collectiviteKind,
                                size: volunteer.collectiviteSize, regionName: row["regionName"], availability: volunteer.availability,
                                presentation: volunteer.presentation)
            return (candidate, card)
        }
    }

    /// The pairs Relais proposes to `director` for `experience` (`PeerRules.propose`), read in `db`.
    public static func peerProposals(for director: User, experience: PeerExperience, sameDepartementAllowed: Bool, today: Day,
                                     in db: Database) throws -> [PeerCard] {
        let ask = try peerAsk(director, experience: experience, sameDepartementAllowed: sameDepartementAllowed, today: today, in: db)
        let candidates = try peerCandidates(today: today, in: db)
        let chosen = PeerRules.propose(candidates.map(\.0), for: ask).map(\.userId)
        let cards = Dictionary(candidates.map { ($0.0.userId, $0.1) }, uniquingKeysWith: { first, _ in first })
        return chosen.compactMap { cards[$0] }
    }

    public func peerProposals(for director: User, experience: PeerExperience, sameDepartementAllowed: Bool, today: Day) async throws -> [PeerCard] {
        try await reader.read { db in
            try Self.peerProposals(for: director, experience: experience, sameDepartementAllowed: sameDepartementAllowed, today: today, in: db)
        }
    }

    /// Whether `pairUserId` may be asked by `director` now: a volunteer, not paused, eligible.
    public static func peerIsEligible(_ pairUserId: Int64, for director: User, experience: PeerExperience, sameDepartementAllowed: Bool,
                                      today: Day, in db: Database) throws -> Bool {
        let ask = try peerAsk(director, experience: experience, sameDepartementAllowed: sameDepartementAllowed, today: today, in: db)
        guard let candidate = try peerCandidates(today: today, in: db).first(where: { $0.0.userId == pairUserId }) else { return false }
        return PeerRules.isEligible(candidate.0, for: ask)
    }

    static func peerAsk(_ director: User, experience: PeerExperience, sameDepartementAllowed: Bool, today: Day, in db: Database) throws -> PeerRules.Ask {
        let kind = try director.employerCode.flatMap {
            try String.fetchOne(db.cachedStatement(sql: "SELECT kind FROM collectivite WHERE code = ?"), arguments: [$0])
        }
        // Pairs this director already asked and who have not finished with them, or who declined.
        let excluded = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT pairUserId FROM peerRequest WHERE directorUserId = ?
              AND (status IN ('en-attente', 'declinee') OR (status = 'acceptee' AND endsOn >= ?))
            """), arguments: [director.id, today.iso])
        return PeerRules.Ask(userId: director.id ?? 0, experience: experience, employerCode: director.employerCode, employerName: director.employerName,
                             departementCode: director.departementCode, kind: kind.map(PeerCollectiviteKind.init(territoryKind:)),
                             sameDepartementAllowed: sameDepartementAllowed, excluded: Set(excluded))
    }

    /// A seeded employer as a new volunteer's profile starts from it.
    public struct PeerEmployer: Sendable, Equatable {
        public var kind: String
        public var population: Int?
        public var regionCode: String?
    }

    public func peerEmployer(code: String) async throws -> PeerEmployer? {
        try await reader.read { db in
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT c.kind, c.population, d.regionCode FROM collectivite c LEFT JOIN departement d ON d.code = c.departementCode WHERE c.code = ?
                """), arguments: [code]).map { PeerEmployer(kind: $0["kind"], population: $0["population"], regionCode: $0["regionCode"]) }
        }
    }

    /// One line of someone's list of exchanges.
    public struct PeerExchangeLine: Sendable, Equatable {
        public var request: PeerRequest
        /// The other person's name; the director's only once the pair accepted.
        public var otherName: String?
        public var unanswered: Bool
    }

    /// What `/pairs-aidants` shows to a member: their volunteer profile, the exchanges they asked for,
    /// those asked of them.
    public struct PeerSpace: Sendable {
        public var volunteer: PeerVolunteer?
        public var asked: [PeerExchangeLine]
        public var received: [PeerExchangeLine]
        public var regions: [Region]
    }

    public func peerSpace(userId: Int64) async throws -> PeerSpace {
        try await reader.read { db in
            let volunteer = try PeerVolunteer.fetchOne(db.cachedStatement(sql: "SELECT * FROM peerVolunteer WHERE userId = ?"), arguments: [userId])
            let asked = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT q.*, u.name AS otherName FROM peerRequest q JOIN user u ON u.id = q.pairUserId
                WHERE q.directorUserId = ? ORDER BY q.createdAt DESC, q.id DESC LIMIT 50
                """), arguments: [userId]).map { row in
                PeerExchangeLine(request: try PeerRequest(row: row), otherName: row["otherName"], unanswered: false)
            }
            let received = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT q.*, u.name AS otherName FROM peerRequest q JOIN user u ON u.id = q.directorUserId
                WHERE q.pairUserId = ? AND q.status <> 'retiree' ORDER BY q.createdAt DESC, q.id DESC LIMIT 50
                """), arguments: [userId]).map { row in
                let request = try PeerRequest(row: row)
                let known = request.status == .accepted || request.status == .ended
                return PeerExchangeLine(request: request, otherName: known ? row["otherName"] : nil, unanswered: request.status == .pending)
            }
            let regions = try Region.fetchAll(db.cachedStatement(sql: "SELECT * FROM region ORDER BY name"))
            return PeerSpace(volunteer: volunteer, asked: asked, received: received, regions: regions)
        }
    }

    /// One of the two people of an exchange, as the other sees them.
    public struct PeerPerson: Sendable, Equatable {
        public var userId: Int64
        public var name: String
        public var employerName: String
        public var departementName: String?
    }

    /// An exchange with both people, the pair's profile and the messages, oldest first.
    public struct PeerExchange: Sendable {
        public var request: PeerRequest
        public var director: PeerPerson
        public var pair: PeerPerson
        public var volunteer: PeerVolunteer?
        public var pairRegionName: String?
        public var messages: [PeerMessage]
    }

    public static func peerExchange(id: Int64, in db: Database) throws -> PeerExchange? {
        guard let request = try PeerRequest.fetchOne(db.cachedStatement(sql: "SELECT * FROM peerRequest WHERE id = ?"), arguments: [id]) else {
            return nil
        }
        func person(_ userId: Int64) throws -> PeerPerson? {
            try Row.fetchOne(db.cachedStatement(sql: """
                SELECT u.id, u.name, coalesce(c.name, u.employerName) AS employer, d.name AS departementName FROM user u
                LEFT JOIN collectivite c ON c.code = u.employerCode LEFT JOIN departement d ON d.code = u.departementCode WHERE u.id = ?
                """), arguments: [userId]).map { PeerPerson(userId: $0["id"], name: $0["name"], employerName: $0["employer"] ?? "", departementName: $0["departementName"]) }
        }
        guard let director = try person(request.directorUserId), let pair = try person(request.pairUserId) else { return nil }
        let volunteer = try PeerVolunteer.fetchOne(db.cachedStatement(sql: "SELECT * FROM peerVolunteer WHERE userId = ?"), arguments: [pair.userId])
        let regionName = try volunteer?.regionCode.flatMap {
            try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM region WHERE code = ?"), arguments: [$0])
        }
        let messages = try PeerMessage.fetchAll(db.cachedStatement(sql: "SELECT * FROM peerMessage WHERE requestId = ? ORDER BY at, id"), arguments: [id])
        return PeerExchange(request: request, director: director, pair: pair, volunteer: volunteer, pairRegionName: regionName, messages: messages)
    }

    /// What « Mes données » exports of peer support: the person's profile, the exchanges they are one
    /// of the two people of, and the messages they wrote (the other person's words are theirs).
    public func peerPersonalData(userId: Int64) async throws -> (volunteer: PeerVolunteer?, requests: [PeerRequest], messages: [PeerMessage]) {
        try await reader.read { db in
            (try PeerVolunteer.fetchOne(db, key: userId),
             try PeerRequest.fetchAll(db, sql: "SELECT * FROM peerRequest WHERE directorUserId = ? OR pairUserId = ? ORDER BY id", arguments: [userId, userId]),
             try PeerMessage.fetchAll(db, sql: "SELECT * FROM peerMessage WHERE authorUserId = ? ORDER BY id", arguments: [userId]))
        }
    }

    /// Peer support in figures, for staff: never a name.
    public struct PeerFigures: Sendable, Equatable {
        public var volunteers: Int
        public var paused: Int
        /// Requests sent since the date given, and how they were answered.
        public var asked: Int
        public var accepted: Int
        public var declined: Int
        /// Exchanges running today.
        public var running: Int
    }

    public static func peerFigures(since: Date, today: Day, in db: Database) throws -> PeerFigures {
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT (SELECT count(*) FROM peerVolunteer WHERE pausedAt IS NULL) AS volunteers,
                   (SELECT count(*) FROM peerVolunteer WHERE pausedAt IS NOT NULL) AS paused,
                   (SELECT count(*) FROM peerRequest WHERE createdAt >= ?) AS asked,
                   (SELECT count(*) FROM peerRequest WHERE createdAt >= ? AND answeredAt IS NOT NULL AND status IN ('acceptee', 'terminee')) AS accepted,
                   (SELECT count(*) FROM peerRequest WHERE createdAt >= ? AND status = 'declinee') AS declined,
                   (SELECT count(*) FROM peerRequest WHERE status = 'acceptee' AND endsOn >= ?) AS running
            """), arguments: [since, since, since, today.iso])
        return PeerFigures(volunteers: row?["volunteers"] ?? 0, paused: row?["paused"] ?? 0, asked: row?["asked"] ?? 0,
                           accepted: row?["accepted"] ?? 0, declined: row?["declined"] ?? 0, running: row?["running"] ?? 0)
    }
}
