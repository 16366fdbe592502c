import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// Staff curate the vademecum and the parcours: each save or move is one transaction with its
/// version, its audit line and, when a sheet goes to review, the reviewers' mail.
public struct CurationService: Sendable {
    public let database: AppDatabase
    public let notifier: Notifier
    public let staffEmail: String?
    /// Publishing needs someone other than the last editor (`FactSheetWorkflow`).
    public let fourEyes: Bool
    public let clock: @Sendable () -> Date

    public init(database: AppDatabase, notifier: Notifier, staffEmail: String?, fourEyes: Bool, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.notifier = notifier
        self.staffEmail = staffEmail
        self.fourEyes = fourEyes
        self.clock = clock
    }

    // MARK: Fact sheets

    /// Saves a new sheet (`slug` nil: made from the title, unique) or a new draft of one; returns its slug.
    public func saveSheet(slug: String?, content: AppDatabase.SheetContent, nextReview: Day?, related: [String], by user: User,
                          address: String) async throws -> String {
        let now = clock()
        return try await database.write { db in
            // The slugs taken are read in the transaction: two sheets saved at once with one title get two slugs.
            let target = try slug ?? Self.slug(for: content.title, taken: AppDatabase.sheetSlugs(in: db))
            if slug == nil {
                try AppDatabase.createSheet(slug: target, content: content, nextReview: nextReview, author: user.email, now: now, in: db)
                try AppDatabase.setRelatedSheets(slug: target, related: related, in: db)
            } else {
                try AppDatabase.saveDraft(slug: target, content: content, nextReview: nextReview, related: related, author: user.email, now: now, in: db)
            }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .sheetSaved,
                                             target: "fiche \(target)", address: address), in: db)
            return target
        }
    }

    /// Moves a sheet along the workflow; throws `AppDatabase.CurationError` when the workflow refuses.
    /// A sheet sent to review is announced to the staff address.
    public func move(sheet slug: String, _ move: FactSheetWorkflow.Move, by user: User, address: String) async throws {
        let now = clock()
        let (fourEyes, staffEmail, notifier) = (self.fourEyes, self.staffEmail, self.notifier)
        try await database.write { db in
            try AppDatabase.moveSheet(slug: slug, move, by: user.email, fourEyes: fourEyes, today: Day(now), now: now, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .sheetMoved(to: move.target),
                                             target: "fiche \(slug)", address: address), in: db)
            if move == .askReview, let staffEmail, let history = try AppDatabase.sheetHistory(slug: slug, in: db) {
                try notifier.notify(.sheetReview, to: staffEmail, values: ["title": history.sheet.title], link: .staffSheet(slug), date: now, in: db)
            }
        }
    }

    /// Restores an old version as a new draft.
    public func restore(sheet slug: String, version: FactSheetVersion, nextReview: Day?, related: [String], by user: User,
                        address: String) async throws {
        let now = clock()
        try await database.write { db in
            try AppDatabase.saveDraft(slug: slug, content: AppDatabase.SheetContent(version), nextReview: nextReview, related: related,
                                      author: user.email, now: now, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .sheetRestored,
                                             target: "fiche \(slug)", address: address, detail: "version \(version.version)"), in: db)
        }
    }

    /// A slug from the title, made unique among `taken` (and never `nouvelle`, the editor's own path).
    public static func slug(for title: String, taken: Set<String>) -> String {
        let folded = Text.folded(title)
        var base = String(folded.map { $0.isLetter || $0.isNumber ? $0 : "-" })
        while base.contains("--") { base = base.replacingOccurrences(of: "--", with: "-") }
        base = String(base.trimmingCharacters(in: CharacterSet(charactersIn: "-")).prefix(60))
        if base.isEmpty || !Text.isSlug(base) { base = "fiche" }
        var candidate = base, counter = 2
        while taken.contains(candidate) || candidate == "nouvelle" { candidate = "\(base)-\(counter)"; counter += 1 }
        return candidate
    }

    // MARK: Search synonyms

    /// Adds a pair of the search's synonyms (`SearchSynonym`), with its audit line.
    public func addSynonym(term: String, expansion: String, by user: User, address: String) async throws -> AppDatabase.SynonymAddition {
        let now = clock()
        let editor = AppDatabase.SynonymEditor(userId: user.id, email: user.email, address: address)
        return try await database.write { db in
            try AppDatabase.addSearchSynonym(term: term, expansion: expansion, by: editor, now: now, in: db)
        }
    }

    /// Takes a pair out of use; the pair removed, or nil when none is in use with this id.
    public func removeSynonym(id: Int64, by user: User, address: String) async throws -> AppDatabase.SynonymEntry? {
        let now = clock()
        let editor = AppDatabase.SynonymEditor(userId: user.id, email: user.email, address: address)
        return try await database.write { db in try AppDatabase.removeSearchSynonym(id: id, by: editor, now: now, in: db) }
    }

    // MARK: Parcours

    /// A situation as the parcours editor saves it, already checked; steps in their final order.
    public struct SituationInput: Sendable {
        public var title: String
        public var summary: String
        public var urgency: SituationUrgency
        public var endOfFunctions: Bool
        public var steps: [AppDatabase.StepContent]

        public init(title: String, summary: String, urgency: SituationUrgency, endOfFunctions: Bool, steps: [AppDatabase.StepContent]) {
            self.title = title
            self.summary = summary
            self.urgency = urgency
            self.endOfFunctions = endOfFunctions
            self.steps = steps
        }
    }

    /// Replaces a situation's text and steps.
    public func saveSituation(_ situation: Situation, _ input: SituationInput, by user: User, address: String) async throws {
        guard let situationId = situation.id else { return }
        let now = clock()
        try await database.write { db in
            var situation = situation
            situation.title = input.title
            situation.summary = input.summary
            situation.urgency = input.urgency
            situation.endOfFunctions = input.endOfFunctions
            situation.seedHash = SeedImporter.editedInRelais
            try situation.update(db)
            try AppDatabase.replaceSteps(situationId: situationId, with: input.steps, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email, action: .situationChanged,
                                             target: "situation \(situation.slug)", address: address, detail: "\(input.steps.count) étapes"), in: db)
        }
    }
}
