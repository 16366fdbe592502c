import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Feedback: closing questions, sheets' votes and reports")
struct FeedbackServiceTests {
    static let answers = ClosingAnswers(timely: .yes, useful: .partly, recommend: .yes, comment: "Merci pour l’écoute.", shareComment: true)

    /// A case opened, accepted and closed by its correspondent.
    static func closedCase(_ world: World, outcome: CaseOutcome = .resolue) async throws -> CaseFile {
        let opened = try await world.openCase()
        try await world.apply(.accept, to: opened.id!, by: world.correspondent, as: .assignee)
        return try await world.apply(.close(outcome), to: opened.id!, by: world.correspondent, as: .assignee)
    }

    @Test("closing asks the director once, by a neutral mail whose link opens the form; a reopened case closed again is not asked twice")
    func askedOnce() async throws {
        // setup
        let world = try await World.make()

        // MUT
        let closed = try await Self.closedCase(world)

        // validate
        let mails = try world.outbox(.closingFeedback)
        #expect(mails.map(\.recipient) == [world.director.notificationEmail])
        let mail = try #require(mails.first)
        #expect(mail.text.contains("/demandes/\(closed.reference!)/retour"))
        #expect(mail.text.contains(closed.reference!))
        for forbidden in ["XYLOGRAPHE", "Quintilien", "Zephyrin", World.phone, "Correspondant Principal", "fin de fonctions"] {
            #expect(!mail.raw.contains(forbidden) && !mail.text.contains(forbidden) && !mail.html.contains(forbidden), "\(forbidden) in the mail")
        }
        #expect(mail.decodedSubject == "Relais\u{00A0}: du nouveau dans votre espace")
        #expect(try await world.database.closingFeedback(caseId: closed.id!)?.isAnswered == false)

        world.clock.advance(by: 86_400)
        try await world.apply(.reopen, to: closed.id!, by: world.director, as: .director)
        try await world.apply(.accept, to: closed.id!, by: world.correspondent, as: .assignee)
        try await world.apply(.close(.sansSuite), to: closed.id!, by: world.correspondent, as: .assignee)
        #expect(try world.outbox(.closingFeedback).count == 1)
    }

    @Test("a withdrawn case asks nothing")
    func withdrawnAsksNothing() async throws {
        let world = try await World.make()
        let opened = try await world.openCase()
        try await world.apply(.withdraw, to: opened.id!, by: world.director, as: .director)
        #expect(try world.outbox(.closingFeedback).isEmpty)
        #expect(try await world.database.closingFeedback(caseId: opened.id!) == nil)
    }

    @Test("the director answers once; a second answer is refused and the first stays; nobody else can answer")
    func answerOnce() async throws {
        let world = try await World.make()
        let closed = try await Self.closedCase(world)
        let feedback = world.useCases.feedback

        #expect(try await feedback.answerClosing(reference: closed.reference!, director: world.correspondent, answers: Self.answers) == .notAsked)
        #expect(try await feedback.answerClosing(reference: closed.reference!, director: world.director, answers: Self.answers) == .recorded)
        var other = Self.answers
        other.timely = .no
        other.comment = "Autre chose"
        #expect(try await feedback.answerClosing(reference: closed.reference!, director: world.director, answers: other) == .alreadyAnswered)

        let stored = try #require(try await world.database.closingFeedback(caseId: closed.id!))
        #expect(stored.answers == Self.answers)
        #expect(stored.answeredAt == world.clock.now)

        // A case still open was never asked.
        let open = try await world.openCase()
        #expect(try await feedback.answerClosing(reference: open.reference!, director: world.director, answers: Self.answers) == .notAsked)
    }

    @Test("sharing an empty comment shares nothing; anonymising the case erases the comment and keeps the answers")
    func emptyShareAndAnonymisation() async throws {
        let world = try await World.make()
        let closed = try await Self.closedCase(world)
        var answers = Self.answers
        answers.comment = ""
        _ = try await world.useCases.feedback.answerClosing(reference: closed.reference!, director: world.director, answers: answers)
        #expect(try await world.database.closingFeedback(caseId: closed.id!)?.shareComment == false)

        let second = try await Self.closedCase(world)
        _ = try await world.useCases.feedback.answerClosing(reference: second.reference!, director: world.director, answers: Self.answers)
        try await world.database.write { db in _ = try AppDatabase.anonymiseCase(id: second.id!, now: world.clock.now, in: db) }
        let kept = try #require(try await world.database.closingFeedback(caseId: second.id!))
        #expect(kept.comment.isEmpty && !kept.shareComment)
        #expect(kept.timely == .yes && kept.useful == .partly)
    }

    @Test("the figures count answered cases by axis and région, with no name, and suppress small cells")
    func figures() async throws {
        let world = try await World.make()
        for _ in 0..<3 {
            // One opening a day: the director's daily limit.
            world.clock.advance(by: 86_400)
            let closed = try await Self.closedCase(world)
            _ = try await world.useCases.feedback.answerClosing(reference: closed.reference!, director: world.director, answers: Self.answers)
        }
        world.clock.advance(by: 86_400)
        _ = try await Self.closedCase(world)
        let figures = try await world.database.closingFeedbackFigures()
        #expect(figures.asked == 4)
        #expect(figures.total.count == 3)
        #expect(figures.total.yesPercent?[.timely] == 100 && figures.total.yesPercent?[.useful] == 0)
        #expect(figures.byAxis.map(\.label) == [Axis.solidarite.label])
        #expect(figures.byRegion.count == 1 && figures.byRegion[0].count == 3)
        // Closed within the hour, no message from the correspondent.
        #expect(figures.byFirstAnswer.map(\.label) == [DelayBucket.none.label])
        #expect(figures.byClosure.map(\.label) == [DelayBucket.underTwoDays.label])
    }

