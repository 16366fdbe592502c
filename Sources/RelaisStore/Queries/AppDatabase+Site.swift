import GRDB
import RelaisCore

/// Read models for the public pages. Each returns plain values in one read transaction.
extension AppDatabase {
    /// Figures shown on the home page.
    public struct SiteFigures: Encodable, Sendable, Equatable {
        public var correspondents: Int
        public var departementsCovered: Int
        public var factSheets: Int
        public var partners: Int
    }

    public func siteFigures() async throws -> SiteFigures {
        try await reader.read { db in
            SiteFigures(
                correspondents: try Correspondent.filter(Correspondent.Columns.active).fetchCount(db),
                departementsCovered: try Int.fetchOne(db, sql: """
                    SELECT COUNT(DISTINCT cd.departementCode) FROM correspondentDepartement cd
                    JOIN correspondent c ON c.id = cd.correspondentId WHERE c.active
                    """) ?? 0,
                factSheets: try FactSheet.all().published().fetchCount(db),
                partners: try Partner.filter(!Partner.Columns.archived).fetchCount(db)
            )
        }
    }

    /// Situations of the parcours in display order.
    public func situations() async throws -> [Situation] {
        try await reader.read { db in try Situation.order(Situation.Columns.position).fetchAll(db) }
    }

    /// Whether `slug` names a situation: one indexed row, for checking a form.
    public func situationExists(slug: String) async throws -> Bool {
        try await reader.read { db in
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM situation WHERE slug = ?"), arguments: [slug]) ?? false
        }
    }

    /// A situation with its ordered steps, each with its published fact sheets and partner kinds.
    public struct SituationDetail: Sendable {
        public struct Step: Sendable {
            public var step: SituationStep
            public var factSheets: [FactSheetHeading]
            public var partnerKinds: [PartnerKind]
        }

        public var situation: Situation
        public var steps: [Step]
    }

    public func situationDetail(slug: String) async throws -> SituationDetail? {
        try await reader.read { db in
            guard let situation = try Situation.filter(Situation.Columns.slug == slug).fetchOne(db) else { return nil }
            let steps = try SituationStep.filter(SituationStep.Columns.situationId == situation.id)
                .order(SituationStep.Columns.position).fetchAll(db)
            // Two statements per step, prepared once per connection rather than once per step and page.
            let sheetsOfStep = try db.cachedStatement(sql: """
                SELECT \(FactSheetHeading.columns) FROM factSheet f JOIN situationStepFactSheet l ON l.factSheetId = f.id
                WHERE l.stepId = ? AND f.status = ? ORDER BY l.position
                """)
            let kindsOfStep = try db.cachedStatement(sql: "SELECT kind FROM situationStepPartnerKind WHERE stepId = ? ORDER BY kind")
            let details = try steps.map { step in
                let sheets = try FactSheetHeading.fetchAll(sheetsOfStep, arguments: [step.id, FactSheetStatus.publiee.rawValue])
                let kinds = try String.fetchAll(kindsOfStep, arguments: [step.id]).compactMap(PartnerKind.init(rawValue:))
                return SituationDetail.Step(step: step, factSheets: sheets, partnerKinds: kinds)
            }
            return SituationDetail(situation: situation, steps: details)
        }
    }

    /// What an axis page shows: its published sheets, partners, networks and upcoming ateliers.
    public struct AxisContent: Sendable {
        public var factSheets: [FactSheetHeading]
        public var partners: [Partner]
        public var networks: [Network]
        public var ateliers: [Atelier]
        public var situations: [Situation]
    }

    /// `today` is Paris local `YYYY-MM-DD`: ateliers starting that day or later are upcoming.
    public func axisContent(_ axis: Axis, today: Day) async throws -> AxisContent {
        try await reader.read { db in
            AxisContent(
                factSheets: try FactSheet.all().published().on(axis).orderedByTitle()
                    .select(FactSheetHeading.selection).asRequest(of: FactSheetHeading.self).fetchAll(db),
                partners: try Partner.fetchAll(db, sql: """
                    SELECT p.* FROM partner p JOIN partnerAxis a ON a.partnerId = p.id
                    WHERE a.axis = ? AND NOT p.archived ORDER BY p.national DESC, p.name
                    """, arguments: [axis.rawValue]),
                networks: try Network.fetchAll(db, sql: """
                    SELECT n.* FROM network n JOIN networkAxis a ON a.networkId = n.id
                    WHERE a.axis = ? AND NOT n.archived ORDER BY n.name
                    """, arguments: [axis.rawValue]),
                ateliers: try Atelier.filter(Atelier.Columns.axis == axis.rawValue && !Atelier.Columns.archived
                    && Atelier.Columns.startsAt >= today.iso)
                    .order(Atelier.Columns.startsAt).limit(6).fetchAll(db),
                situations: try Situation.fetchAll(db, sql: """
                    SELECT DISTINCT s.* FROM situation s JOIN situationStep st ON st.situationId = s.id
                    WHERE st.axis = ? ORDER BY s.position
                    """, arguments: [axis.rawValue])
            )
        }
    }

    /// Published sheets grouped by the caller; ordered by axis then title.
    public func publishedFactSheets() async throws -> [FactSheetHeading] {
        try await reader.read { db in
            try FactSheet.all().published().orderedByTitle().select(FactSheetHeading.selection).asRequest(of: FactSheetHeading.self).fetchAll(db)
        }
    }

    /// A published sheet and the published sheets it links to.
    public func publishedFactSheet(slug: String) async throws -> (sheet: FactSheet, related: [FactSheetHeading])? {
        try await reader.read { db in
            guard let sheet = try FactSheet.all().published().filter(FactSheet.Columns.slug == slug).fetchOne(db) else { return nil }
            let related = try FactSheetHeading.fetchAll(db, sql: """
                SELECT \(FactSheetHeading.columns) FROM factSheet f JOIN factSheetLink l ON l.relatedId = f.id
                WHERE l.factSheetId = ? AND f.status = ? ORDER BY f.title
                """, arguments: [sheet.id, FactSheetStatus.publiee.rawValue])
            return (sheet, related)
        }
    }

    /// Counts shown by `/healthz`.
    public func healthCounts() async throws -> (departements: Int, factSheets: Int) {
        try await reader.read { db in
            (try Departement.fetchCount(db), try FactSheet.fetchCount(db))
        }
    }
}
