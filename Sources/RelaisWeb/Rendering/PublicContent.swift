import NIOConcurrencyHelpers
import RelaisCore
import RelaisStore

/// Public content kept in memory: situations and their steps, published sheets (with their HTML),
/// partners, networks, the territory and the correspondents' public cards, as the named queries of
/// `RelaisStore` return them. Each is read once per content generation, then served from memory to
/// every page, signed-in or not: a signed-in page reads SQLite only for what is personal (the
/// session, the person's cases).
///
/// The values of one generation form an immutable snapshot: a value is never changed once stored, and
/// when the generation moves (`ContentGeneration`: at once for this process's commits, within a second
/// for another process's) the next request starts a new, empty snapshot in one swap. Values that
/// depend on the day (absences) carry the day in their key. A value read while the generation moved is
/// kept only if the snapshot is still the one it was read for.
final class PublicContent: Sendable {
    /// What is kept: one case per query, with its arguments.
    enum Key: Hashable, Sendable {
        case siteFigures
        case situations
        case situationDetail(slug: String)
        case partnersOfKinds([PartnerKind], departement: String?)
        case partners(kind: PartnerKind?, axis: Axis?, region: String?)
        case correspondentsNear(departement: String, day: Day)
        case departement(code: String)
        case departements
        case regions
        case collectivite(code: String)
        case coverage(day: Day)
        case directoryEntry(departement: String, day: Day)
        case axisContent(Axis, day: Day)
        case publishedSheets
        case publishedSheet(slug: String)
        case coverageMap(day: Day, title: String)
        case situationSteps(slug: String)
    }

    /// A snapshot holds at most this many values; past it, new values are served without being kept
    /// (a crawler walking every département and date cannot grow memory without bound).
    static let capacity = 4_096

    private struct Snapshot {
        var generation: Int64
        var values: [Key: any Sendable]
    }

    private let database: AppDatabase
    private let generation: ContentGeneration
    private let snapshot = NIOLockedValueBox(Snapshot(generation: -1, values: [:]))
    /// Sheets' HTML by sheet and version: kept across generations, since a sheet's HTML changes only
    /// with its version (`FactSheetHTML`).
    let sheetHTML = FactSheetHTML()

    init(database: AppDatabase, generation: ContentGeneration) {
        self.database = database
        self.generation = generation
    }

    /// The value of `key` in the current generation: from memory, or loaded once by `load`. A value
    /// `keep` refuses (an unknown slug's nil) is returned without being kept, so that made-up
    /// addresses cannot fill the snapshot.
    func value<T: Sendable>(_ key: Key, keep: (T) -> Bool = { _ in true }, load: () async throws -> T) async throws -> T {
        let current = try await generation.current()
        let kept = snapshot.withLockedValue { snapshot -> (any Sendable)? in
            guard snapshot.generation == current else { return nil }
            return snapshot.values[key]
        }
        // Unwrapped first: a missing value cast to an optional `T` would pass as a kept nil.
        if let kept, let value = kept as? T { return value }
        let value = try await load()
        guard keep(value) else { return value }
        snapshot.withLockedValue { snapshot in
            if snapshot.generation < current {
                snapshot = Snapshot(generation: current, values: [:])
            }
            if snapshot.generation == current, snapshot.values.count < Self.capacity {
                snapshot.values[key] = value
            }
        }
        return value
    }

    /// How many values the current snapshot holds (for tests and the health page).
    var count: Int {
        snapshot.withLockedValue { $0.values.count }
    }
}

// The public queries of `RelaisStore`, through the snapshot: same names, same answers.
extension PublicContent {
    func siteFigures() async throws -> AppDatabase.SiteFigures {
        try await value(.siteFigures) { try await database.siteFigures() }
    }

    func situations() async throws -> [Situation] {
        try await value(.situations) { try await database.situations() }
    }

    func situationDetail(slug: String) async throws -> AppDatabase.SituationDetail? {
        try await value(.situationDetail(slug: slug), keep: { $0 != nil }) { try await database.situationDetail(slug: slug) }
    }

    func partners(kinds: [PartnerKind], departementCode: String?) async throws -> [Partner] {
        try await value(.partnersOfKinds(kinds, departement: departementCode)) {
            try await database.partners(kinds: kinds, departementCode: departementCode)
        }
    }

    func partners(kind: PartnerKind?, axis: Axis?, regionCode: String?) async throws -> [Partner] {
        try await value(.partners(kind: kind, axis: axis, region: regionCode)) {
            try await database.partners(kind: kind, axis: axis, regionCode: regionCode)
        }
    }

