import GRDB
import RelaisCore

/// Read models of the personal parcours: who can help near the director, and which partners.
extension AppDatabase {
    /// How far the search for correspondents had to go.
    public enum Reach: String, Sendable {
        case departement, region, national
    }

    /// A correspondent as a director sees them: first name only, never an address.
    public struct CorrespondentCard: Sendable, Equatable {
        public var firstName: String
        public var position: String
        public var presentation: String
        public var mainDepartement: String
        public var axes: [Axis]
        public var absentUntil: Day?
    }

    /// Correspondents covering `departementCode`; if nobody does, those of its région; then a
    /// national selection. Available ones first.
    public func correspondentsNear(departementCode: String, today: Day) async throws -> (reach: Reach, cards: [CorrespondentCard]) {
        try await reader.read { db in
            func cards(_ condition: String, _ arguments: StatementArguments) throws -> [CorrespondentCard] {
                try Self.cards(db, today: today, limit: 8, where: condition, arguments)
            }
            let local = try cards("c.id IN (SELECT correspondentId FROM correspondentDepartement WHERE departementCode = ?)", [departementCode])
            if !local.isEmpty { return (.departement, local) }
            let regional = try cards("""
                c.id IN (SELECT cd.correspondentId FROM correspondentDepartement cd JOIN departement d2 ON d2.code = cd.departementCode
                         WHERE d2.regionCode = (SELECT regionCode FROM departement WHERE code = ?))
                """, [departementCode])
            if !regional.isEmpty { return (.region, regional) }
            return (.national, try cards("1", []))
        }
    }

    /// Partners of `kinds` serving the région of `departementCode`, or national ones.
    public func partners(kinds: [PartnerKind], departementCode: String?) async throws -> [Partner] {
        guard !kinds.isEmpty else { return [] }
        return try await reader.read { db in
            let marks = kinds.map { _ in "?" }.joined(separator: ",")
            var arguments = StatementArguments(kinds.map(\.rawValue))
            arguments += [departementCode ?? ""]
            return try Partner.fetchAll(db, sql: """
                SELECT p.* FROM partner p
                WHERE NOT p.archived AND p.kind IN (\(marks))
                  AND (p.national OR p.id IN (SELECT partnerId FROM partnerRegion
                       WHERE regionCode = (SELECT regionCode FROM departement WHERE code = ?)))
                ORDER BY p.national, p.name
                LIMIT 12
                """, arguments: arguments)
        }
    }

    /// Whether `code` names a département: one indexed row, for checking a form.
    public func departementExists(code: String) async throws -> Bool {
        try await reader.read { db in
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM departement WHERE code = ?"), arguments: [code]) ?? false
        }
    }

    public func departement(code: String) async throws -> (Departement, Region)? {
        try await reader.read { db in
            guard let departement = try Departement.fetchOne(db, key: code),
                  let region = try Region.fetchOne(db, key: departement.regionCode) else { return nil }
            return (departement, region)
        }
    }
}

extension AppDatabase {
    /// Partners matching optional filters: kind, axis, région (a région also shows national ones).
    public func partners(kind: PartnerKind?, axis: Axis?, regionCode: String?) async throws -> [Partner] {
        try await reader.read { db in
            var conditions = ["NOT p.archived"]
            var arguments = StatementArguments()
            if let kind {
                conditions.append("p.kind = ?")
                arguments += [kind.rawValue]
            }
            if let axis {
                conditions.append("p.id IN (SELECT partnerId FROM partnerAxis WHERE axis = ?)")
                arguments += [axis.rawValue]
            }
            if let regionCode {
                conditions.append("(p.national OR p.id IN (SELECT partnerId FROM partnerRegion WHERE regionCode = ?))")
                arguments += [regionCode]
            }
            return try Partner.fetchAll(db, sql: "SELECT p.* FROM partner p WHERE \(conditions.joined(separator: " AND ")) ORDER BY p.name",
                                        arguments: arguments)
        }
    }

    public func regions() async throws -> [Region] {
        try await reader.read { db in try Region.order(Region.Columns.name).fetchAll(db) }
    }

    /// Networks, and the upcoming ateliers from `today` on, with their région name.
    public func networksAndAteliers(today: Day) async throws -> (networks: [Network], ateliers: [(Atelier, String?)]) {
        try await reader.read { db in
            let networks = try Network.filter(!Network.Columns.archived).order(Network.Columns.name).fetchAll(db)
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.*, r.name AS regionName FROM atelier a LEFT JOIN region r ON r.code = a.regionCode
                WHERE NOT a.archived AND a.startsAt >= ? ORDER BY a.startsAt
                """, arguments: [today.iso])
            return (networks, try rows.map { (try Atelier(row: $0), $0["regionName"] as String?) })
        }
    }
}
