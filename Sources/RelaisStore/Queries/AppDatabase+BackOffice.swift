import Foundation
import GRDB
import RelaisCore

/// Read models of the back-office: figures without personal data, case supervision, exports and
/// the network's management.
extension AppDatabase {
    public struct CaseFigures: Sendable, Equatable {
        public var openByStatus: [CaseStatus: Int] = [:]
        public var late = 0
        /// Medians over cases opened in the period, in hours; nil when there is none.
        public var medianHoursToAcceptance: Double?
        public var medianHoursToClosure: Double?
        public var openedInPeriod = 0
        public var byAxis: [(label: String, count: Int)] = []
        public var bySituation: [(label: String, count: Int)] = []
        public var byRegion: [(label: String, count: Int)] = []

        public static func == (lhs: CaseFigures, rhs: CaseFigures) -> Bool {
            lhs.openByStatus == rhs.openByStatus && lhs.late == rhs.late && lhs.openedInPeriod == rhs.openedInPeriod
        }
    }

    /// Counts and medians for the dashboard; the distributions cover cases opened since `since`.
    public func caseFigures(since: Date) async throws -> CaseFigures {
        try await reader.read { db in try Self.caseFigures(since: since, in: db) }
    }

    static func caseFigures(since: Date, in db: Database) throws -> CaseFigures {
        var figures = CaseFigures()
        // Every case counted in the status index, less the few never opened (their own index):
        // a filter on `openedAt` would read all the cases themselves.
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT status, count(*) AS n FROM caseFile GROUP BY status")) {
            if let status = CaseStatus(rawValue: row["status"]) { figures.openByStatus[status] = row["n"] }
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT status, count(*) AS n FROM caseFile WHERE openedAt IS NULL GROUP BY status")) {
            if let status = CaseStatus(rawValue: row["status"]) { figures.openByStatus[status, default: 0] -= row["n"] as Int }
        }
        figures.late = try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM caseFile WHERE escalatedAt IS NOT NULL AND status IN \(CaseStatus.awaitingAcceptance.sqlList)
            """)) ?? 0
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT openedAt, acceptedAt, closedAt FROM caseFile WHERE openedAt IS NOT NULL AND openedAt >= ?
            """), arguments: [since])
        figures.openedInPeriod = rows.count
        func median(_ values: [Double]) -> Double? {
            guard !values.isEmpty else { return nil }
            let sorted = values.sorted(), middle = sorted.count / 2
            return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
        }
        figures.medianHoursToAcceptance = median(rows.compactMap { row -> Double? in
            guard let opened: Date = row["openedAt"], let accepted: Date = row["acceptedAt"] else { return nil }
            return accepted.timeIntervalSince(opened) / 3600
        })
        figures.medianHoursToClosure = median(rows.compactMap { row -> Double? in
            guard let opened: Date = row["openedAt"], let closed: Date = row["closedAt"] else { return nil }
            return closed.timeIntervalSince(opened) / 3600
        })
        let axisCounts = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db.cachedStatement(sql: """
            SELECT a.axis, count(*) AS n FROM caseAxis a JOIN caseFile f ON f.id = a.caseId
            WHERE f.openedAt IS NOT NULL AND f.openedAt >= ? GROUP BY a.axis
            """), arguments: [since]).map { (($0["axis"] as String), ($0["n"] as Int)) })
        figures.byAxis = Axis.allCases.map { ($0.label, axisCounts[$0.rawValue] ?? 0) }
        figures.bySituation = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT coalesce(s.title, f.situationSlug) AS label, count(*) AS n FROM caseFile f LEFT JOIN situation s ON s.slug = f.situationSlug
            WHERE f.openedAt IS NOT NULL AND f.openedAt >= ? GROUP BY label ORDER BY n DESC, label
            """), arguments: [since]).map { ($0["label"], $0["n"]) }
        // CROSS JOIN keeps the cases of the period as the outer loop: otherwise SQLite walks every
        // case of every département through the département index.
        figures.byRegion = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT r.name AS label, count(*) AS n FROM caseFile f CROSS JOIN departement d ON d.code = f.departementCode
            CROSS JOIN region r ON r.code = d.regionCode
            WHERE f.openedAt IS NOT NULL AND f.openedAt >= ? GROUP BY r.code ORDER BY n DESC, r.name
            """), arguments: [since]).map { ($0["label"], $0["n"]) }
        return figures
    }

    /// A correspondent as staff manage them.
    public struct CorrespondentRow: Sendable, Equatable {
        public var correspondent: Correspondent
        public var departementCodes: [String]
        public var axes: [Axis]
        public var load: Int
        public var accountEmail: String?
        /// Whether that account can sign in (invitation accepted): routing passes over the others.
        public var canSignIn: Bool
    }

    /// Active correspondents routing passes over because no account that can sign in speaks for them.
    static let unreachableCondition = """
        c.active AND NOT EXISTS (SELECT 1 FROM user u WHERE u.correspondentId = c.id AND u.role = 'correspondant'
                                 AND u.passwordHash IS NOT NULL AND u.emailConfirmedAt IS NOT NULL)
        """

    public func unreachableCorrespondentCount() async throws -> Int {
        try await reader.read(Self.unreachableCorrespondentCount)
    }

    static func unreachableCorrespondentCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM correspondent c WHERE \(Self.unreachableCondition)")) ?? 0
    }

    /// The unreachable correspondents no account speaks for at all, with an address to invite.
    public func correspondentsToInvite() async throws -> [Correspondent] {
        try await reader.read { db in
            try Correspondent.fetchAll(db.cachedStatement(sql: """
                SELECT c.* FROM correspondent c WHERE c.active AND c.email != ''
                  AND NOT EXISTS (SELECT 1 FROM user u WHERE u.correspondentId = c.id OR u.email = lower(c.email))
                ORDER BY c.lastName, c.firstName, c.id
                """))
        }
    }

    /// Every correspondent, active ones first, by name (the directory export).
    public func correspondentRows() async throws -> [CorrespondentRow] {
        try await reader.read { db in try Self.correspondentRows(db, where: "1", []) }
    }

    /// One page of `correspondentRows()` and how many there are in all.
    /// With `unreachableOnly`, only the active correspondents who cannot yet receive cases.
    public func correspondentRows(limit: Int, offset: Int, unreachableOnly: Bool = false) async throws -> (rows: [CorrespondentRow], total: Int) {
        let condition = unreachableOnly ? Self.unreachableCondition : "1"
        return try await reader.read { db in
            (try Self.correspondentRows(db, where: condition, [], limit: limit, offset: offset),
             try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM correspondent c WHERE \(condition)")) ?? 0)
        }
    }

    public func correspondentRow(id: Int64) async throws -> CorrespondentRow? {
        try await reader.read { db in try Self.correspondentRows(db, where: "c.id = ?", [id]).first }
    }

    /// The active correspondents with the highest load for their capacity (the staff dashboard).
    public func busiestCorrespondents(limit: Int) async throws -> [CorrespondentRow] {
        try await reader.read { db in try Self.busiestCorrespondents(limit: limit, in: db) }
    }

    static func busiestCorrespondents(limit: Int, in db: Database) throws -> [CorrespondentRow] {
        let ids = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT c.id FROM correspondent c
            JOIN (SELECT assigneeId, count(*) AS n FROM caseFile WHERE status IN \(CaseStatus.active.sqlList)
                  AND assigneeId IS NOT NULL GROUP BY assigneeId) l ON l.assigneeId = c.id
            WHERE c.active AND c.capacity > 0
            ORDER BY CAST(l.n AS REAL) / c.capacity DESC, c.lastName, c.firstName, c.id LIMIT ?
            """), arguments: [limit])
        let rows = try Self.correspondentRows(db, where: "c.id IN (SELECT value FROM json_each(?))", [Self.jsonArray(ids)])
        let byId = Dictionary(rows.map { ($0.correspondent.id ?? 0, $0) }, uniquingKeysWith: { first, _ in first })
        return ids.compactMap { byId[$0] }
    }

    /// Correspondents matching `condition` (on `correspondent c`), active first, by name, with their
    /// coverage, axes, load and account, read for these correspondents only. The conditions are the
    /// code's own (values travel as arguments), so the statements are prepared once per connection.
    static func correspondentRows(_ db: Database, where condition: String, _ arguments: StatementArguments, limit: Int = -1,
                                  offset: Int = 0) throws -> [CorrespondentRow] {
        let correspondents = try Correspondent.fetchAll(db.cachedStatement(sql: """
            SELECT c.* FROM correspondent c WHERE \(condition) ORDER BY c.active DESC, c.lastName, c.firstName, c.id LIMIT ? OFFSET ?
            """), arguments: arguments + [limit, offset])
        guard !correspondents.isEmpty else { return [] }
        let ids = jsonArray(correspondents.compactMap(\.id))
        var departements: [Int64: [String]] = [:], axes: [Int64: [Axis]] = [:], accounts: [Int64: String] = [:], loads: [Int64: Int] = [:]
        var signIn: Set<Int64> = []
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT correspondentId, departementCode FROM correspondentDepartement
            WHERE correspondentId IN (SELECT value FROM json_each(?)) ORDER BY departementCode
            """), arguments: [ids]) {
            departements[row["correspondentId"], default: []].append(row["departementCode"])
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT correspondentId, axis FROM correspondentAxis WHERE correspondentId IN (SELECT value FROM json_each(?))"),
                                    arguments: [ids]) {
            if let axis = Axis(rawValue: row["axis"]) { axes[row["correspondentId"], default: []].append(axis) }
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT correspondentId, email, passwordHash IS NOT NULL AND emailConfirmedAt IS NOT NULL AND role = 'correspondant' AS canSignIn
            FROM user WHERE correspondentId IN (SELECT value FROM json_each(?)) ORDER BY id
            """), arguments: [ids]) {
            accounts[row["correspondentId"]] = row["email"]
            if row["canSignIn"] as Bool { signIn.insert(row["correspondentId"]) }
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT assigneeId, count(*) AS n FROM caseFile
            WHERE assigneeId IN (SELECT value FROM json_each(?)) AND status IN \(CaseStatus.active.sqlList)
            GROUP BY assigneeId
            """), arguments: [ids]) {
            loads[row["assigneeId"]] = row["n"]
        }
        return correspondents.map { c in
            let id = c.id ?? 0
            return CorrespondentRow(correspondent: c, departementCodes: departements[id] ?? [],
                                    axes: Axis.allCases.filter { (axes[id] ?? []).contains($0) }, load: loads[id] ?? 0,
                                    accountEmail: accounts[id], canSignIn: signIn.contains(id))
        }
    }

    /// One page of the cases for supervision, filtered, and whether more follow; never the narrative.
    /// Filtered by status, the list follows the recent activity; otherwise open cases come first.
    /// No total: counting every matching case would read them all, the page reads fifty.
    public func supervisedCases(status: CaseStatus?, axis: Axis?, regionCode: String?, lateOnly: Bool, limit: Int = 50,
                                offset: Int = 0) async throws -> (cases: [CaseSummary], hasMore: Bool) {
        try await reader.read { db in
            var clauses = ["f.openedAt IS NOT NULL", "f.anonymisedAt IS NULL"]
            var arguments = StatementArguments()
            if let status { clauses.append("f.status = ?"); arguments += [status.rawValue] }
            // Checked case by case while the list is read in order (a list of ids would be sorted whole).
            if let axis { clauses.append("EXISTS (SELECT 1 FROM caseAxis a WHERE a.caseId = f.id AND a.axis = ?)"); arguments += [axis.rawValue] }
            if let regionCode {
                clauses.append("f.departementCode IN (SELECT code FROM departement WHERE regionCode = ?)")
                arguments += [regionCode]
            }
            if lateOnly { clauses.append("f.escalatedAt IS NOT NULL AND f.status IN \(CaseStatus.awaitingAcceptance.sqlList)") }
            let condition = clauses.joined(separator: " AND ")
            let cases = try Self.summaries(db, where: condition, arguments, orderBy: status == nil ? Self.openFirst : "f.lastActivityAt DESC",
                                           limit: limit + 1, offset: offset)
            return (Array(cases.prefix(limit)), cases.count > limit)
        }
    }

    /// One line per case for the statistics export: no name, narrative, employer or contact.
    public struct CaseStatisticsRow: Sendable {
        public var reference: String
        public var openedMonth: String
        public var situation: String
        public var axes: String
        public var departementCode: String
        public var regionCode: String
        public var urgency: String
        public var status: String
        public var outcome: String
        public var hoursToAcceptance: Double?
        public var hoursToClosure: Double?
        public var outsideDepartement: Bool
    }

    public func caseStatistics() async throws -> [CaseStatisticsRow] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT f.reference, f.openedAt, f.acceptedAt, f.closedAt, f.situationSlug, f.departementCode, d.regionCode, f.urgency,
                       f.status, f.outcome, f.outsideDepartement,
                       (SELECT group_concat(axis, ' ') FROM (SELECT axis FROM caseAxis WHERE caseId = f.id ORDER BY axis)) AS axes
                FROM caseFile f JOIN departement d ON d.code = f.departementCode
                WHERE f.openedAt IS NOT NULL ORDER BY f.year, f.sequence
                """).map { row in
                let opened: Date = row["openedAt"]
                let accepted: Date? = row["acceptedAt"], closed: Date? = row["closedAt"]
                let day = Day(opened)
                return CaseStatisticsRow(
                    reference: row["reference"], openedMonth: String(day.iso.prefix(7)), situation: row["situationSlug"],
                    axes: row["axes"] ?? "", departementCode: row["departementCode"], regionCode: row["regionCode"], urgency: row["urgency"],
                    status: row["status"], outcome: row["outcome"] ?? "",
                    hoursToAcceptance: accepted.map { ($0.timeIntervalSince(opened) / 360).rounded() / 10 },
                    hoursToClosure: closed.map { ($0.timeIntervalSince(opened) / 360).rounded() / 10 },
                    outsideDepartement: row["outsideDepartement"]
                )
            }
        }
    }

    /// Partners with their régions and axes, for the directory export.
    public func partnerRows() async throws -> [(partner: Partner, regions: [String], axes: [Axis])] {
        try await reader.read { db in
            var regions: [Int64: [String]] = [:], axes: [Int64: [Axis]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT partnerId, regionCode FROM partnerRegion ORDER BY regionCode") {
                regions[row["partnerId"], default: []].append(row["regionCode"])
            }
            for row in try Row.fetchAll(db, sql: "SELECT partnerId, axis FROM partnerAxis") {
                if let axis = Axis(rawValue: row["axis"]) { axes[row["partnerId"], default: []].append(axis) }
            }
            return try Partner.order(Partner.Columns.name).fetchAll(db).map { p in
                (p, regions[p.id ?? 0] ?? [], Axis.allCases.filter { (axes[p.id ?? 0] ?? []).contains($0) })
            }
        }
    }

    /// When the outbox last delivered a message.
    public func lastDelivery() throws -> Date? {
        try reader.read { db in try Self.lastDelivery(in: db) }
    }

    /// The same, awaited: request handlers and use cases must use this one (a synchronous read there
    /// blocks a thread of Swift's cooperative pool, and enough of them at once stop the server).
    public func lastDelivery() async throws -> Date? {
        try await reader.read { db in try Self.lastDelivery(in: db) }
    }

    static func lastDelivery(in db: Database) throws -> Date? {
        try Date.fetchOne(db.cachedStatement(sql: "SELECT max(deliveredAt) FROM outboxMessage"))
    }

    public func outboxMessage(id: Int64) throws -> OutboxMessage? {
        try reader.read { db in try Self.outboxMessage(id: id, in: db) }
    }

    /// The same, awaited: request handlers and use cases must use this one (a synchronous read there
    /// blocks a thread of Swift's cooperative pool, and enough of them at once stop the server).
    public func outboxMessage(id: Int64) async throws -> OutboxMessage? {
        try await reader.read { db in try Self.outboxMessage(id: id, in: db) }
    }

    static func outboxMessage(id: Int64, in db: Database) throws -> OutboxMessage? {
        try OutboxMessage.fetchOne(db, key: id)
    }
}

extension AppDatabase {
    /// Everything the staff dashboard shows from the database, read in one transaction: one hop to a
    /// reader instead of ten, which under load cost more than the queries themselves.
    public struct StaffDashboard: Sendable {
        public var users: [Role: Int]
        public var mail: [OutboxMessage.Status: Int]
        public var lastDelivery: Date?
        public var figures: CaseFigures
        public var needingStaff: [CaseSummary]
        /// The recourse deadline each case of `needingStaff` shares, when it shares one.
        public var recourse: [Int64: Day]
        public var reviewsDue: Int
        public var busiest: [CorrespondentRow]
        public var unreachable: Int
        /// Avis requests to experts, by field.
        public var referrals: [ReferralFigures]
        /// Atelier registrations, waiting lists and attendance.
        public var ateliers: AtelierFigures
        /// Exchange groups alive and meetings held.
        public var groups = GroupFigures()
        /// Closing feedback's figures and the readers' reports waiting (issue 21).
        public var feedback: FeedbackSummary
        /// Pairs: volunteers, requests of the period and how they were answered, exchanges running.
        public var peers: PeerFigures
        /// « Remontées » waiting for staff, and each theme's recent count against the period before.
        public var observations: ObservationFigures
    }

    /// `now` also says which group meetings are already held (Paris wall-clock time).
    public func staffDashboard(since: Date, today: Day, busiest: Int, now: Date = Date()) async throws -> StaffDashboard {
        try await reader.read { db in
            let needing = try Self.casesNeedingStaff(db)
            return StaffDashboard(
                users: try Self.userCounts(in: db),
                mail: try Self.outboxCounts(in: db),
                lastDelivery: try Self.lastDelivery(in: db),
                figures: try Self.caseFigures(since: since, in: db),
                needingStaff: needing,
                recourse: needing.isEmpty ? [:] : try Self.sharedRecourseDeadlines(caseIds: needing.map(\.id), in: db),
                reviewsDue: try Self.sheetsDueForReviewCount(today: today, in: db),
                busiest: try Self.busiestCorrespondents(limit: busiest, in: db),
                unreachable: try Self.unreachableCorrespondentCount(db),
                referrals: try Self.referralFigures(in: db),
                ateliers: try Self.atelierFigures(today: today, in: db),
                groups: try Self.groupFigures(nowLocal: GroupRules.parisLocalText(now), in: db),
                feedback: try Self.feedbackSummary(in: db),
                peers: try Self.peerFigures(since: since, today: today, in: db),
                observations: try Self.observationFigures(now: now, in: db)
            )
        }
    }
}