    func correspondentsNear(departementCode: String, today: Day) async throws -> (reach: AppDatabase.Reach, cards: [AppDatabase.CorrespondentCard]) {
        let pair = try await value(.correspondentsNear(departement: departementCode, day: today)) {
            let found = try await database.correspondentsNear(departementCode: departementCode, today: today)
            return CorrespondentsNear(reach: found.reach, cards: found.cards)
        }
        return (pair.reach, pair.cards)
    }

    func departement(code: String) async throws -> (Departement, Region)? {
        let pair = try await value(.departement(code: code), keep: { $0 != nil }) {
            try await database.departement(code: code).map { DepartementAndRegion(departement: $0.0, region: $0.1) }
        }
        return pair.map { ($0.departement, $0.region) }
    }

    func departements() async throws -> [Departement] {
        try await value(.departements) { try await database.departements() }
    }

    func collectivite(code: String) async throws -> Collectivite? {
        try await value(.collectivite(code: code), keep: { $0 != nil }) { try await database.collectivite(code: code) }
    }

    func coverage(today: Day) async throws -> [AppDatabase.DepartementCoverage] {
        try await value(.coverage(day: today)) { try await database.coverage(today: today) }
    }

    func directoryEntry(departementCode: String, today: Day) async throws -> AppDatabase.DirectoryEntry? {
        try await value(.directoryEntry(departement: departementCode, day: today), keep: { $0 != nil }) {
            try await database.directoryEntry(departementCode: departementCode, today: today)
        }
    }

    func axisContent(_ axis: Axis, today: Day) async throws -> AppDatabase.AxisContent {
        try await value(.axisContent(axis, day: today)) { try await database.axisContent(axis, today: today) }
    }

    func publishedFactSheets() async throws -> [FactSheetHeading] {
        try await value(.publishedSheets) { try await database.publishedFactSheets() }
    }

    func publishedFactSheet(slug: String) async throws -> (sheet: FactSheet, related: [FactSheetHeading])? {
        let pair = try await value(.publishedSheet(slug: slug), keep: { $0 != nil }) {
            try await database.publishedFactSheet(slug: slug).map { SheetAndRelated(sheet: $0.sheet, related: $0.related) }
        }
        return pair.map { ($0.sheet, $0.related) }
    }

    /// The coverage map of the day and its legend (`CoverageMap`), drawn once per generation: the
    /// dashboard shows it to staff on every visit, and it is 230 KB of SVG.
    func coverageMap(today: Day, map: FranceMap, title: String) async throws -> (svg: String, legend: [CoverageLegendItem]) {
        let drawn = try await value(.coverageMap(day: today, title: title)) {
            let (svg, legend) = CoverageMap.render(try await coverage(today: today), map: map, title: title)
            return DrawnMap(svg: svg, legend: legend)
        }
        return (drawn.svg, drawn.legend)
    }

    // Tuples are not Sendable values to keep: these carry them.
    private struct DrawnMap: Sendable {
        let svg: String
        let legend: [CoverageLegendItem]
    }

    private struct CorrespondentsNear: Sendable {
        let reach: AppDatabase.Reach
        let cards: [AppDatabase.CorrespondentCard]
    }

    private struct DepartementAndRegion: Sendable {
        let departement: Departement
        let region: Region
    }

    private struct SheetAndRelated: Sendable {
        let sheet: FactSheet
        let related: [FactSheetHeading]
    }
}

/// A published sheet's HTML, rendered from its Markdown once per sheet and version rather than on
/// every request. The Markdown is kept beside it and compared, so a body changed without a new
/// version (a seed re-imported over a live server) is rendered again rather than served stale.
final class FactSheetHTML: Sendable {
    private struct Entry {
        let markdown: String
        let html: String
    }

    /// At most this many sheets' HTML is kept (the 10,000-sheet vademecum of the scale benchmark
    /// would otherwise be held whole once crawled); past it, the cache starts again empty.
    static let capacity = 2_000

    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    func html(for sheet: FactSheet) -> String {
        let key = "\(sheet.id ?? 0)#\(sheet.currentVersion)"
        if let entry = entries.withLockedValue({ $0[key] }), entry.markdown == sheet.bodyMarkdown {
            return entry.html
        }
        let html = Markdown.sheetHTML(sheet.bodyMarkdown)
        entries.withLockedValue { entries in
            if entries.count >= Self.capacity { entries.removeAll() }
            entries[key] = Entry(markdown: sheet.bodyMarkdown, html: html)
        }
        return html
    }
}
