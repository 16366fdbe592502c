import Foundation
import GRDB
import RelaisCore

/// Vademecum curation. Every save is a new immutable `factSheetVersion`; the `factSheet` row is what
/// readers and the search index see. While a sheet has never been published the row follows its
/// latest draft (and stays hidden: its status is not `publiee`); once published, the row keeps the
/// published text until another version is published, so a draft under review never shows.
extension AppDatabase {
    /// The content of a sheet as the editor handles it.
    public struct SheetContent: Sendable, Equatable {
        public var title: String
        public var summary: String
        public var axis: Axis
        public var theme: String
        public var tags: String
        public var legalReferences: String
        public var bodyMarkdown: String

        public init(title: String, summary: String, axis: Axis, theme: String, tags: String, legalReferences: String, bodyMarkdown: String) {
            self.title = title
            self.summary = summary
            self.axis = axis
            self.theme = theme
            self.tags = tags
            self.legalReferences = legalReferences
            self.bodyMarkdown = bodyMarkdown
        }

        public init(_ version: FactSheetVersion) {
            self.init(title: version.title, summary: version.summary, axis: version.axis, theme: version.theme, tags: version.tags,
                      legalReferences: version.legalReferences, bodyMarkdown: version.bodyMarkdown)
        }

        /// What the row readers see holds.
        public init(_ sheet: FactSheet) {
            self.init(title: sheet.title, summary: sheet.summary, axis: sheet.axis, theme: sheet.theme, tags: sheet.tags,
                      legalReferences: sheet.legalReferences, bodyMarkdown: sheet.bodyMarkdown)
        }
    }

    public struct CurationLine: Sendable {
        public var sheet: FactSheet
        public var latest: FactSheetVersion?
    }

    /// Every sheet, whatever its status, with its latest version.
    public func curationList() async throws -> [CurationLine] {
        try await reader.read { db in
            let latest = try FactSheetVersion.fetchAll(db, sql: """
                SELECT v.* FROM factSheetVersion v
                WHERE v.version = (SELECT max(version) FROM factSheetVersion WHERE factSheetId = v.factSheetId)
                """).reduce(into: [Int64: FactSheetVersion]()) { $0[$1.factSheetId] = $1 }
            return try FactSheet.order(FactSheet.Columns.axis, FactSheet.Columns.title).fetchAll(db).map {
                CurationLine(sheet: $0, latest: latest[$0.id ?? 0])
            }
        }
    }

    public struct SheetHistory: Sendable {
        public var sheet: FactSheet
        public var versions: [FactSheetVersion]
        public var relatedSlugs: [String]

        /// The newest version: what the editor shows.
        public var latest: FactSheetVersion? { versions.last }

        /// Who last changed the text: the author of the newest saved draft.
        public var lastEditor: String? { versions.last { $0.status == .brouillon }?.author }

        /// Where the sheet stands in `FactSheetWorkflow`.
        public var state: FactSheetWorkflow.State {
            FactSheetWorkflow.State(latest: latest?.status ?? .brouillon, visible: sheet.status, lastEditor: lastEditor)
        }
    }

    public func sheetHistory(slug: String) async throws -> SheetHistory? {
        try await reader.read { db in try Self.sheetHistory(slug: slug, in: db) }
    }

    public static func sheetHistory(slug: String, in db: Database) throws -> SheetHistory? {
        guard let sheet = try FactSheet.filter(FactSheet.Columns.slug == slug).fetchOne(db) else { return nil }
        let versions = try FactSheetVersion.filter(Column("factSheetId") == sheet.id).order(Column("version")).fetchAll(db)
        let related = try String.fetchAll(db, sql: """
            SELECT f.slug FROM factSheetLink l JOIN factSheet f ON f.id = l.relatedId WHERE l.factSheetId = ? ORDER BY f.slug
            """, arguments: [sheet.id])
        return SheetHistory(sheet: sheet, versions: versions, relatedSlugs: related)
    }

    public enum CurationError: Error, Equatable {
        case unknownSheet
        case slugTaken
        /// The workflow does not allow this from the sheet's present state.
        case notFromThisState
        /// Four eyes: the last editor may not publish their own text.
        case sameEditor
    }

    /// Creates a sheet as a first draft.
    public static func createSheet(slug: String, content: SheetContent, nextReview: Day?, author: String, now: Date, in db: Database) throws {
        guard try FactSheet.filter(FactSheet.Columns.slug == slug).fetchCount(db) == 0 else { throw CurationError.slugTaken }
        var sheet = FactSheet(
            slug: slug, title: content.title, summary: content.summary, axis: content.axis, theme: content.theme, tags: content.tags,
            legalReferences: content.legalReferences, bodyMarkdown: content.bodyMarkdown, status: .brouillon,
            needsCheck: Self.hasCheckMarks(content.bodyMarkdown), lastReviewed: nil, nextReview: nextReview, currentVersion: 1, updatedAt: now,
            seedHash: SeedImporter.editedInRelais
        )
        try sheet.insert(db)
        try insertVersion(sheetId: sheet.id!, number: 1, content: content, status: .brouillon, author: author, now: now, in: db)
    }

