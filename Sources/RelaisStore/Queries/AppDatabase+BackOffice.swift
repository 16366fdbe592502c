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
        try await reader.read { db in
            var figures = CaseFigures()
            for row in try Row.fetchAll(db, sql: "SELECT status, count(*) AS n FROM caseFile WHERE openedAt IS NOT NULL GROUP BY status") {
                if let status = CaseStatus(rawValue: row["status"]) { figures.openByStatus[status] = row["n"] }
            }
            figures.late = try Int.fetchOne(db, sql: """
                SELECT count(*) FROM caseFile WHERE escalatedAt IS NOT NULL AND status IN ('nouvelle', 'attribuee')
                """) ?? 0
            let rows = try Row.fetchAll(db, sql: """
                SELECT openedAt, acceptedAt, closedAt FROM caseFile WHERE openedAt IS NOT NULL AND openedAt >= ?
                """, arguments: [since])
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
            let axisCounts = Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: """
                SELECT a.axis, count(*) AS n FROM caseAxis a JOIN caseFile f ON f.id = a.caseId
                WHERE f.openedAt IS NOT NULL AND f.openedAt >= ? GROUP BY a.axis
                """, arguments: [since]).map { (($0["axis"] as String), ($0["n"] as Int)) })
            figures.byAxis = Axis.allCases.map { ($0.label, axisCounts[$0.rawValue] ?? 0) }
            figures.bySituation = try Row.fetchAll(db, sql: """
                SELECT coalesce(s.title, f.situationSlug) AS label, count(*) AS n FROM caseFile f LEFT JOIN situation s ON s.slug = f.situationSlug
                WHERE f.openedAt IS NOT NULL AND f.openedAt >= ? GROUP BY label ORDER BY n DESC, label
                """, arguments: [since]).map { ($0["label"], $0["n"]) }
            figures.byRegion = try Row.fetchAll(db, sql: """
                SELECT r.name AS label, count(*) AS n FROM caseFile f JOIN departement d ON d.code = f.departementCode
                JOIN region r ON r.code = d.regionCode
                WHERE f.openedAt IS NOT NULL AND f.openedAt >= ? GROUP BY r.code ORDER BY n DESC, r.name
                """, arguments: [since]).map { ($0["label"], $0["n"]) }
            return figures
        }
    }

    /// A correspondent as staff manage them.
    public struct CorrespondentRow: Sendable, Equatable {
        public var correspondent: Correspondent
        public var departementCodes: [String]
        public var axes: [Axis]
        public var load: Int
        public var accountEmail: String?
    }

    public func correspondentRows() async throws -> [CorrespondentRow] {
        try await reader.read { db in
            var departements: [Int64: [String]] = [:], axes: [Int64: [Axis]] = [:], accounts: [Int64: String] = [:], loads: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT correspondentId, departementCode FROM correspondentDepartement ORDER BY departementCode") {
                departements[row["correspondentId"], default: []].append(row["departementCode"])
            }
            for row in try Row.fetchAll(db, sql: "SELECT correspondentId, axis FROM correspondentAxis") {
                if let axis = Axis(rawValue: row["axis"]) { axes[row["correspondentId"], default: []].append(axis) }
            }
            for row in try Row.fetchAll(db, sql: "SELECT correspondentId, email FROM user WHERE correspondentId IS NOT NULL") {
                accounts[row["correspondentId"]] = row["email"]
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT assigneeId, count(*) AS n FROM caseFile WHERE status IN ('attribuee', 'prise_en_charge', 'en_attente') AND assigneeId IS NOT NULL
                GROUP BY assigneeId
                """) {
                loads[row["assigneeId"]] = row["n"]
            }
            return try Correspondent.order(Column("active").desc, Column("lastName"), Column("firstName")).fetchAll(db).map { c in
                let id = c.id ?? 0
                return CorrespondentRow(correspondent: c, departementCodes: departements[id] ?? [],
                                        axes: Axis.allCases.filter { (axes[id] ?? []).contains($0) }, load: loads[id] ?? 0,
                                        accountEmail: accounts[id])
            }
        }
    }

    /// Cases for supervision, filtered; never the narrative.
    public func supervisedCases(status: CaseStatus?, axis: Axis?, regionCode: String?, lateOnly: Bool) async throws -> [CaseSummary] {
        try await reader.read { db in
            var clauses = ["f.openedAt IS NOT NULL", "f.anonymisedAt IS NULL"]
            var arguments = StatementArguments()
            if let status { clauses.append("f.status = ?"); arguments += [status.rawValue] }
            if let axis { clauses.append("f.id IN (SELECT caseId FROM caseAxis WHERE axis = ?)"); arguments += [axis.rawValue] }
            if let regionCode {
                clauses.append("f.departementCode IN (SELECT code FROM departement WHERE regionCode = ?)")
                arguments += [regionCode]
            }
            if lateOnly { clauses.append("f.escalatedAt IS NOT NULL AND f.status IN ('nouvelle', 'attribuee')") }
            return try Self.summaries(db, where: clauses.joined(separator: " AND "), arguments)
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
        try reader.read { db in try Date.fetchOne(db, sql: "SELECT max(deliveredAt) FROM outboxMessage") }
    }

    public func outboxMessage(id: Int64) throws -> OutboxMessage? {
        try reader.read { db in try OutboxMessage.fetchOne(db, key: id) }
    }
}