    // MARK: Sheets

    static let visitor = FeedbackService.Sender(key: "navigateur:abc", address: "198.51.100.7")

    @Test("a vote is stored without anything about its sender; a sheet not published takes none")
    func vote() async throws {
        let world = try await World.make()
        let feedback = world.useCases.feedback
        #expect(try await feedback.vote(slug: "conge-special", helpful: true, comment: "Clair.", sender: Self.visitor) == .recorded)
        #expect(try await feedback.vote(slug: "conge-special", helpful: false, comment: "", sender: Self.visitor) == .recorded)
        #expect(try await feedback.vote(slug: "fiche-inconnue", helpful: true, comment: "", sender: Self.visitor) == .notFound)
        let counts = try await world.database.sheetVoteCounts()
        #expect(counts.values.map(\.helpful) == [1] && counts.values.map(\.notHelpful) == [1])
        let columns = try await world.database.read { db in try db.columns(in: "sheetVote").map(\.name) }
        #expect(Set(columns) == ["id", "factSheetId", "at", "helpful", "comment"])
    }

    @Test("five sends per browser in a quarter of an hour, twenty per network address; waiting is enough")
    func limits() async throws {
        let world = try await World.make()
        let feedback = world.useCases.feedback
        for _ in 0..<5 {
            #expect(try await feedback.vote(slug: "conge-special", helpful: true, comment: "", sender: Self.visitor) == .recorded)
        }
        guard case .limited(let wait) = try await feedback.vote(slug: "conge-special", helpful: true, comment: "", sender: Self.visitor) else {
            Issue.record("the sixth vote passed")
            return
        }
        #expect(wait > 0 && wait <= 15 * 60)
        // Reports count apart from votes.
        #expect(try await feedback.report(slug: "conge-special", body: "Texte", contactEmail: "", sender: Self.visitor) == .recorded)
        // Other browsers on the same network address: twenty votes in all.
        for index in 0..<15 {
            let other = FeedbackService.Sender(key: "navigateur:\(index)", address: Self.visitor.address)
            #expect(try await feedback.vote(slug: "conge-special", helpful: true, comment: "", sender: other) == .recorded)
        }
        let next = FeedbackService.Sender(key: "navigateur:nouveau", address: Self.visitor.address)
        #expect(try await feedback.vote(slug: "conge-special", helpful: true, comment: "", sender: next) != .recorded)
        #expect(try await world.database.sheetVoteCounts().values.first?.helpful == 20)

        world.clock.advance(by: 16 * 60)
        #expect(try await feedback.vote(slug: "conge-special", helpful: true, comment: "", sender: Self.visitor) == .recorded)
    }

    @Test("a report with an address that is not one is refused and stores nothing")
    func invalidAddress() async throws {
        let world = try await World.make()
        let result = try await world.useCases.feedback.report(slug: "conge-special", body: "Erreur", contactEmail: "a@b.fr Bcc: c@d.fr",
                                                              sender: Self.visitor)
        #expect(result == .invalidEmail)
        #expect(try await world.database.sheetFeedbackQueue().open.isEmpty)
    }

    @Test("staff turn a report into a draft through the curation, four eyes still apply, then mark it handled")
    func reportToDraft() async throws {
        // setup
        let world = try await World.make()
        let feedback = world.useCases.feedback
        #expect(try await feedback.report(slug: "conge-special", body: "Le décret de 2026 a changé la durée.", contactEmail: "lecteur@exemple.fr",
                                          sender: Self.visitor) == .recorded)
        let report = try #require(try await world.database.sheetFeedbackQueue().open.first)
        let before = try #require(try await world.database.sheetHistory(slug: "conge-special"))

        // MUT
        let slug = try await feedback.draftFromReport(id: report.report.id!, by: world.staff, address: World.address)

        // validate
        #expect(slug == "conge-special")
        let after = try #require(try await world.database.sheetHistory(slug: slug))
        #expect(after.versions.count == before.versions.count + 1)
        #expect(after.latest?.status == .brouillon && after.latest?.author == world.staff.email)
        #expect(after.sheet.bodyMarkdown == before.sheet.bodyMarkdown, "readers keep the published text while the draft is written")
        let drafted = try #require(try await world.database.sheetReport(id: report.report.id!))
        #expect(drafted.report.status == .drafted && drafted.report.draftVersion == after.latest?.version)
        #expect(try await world.database.openSheetReports(slug: slug).map(\.report.body) == ["Le décret de 2026 a changé la durée."])
        #expect(try world.audit(.sheetReportDrafted).map(\.target) == ["fiche conge-special"])
        // Drafting twice opens no second draft.
        _ = try await feedback.draftFromReport(id: report.report.id!, by: world.reviewer, address: World.address)
        #expect(try #require(try await world.database.sheetHistory(slug: slug)).versions.count == after.versions.count)

        let curation = world.useCases.curation
        try await curation.move(sheet: slug, .askReview, by: world.staff, address: World.address)
        await #expect(throws: AppDatabase.CurationError.sameEditor) {
            try await curation.move(sheet: slug, .publish, by: world.staff, address: World.address)
        }
        try await curation.move(sheet: slug, .publish, by: world.reviewer, address: World.address)

        try await feedback.markHandled(id: report.report.id!, by: world.reviewer, address: World.address)
        let queue = try await world.database.sheetFeedbackQueue()
        #expect(queue.open.isEmpty && queue.handled.map(\.report.handledBy) == [world.reviewer.email])
        #expect(try world.audit(.sheetReportHandled).count == 1)
        await #expect(throws: FeedbackService.ReportError.handled) {
            _ = try await feedback.draftFromReport(id: report.report.id!, by: world.staff, address: World.address)
        }
    }
}
