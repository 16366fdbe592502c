import Foundation
import GRDB
import RelaisCore

/// The named reads of the staff editors (network, parcours) and the writes their use cases make.
extension AppDatabase {
    // MARK: Network

    /// Every atelier, the latest first, for the staff list.
    public func ateliersForStaff() async throws -> [Atelier] {
        try await reader.read { db in try Atelier.order(Atelier.Columns.startsAt.desc).fetchAll(db) }
    }

    public func atelier(id: Int64) async throws -> Atelier? {
        try await reader.read { db in try Atelier.fetchOne(db, key: id) }
    }

    /// Every network, archived ones included, by name.
    public func networksByName() async throws -> [Network] {
        try await reader.read { db in try Network.order(Network.Columns.name).fetchAll(db) }
    }

    /// A network and its axes.
    public func network(id: Int64) async throws -> (Network, [Axis])? {
        try await reader.read { db in
            guard let network = try Network.fetchOne(db, key: id) else { return nil }
            let axes = try String.fetchAll(db, sql: "SELECT axis FROM networkAxis WHERE networkId = ?", arguments: [id])
            return (network, axes.compactMap(Axis.init(rawValue:)))
        }
    }

    public static func setPartnerAxes(_ axes: [Axis], regions: [String], partnerId: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM partnerAxis WHERE partnerId = ?", arguments: [partnerId])
        for axis in axes { try db.execute(sql: "INSERT INTO partnerAxis (partnerId, axis) VALUES (?, ?)", arguments: [partnerId, axis.rawValue]) }
        try db.execute(sql: "DELETE FROM partnerRegion WHERE partnerId = ?", arguments: [partnerId])
        for code in regions { try db.execute(sql: "INSERT INTO partnerRegion (partnerId, regionCode) VALUES (?, ?)", arguments: [partnerId, code]) }
    }

    public static func setNetworkAxes(_ axes: [Axis], networkId: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM networkAxis WHERE networkId = ?", arguments: [networkId])
        for axis in axes { try db.execute(sql: "INSERT INTO networkAxis (networkId, axis) VALUES (?, ?)", arguments: [networkId, axis.rawValue]) }
    }

    /// Archives the ateliers that ended before `localTime` (Paris, `2026-12-03T18:30`); returns how many.
    public static func archiveAteliers(endedBefore localTime: String, in db: Database) throws -> Int {
        try db.execute(sql: "UPDATE atelier SET archived = 1 WHERE NOT archived AND endsAt < ?", arguments: [localTime])
        return db.changesCount
    }

    /// A correspondent's availability and capacity, from their desk.
    public static func setAvailability(correspondentId: Int64, absentUntil: Day?, capacity: Int, in db: Database) throws {
        try db.execute(sql: "UPDATE correspondent SET absentUntil = ?, capacity = ?, seedHash = ? WHERE id = ?",
                       arguments: [absentUntil?.iso, capacity, SeedImporter.editedInRelais, correspondentId])
    }

    /// The départements and axes a correspondent covers, replaced.
    public static func setCorrespondentCoverage(correspondentId id: Int64, departements: Set<String>, axes: [Axis], in db: Database) throws {
        try db.execute(sql: "DELETE FROM correspondentDepartement WHERE correspondentId = ?", arguments: [id])
        for code in departements.sorted() {
            try db.execute(sql: "INSERT INTO correspondentDepartement (correspondentId, departementCode) VALUES (?, ?)", arguments: [id, code])
        }
        try db.execute(sql: "DELETE FROM correspondentAxis WHERE correspondentId = ?", arguments: [id])
        for axis in axes {
            try db.execute(sql: "INSERT INTO correspondentAxis (correspondentId, axis) VALUES (?, ?)", arguments: [id, axis.rawValue])
        }
    }

    /// The open cases held by a correspondent.
    public static func activeCases(assignedTo correspondentId: Int64, in db: Database) throws -> [CaseFile] {
        try CaseFile.filter(CaseFile.Columns.assigneeId == correspondentId && CaseStatus.active.map(\.rawValue).contains(CaseFile.Columns.status)).fetchAll(db)
    }

    /// Erases the cases typed but never confirmed, created before `date`; returns how many.
    public static func eraseUnconfirmedCases(createdBefore date: Date, in db: Database) throws -> Int {
        try CaseFile.filter(CaseFile.Columns.openedAt == nil && Column("createdAt") < date).deleteAll(db)
    }

    /// A case's axes, outside a transaction.
    public func caseAxes(caseId: Int64) async throws -> [Axis] {
        try await reader.read { db in try Self.caseAxes(caseId: caseId, in: db) }
    }

    // MARK: Parcours

    /// The slugs of the sheets linked to each step of a situation, published or not, in order.
    public func sheetSlugsByStep(situationId: Int64) async throws -> [Int64: [String]] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: """
                SELECT l.stepId, f.slug FROM situationStepFactSheet l JOIN factSheet f ON f.id = l.factSheetId
                JOIN situationStep s ON s.id = l.stepId WHERE s.situationId = ? ORDER BY l.position
                """, arguments: [situationId]).reduce(into: [Int64: [String]]()) { $0[$1["stepId"], default: []].append($1["slug"]) }
        }
    }

    /// Every fact sheet's id by slug, whatever its state.
    public func factSheetIdsBySlug() async throws -> [String: Int64] {
        try await reader.read { db in
            try Row.fetchAll(db, sql: "SELECT id, slug FROM factSheet").reduce(into: [String: Int64]()) { $0[$1["slug"]] = $1["id"] }
        }
    }

    /// A step of a situation as the editor saves it.
    public struct StepContent: Sendable {
        public var axis: Axis
        public var title: String
        public var body: String
        public var sheetIds: [Int64]
        public var partnerKinds: [String]

        public init(axis: Axis, title: String, body: String, sheetIds: [Int64], partnerKinds: [String]) {
            self.axis = axis
            self.title = title
            self.body = body
            self.sheetIds = sheetIds
            self.partnerKinds = partnerKinds
        }
    }

    /// Replaces a situation's steps with `steps`, numbered in the order given.
    public static func replaceSteps(situationId: Int64, with steps: [StepContent], in db: Database) throws {
        try SituationStep.filter(SituationStep.Columns.situationId == situationId).deleteAll(db)
        for (index, content) in steps.enumerated() {
            var step = SituationStep(situationId: situationId, axis: content.axis, position: index + 1, title: content.title, body: content.body)
            try step.insert(db)
            var seen = Set<Int64>()
            for (order, sheetId) in content.sheetIds.enumerated() where seen.insert(sheetId).inserted {
                try db.execute(sql: "INSERT INTO situationStepFactSheet (stepId, factSheetId, position) VALUES (?, ?, ?)",
                               arguments: [step.id, sheetId, order + 1])
            }
            for kind in content.partnerKinds {
                try db.execute(sql: "INSERT INTO situationStepPartnerKind (stepId, kind) VALUES (?, ?)", arguments: [step.id, kind])
            }
        }
    }
}
