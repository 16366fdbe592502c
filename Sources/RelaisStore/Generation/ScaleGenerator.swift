import Foundation
import GRDB
import RelaisCore

/// Fills a seeded database with a large, realistic and deterministic data set for the scale benchmark
/// (`relais dev generate`, `bench/scale.sh`): fact sheets, correspondents with their accounts,
/// coverage, axes and capacity, directors, and cases across the whole lifecycle with their axes,
/// timeline, messages and notes.
///
/// The data keeps the invariants the app relies on: references unique per year and in opening order,
/// statuses and timelines that `CaseLifecycle` could have produced, active cases held only by active
/// correspondents within their capacity, cases closed past the retention period anonymised. Rows go
/// in through prepared statements in a few large transactions; the triggers (search index, content
/// generation) run as for any other write. The same seed and day give the same data.
public struct ScaleGenerator: Sendable {
    public struct Sizes: Sendable, Equatable {
        /// Totals wanted: what the database already holds counts towards them (sheets, correspondents).
        public var cases: Int
        public var sheets: Int
        public var correspondents: Int
        public var messages: Int

        public init(cases: Int, sheets: Int, correspondents: Int, messages: Int) {
            self.cases = cases
            self.sheets = sheets
            self.correspondents = correspondents
            self.messages = messages
        }
    }

    public var sizes: Sizes
    public var seed: UInt64
    /// The moment the data ends: cases open over the five years before it.
    public var now: Date
    /// One bcrypt hash shared by every generated account (hashing 60,000 passwords would take hours).
    public var passwordHash: String

    public init(sizes: Sizes, seed: UInt64, now: Date, passwordHash: String) {
        self.sizes = sizes
        self.seed = seed
        self.now = now
        self.passwordHash = passwordHash
    }

    /// How many rows each table received, and how long each phase took.
    public struct Report: Sendable, CustomStringConvertible {
        public var rows: [(table: String, count: Int)] = []
        public var phases: [(name: String, seconds: Double)] = []

        public var description: String {
            (rows.map { "\($0.table): \($0.count)" } + phases.map { "\($0.name): \(String(format: "%.1f", $0.seconds)) s" })
                .joined(separator: "\n")
        }
    }

    /// Adds the data to `database`, which must hold the seeds (territory and situations).
    public func run(into database: AppDatabase) throws -> Report {
        var report = Report()
        var random = SeededRandom(seed: seed)
        let clock = ContinuousClock()
        func phase<T>(_ name: String, _ body: (Database) throws -> T) throws -> T {
            let start = clock.now
            let result = try database.writer.write(body)
            let elapsed = clock.now - start
            report.phases.append((name, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18))
            return result
        }
        try database.writer.writeWithoutTransaction { db in
            // A throw-away load: durability of each commit does not matter, speed does.
            try db.execute(sql: "PRAGMA synchronous = OFF; PRAGMA cache_size = -200000")
        }
        let territory = try database.reader.read { db in try Territory.load(db) }
        guard !territory.departements.isEmpty, !territory.situations.isEmpty else { throw GenerationError.notSeeded }

        let sheets = try phase("fact sheets") { db in try addFactSheets(territory: territory, random: &random, in: db) }
        report.rows.append(("factSheet (added)", sheets))
        let network = try phase("correspondents") { db in try addCorrespondents(territory: territory, random: &random, in: db) }
        report.rows.append(("correspondent (added, with an account)", network.count))
        let directors = try phase("directors") { db in try addDirectors(territory: territory, random: &random, in: db) }
        report.rows.append(("user (directors added)", directors.count))
        var pool = network
        let cases = try phase("cases, events, messages, notes") { db in
            try addCases(territory: territory, correspondents: &pool, directors: directors, random: &random, in: db)
        }
        report.rows += cases
        try phase("analyse") { db in try db.execute(sql: "ANALYZE") }
        try database.writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // Leaves one compact file behind (an in-memory database has no WAL: nothing to do).
            _ = try? db.checkpoint(.truncate)
        }
        return report
    }

    public enum GenerationError: Error, CustomStringConvertible {
        case notSeeded

        public var description: String { "the database holds no seeds: run `relais seed` first" }
    }

    /// The seeded reference data the generator draws from.
    struct Territory {
        var departements: [String] = []
        var regionOf: [String: String] = [:]
        var departementsOf: [String: [String]] = [:]
        var collectivites: [String: [String]] = [:]
        var situations: [String] = []

        static func load(_ db: Database) throws -> Territory {
            var territory = Territory()
            for row in try Row.fetchAll(db, sql: "SELECT code, regionCode FROM departement ORDER BY code") {
                let code: String = row["code"], region: String = row["regionCode"]
                territory.departements.append(code)
                territory.regionOf[code] = region
                territory.departementsOf[region, default: []].append(code)
            }
            for row in try Row.fetchAll(db, sql: "SELECT code, departementCode FROM collectivite ORDER BY code") {
                territory.collectivites[row["departementCode"], default: []].append(row["code"])
            }
            territory.situations = try String.fetchAll(db, sql: "SELECT slug FROM situation ORDER BY position")
            return territory
        }
    }
}