    /// Saves a new draft version; `related` are slugs of other sheets.
    public static func saveDraft(slug: String, content: SheetContent, nextReview: Day?, related: [String], author: String, now: Date,
                                 in db: Database) throws {
        guard let history = try sheetHistory(slug: slug, in: db) else { throw CurationError.unknownSheet }
        var sheet = history.sheet
        let number = (history.latest?.version ?? 0) + 1
        try insertVersion(sheetId: sheet.id!, number: number, content: content, status: .brouillon, author: author, now: now, in: db)
        sheet.nextReview = nextReview
        sheet.seedHash = SeedImporter.editedInRelais
        sheet.updatedAt = now
        if sheet.status != .publiee {
            apply(content, to: &sheet)
            sheet.status = .brouillon
            sheet.currentVersion = number
        }
        try sheet.update(db)
        try setRelatedSheets(slug: slug, related: related, in: db)
    }

    /// Replaces the sheets a sheet links to (unknown slugs are ignored: the editor checks them).
    public static func setRelatedSheets(slug: String, related: [String], in db: Database) throws {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM factSheet WHERE slug = ?", arguments: [slug]) else { return }
        try db.execute(sql: "DELETE FROM factSheetLink WHERE factSheetId = ?", arguments: [id])
        for relatedSlug in Set(related) where relatedSlug != slug {
            try db.execute(sql: """
                INSERT INTO factSheetLink (factSheetId, relatedId) SELECT ?, id FROM factSheet WHERE slug = ?
                """, arguments: [id, relatedSlug])
        }
    }

    /// Moves the newest version along `FactSheetWorkflow`. Publishing copies the text to the row
    /// readers and search see, in this transaction.
    public static func moveSheet(slug: String, _ move: FactSheetWorkflow.Move, by author: String, fourEyes: Bool, today: Day, now: Date,
                                 in db: Database) throws {
        guard let history = try sheetHistory(slug: slug, in: db), let latest = history.latest else { throw CurationError.unknownSheet }
        var sheet = history.sheet
        let content = SheetContent(latest)
        switch FactSheetWorkflow.apply(move, to: history.state, by: author, fourEyes: fourEyes) {
        case .failure(.sameEditor): throw CurationError.sameEditor
        case .failure(.notFromThisState): throw CurationError.notFromThisState
        case .success(let visible):
            if move == .publish {
                apply(content, to: &sheet)
                sheet.lastReviewed = today
            }
            sheet.status = visible
        }
        let status = move.target
        let number = latest.version + 1
        try insertVersion(sheetId: sheet.id!, number: number, content: content, status: status, author: author,
                          now: now, in: db)
        if status == .publiee || sheet.status != .publiee { sheet.currentVersion = number }
        sheet.updatedAt = now
        sheet.seedHash = SeedImporter.editedInRelais
        try sheet.update(db)
    }

    /// Sheets readers see whose review date has passed.
    public func sheetsDueForReview(today: Day) async throws -> [FactSheet] {
        try await reader.read { db in try Self.sheetsDueForReview(today: today, in: db) }
    }

    /// Every sheet's slug, whatever its state.
    public static func sheetSlugs(in db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT slug FROM factSheet"))
    }

    /// How many published sheets are past their review date (the dashboard's figure: no bodies read).
    static func sheetsDueForReviewCount(today: Day, in db: Database) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM factSheet WHERE status = ? AND nextReview IS NOT NULL AND nextReview < ?"),
                         arguments: [FactSheetStatus.publiee.rawValue, today.iso]) ?? 0
    }

    public static func sheetsDueForReview(today: Day, in db: Database) throws -> [FactSheet] {
        try FactSheet.all().published().filter(Column("nextReview") != nil && Column("nextReview") < today.iso).orderedByTitle().fetchAll(db)
    }

    static func insertVersion(sheetId: Int64, number: Int, content: SheetContent, status: FactSheetStatus, author: String, now: Date,
                              in db: Database) throws {
        var version = FactSheetVersion(
            factSheetId: sheetId, version: number, title: content.title, summary: content.summary, axis: content.axis, theme: content.theme,
            tags: content.tags, legalReferences: content.legalReferences, bodyMarkdown: content.bodyMarkdown, status: status, author: author,
            createdAt: now
        )
        try version.insert(db)
    }

    static func apply(_ content: SheetContent, to sheet: inout FactSheet) {
        sheet.title = content.title
        sheet.summary = content.summary
        sheet.axis = content.axis
        sheet.theme = content.theme
        sheet.tags = content.tags
        sheet.legalReferences = content.legalReferences
        sheet.bodyMarkdown = content.bodyMarkdown
        sheet.needsCheck = hasCheckMarks(content.bodyMarkdown)
    }

    static func hasCheckMarks(_ body: String) -> Bool {
        body.range(of: "à vérifier", options: [.caseInsensitive, .diacriticInsensitive]) != nil
    }
}
