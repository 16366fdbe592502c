import GRDB
import RelaisCore

/// Read models of the directory (`/annuaire`): how each département is covered, and who covers it.
extension AppDatabase {
    /// A département with the number of correspondents covering it, available or absent today.
    public struct DepartementCoverage: Sendable, Equatable {
        public var code: String
        public var name: String
        public var regionCode: String
        public var regionName: String
        /// Active correspondents covering the département who are not absent today.
        public var available: Int
        /// Active correspondents covering the département who are absent today.
        public var absent: Int

        public var status: CoverageStatus { CoverageStatus(available: available, absent: absent) }
    }

    /// Every département with its coverage on `today`, in code order.
    public func coverage(today: Day) async throws -> [DepartementCoverage] {
        try await reader.read { db in
            // An absence "until" a date includes that date, as in the parcours (`correspondentsNear`).
            let rows = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT d.code, d.name, r.code AS regionCode, r.name AS regionName,
                       COUNT(DISTINCT CASE WHEN c.absentUntil IS NULL OR c.absentUntil < :today THEN c.id END) AS available,
                       COUNT(DISTINCT CASE WHEN c.absentUntil >= :today THEN c.id END) AS absent
                FROM departement d
                JOIN region r ON r.code = d.regionCode
                LEFT JOIN correspondentDepartement cd ON cd.departementCode = d.code
                LEFT JOIN correspondent c ON c.id = cd.correspondentId AND c.active
                GROUP BY d.code
                ORDER BY d.code
                """), arguments: ["today": today.iso])
            return rows.map { row in
                DepartementCoverage(code: row["code"], name: row["name"], regionCode: row["regionCode"], regionName: row["regionName"],
                                    available: row["available"], absent: row["absent"])
            }
        }
    }

    /// What `/annuaire/{code}` shows: the département's correspondents, the other ones of its région,
    /// and, when neither exists, a national selection.
    public struct DirectoryEntry: Sendable {
        public var departement: Departement
        public var region: Region
        public var local: [CorrespondentCard]
        public var regional: [CorrespondentCard]
        /// Filled only when the département and its région have nobody.
        public var national: [CorrespondentCard]
    }

    /// The directory entry of `departementCode`, or nil for an unknown code. Available people first.
    public func directoryEntry(departementCode: String, today: Day) async throws -> DirectoryEntry? {
        try await reader.read { db in
            guard let departement = try Departement.fetchOne(db, key: departementCode),
                  let region = try Region.fetchOne(db, key: departement.regionCode) else { return nil }
            let local = try Self.cards(db, today: today, limit: 24, where: """
                c.id IN (SELECT correspondentId FROM correspondentDepartement WHERE departementCode = ?)
                """, [departement.code])
            let regional = try Self.cards(db, today: today, limit: 24, where: """
                c.id IN (SELECT cd.correspondentId FROM correspondentDepartement cd JOIN departement d2 ON d2.code = cd.departementCode
                         WHERE d2.regionCode = ?)
                AND c.id NOT IN (SELECT correspondentId FROM correspondentDepartement WHERE departementCode = ?)
                """, [region.code, departement.code])
            let national = local.isEmpty && regional.isEmpty ? try Self.cards(db, today: today, limit: 8, where: "1", []) : []
            return DirectoryEntry(departement: departement, region: region, local: local, regional: regional, national: national)
        }
    }

    /// Active correspondents matching `condition`, as directors see them: available ones first, then
    /// by first name. Never an address or a phone number.
    static func cards(_ db: Database, today: Day, limit: Int, where condition: String, _ arguments: StatementArguments) throws -> [CorrespondentCard] {
        let rows = try Row.fetchAll(db, sql: """
            SELECT c.id, c.firstName, c.position, c.presentation, c.absentUntil, d.name AS departementName,
                   (SELECT group_concat(axis) FROM correspondentAxis a WHERE a.correspondentId = c.id) AS axes
            FROM correspondent c JOIN departement d ON d.code = c.mainDepartementCode
            WHERE c.active AND \(condition)
            ORDER BY (c.absentUntil IS NOT NULL AND c.absentUntil >= ?), c.firstName, c.id
            LIMIT \(limit)
            """, arguments: arguments + [today.iso])
        return rows.map { row in
            let absent: String? = row["absentUntil"]
            let axes = ((row["axes"] as String?) ?? "").split(separator: ",").compactMap { Axis(rawValue: String($0)) }
            return CorrespondentCard(
                firstName: row["firstName"], position: row["position"], presentation: row["presentation"],
                mainDepartement: row["departementName"], axes: Axis.allCases.filter(axes.contains),
                absentUntil: absent.flatMap(Day.init(iso:)).flatMap { $0 >= today ? $0 : nil }
            )
        }
    }
}
