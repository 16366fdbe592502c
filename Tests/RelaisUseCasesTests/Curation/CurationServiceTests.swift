import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Curation: fact sheets and parcours")
struct CurationServiceTests {
    static func content(title: String = "Détachement : mode d’emploi", body: String = "Le détachement, pas à pas.") -> AppDatabase.SheetContent {
        AppDatabase.SheetContent(title: title, summary: "Un résumé.", axis: .juridique, theme: "Fin de fonctions", tags: "détachement",
                                 legalReferences: "Loi n° 84-53, art. 64", bodyMarkdown: body)
    }

    @Test("a new sheet is a hidden first draft whose slug comes from its title, made unique")
    func newSheet() async throws {
        // setup
        let world = try await World.make()
        let curation = world.useCases.curation

        // MUT
        let review = try #require(Day(year: 2027, month: 6, day: 30))
        let slug = try await curation.saveSheet(slug: nil, content: Self.content(), nextReview: review,
                                                related: ["conge-special"], by: world.staff, address: World.address)
        let twin = try await curation.saveSheet(slug: nil, content: Self.content(), nextReview: nil, related: [], by: world.staff, address: World.address)

        // validate
        #expect(slug == "detachement-mode-d-emploi")
        #expect(twin == "detachement-mode-d-emploi-2")
        let history = try #require(try await world.database.sheetHistory(slug: slug))
        #expect(history.versions.map(\.status) == [.brouillon])
        #expect(history.versions.first?.author == world.staff.email)
        #expect(history.sheet.status == .brouillon)
        #expect(history.relatedSlugs == ["conge-special"])
        #expect(history.sheet.nextReview == review)
        #expect(try await world.database.publishedFactSheet(slug: slug)?.sheet.slug == nil, "a draft is hidden from readers")
        #expect(try world.audit(.sheetSaved).map(\.target) == ["fiche \(slug)", "fiche \(twin)"])
        // The editor's own path is never a slug.
        #expect(CurationService.slug(for: "Nouvelle", taken: []) == "nouvelle-2")
    }

    @Test("asking a review mails staff a notice that is not confidential; the last editor cannot publish, another can")
    func fourEyesPublication() async throws {
        let world = try await World.make()
        let curation = world.useCases.curation
        let slug = try await curation.saveSheet(slug: nil, content: Self.content(body: "Texte ZYGOMORPHE."), nextReview: nil, related: [],
                                                by: world.staff, address: World.address)

        try await curation.move(sheet: slug, .askReview, by: world.staff, address: World.address)
        let review = try #require(try world.outbox(.sheetReview).first)
        #expect(review.recipient == World.staffAddress)
        #expect(review.text.contains("Détachement : mode d’emploi"))
        #expect(review.text.contains("/equipe/vademecum/\(slug)"))
        #expect(!review.text.contains("Par confidentialité") && !review.html.contains("Par confidentialité"))

        let versions = try #require(try await world.database.sheetHistory(slug: slug)).versions.count
        await #expect(throws: AppDatabase.CurationError.sameEditor) {
            try await curation.move(sheet: slug, .publish, by: world.staff, address: World.address)
        }
        #expect(try await world.database.sheetHistory(slug: slug)?.versions.count == versions, "a refused move writes nothing")
        #expect(try world.audit(.sheetPublished).isEmpty)

        try await curation.move(sheet: slug, .publish, by: world.reviewer, address: World.address)

        let published = try #require(try await world.database.publishedFactSheet(slug: slug)).sheet
        #expect(published.bodyMarkdown == "Texte ZYGOMORPHE.")
        #expect(published.lastReviewed == Day(world.clock.now))
        let history = try #require(try await world.database.sheetHistory(slug: slug))
        #expect(history.versions.map(\.status) == [.brouillon, .enRelecture, .publiee])
        #expect(history.versions.last?.author == world.reviewer.email)
        let lines = try await world.database.auditEvents(limit: 1000).reversed().filter { $0.target == "fiche \(slug)" }
        #expect(lines.map(\.action) == ["fiche_enregistree", "fiche_en_relecture", "fiche_publiee"])
        #expect(lines.map(\.actorEmail) == [world.staff.email, world.staff.email, world.reviewer.email])
    }

    @Test("with four eyes waived, the last editor publishes their own text")
    func fourEyesWaived() async throws {
        let world = try await World.make { $0.fourEyes = false }
        let curation = world.useCases.curation
        let slug = try await curation.saveSheet(slug: nil, content: Self.content(), nextReview: nil, related: [], by: world.staff, address: World.address)

        try await curation.move(sheet: slug, .askReview, by: world.staff, address: World.address)
        try await curation.move(sheet: slug, .publish, by: world.staff, address: World.address)

        #expect(try await world.database.publishedFactSheet(slug: slug)?.sheet.title == "Détachement : mode d’emploi")
    }

    @Test("a new draft of a published sheet stays hidden until published; an old version comes back as a draft")
    func draftAndRestore() async throws {
        let world = try await World.make()
        let curation = world.useCases.curation
        let slug = "conge-special"
        let before = try #require(try await world.database.sheetHistory(slug: slug))
        let publishedText = before.sheet.bodyMarkdown

        _ = try await curation.saveSheet(slug: slug, content: Self.content(title: before.sheet.title, body: "ancienne ligne"), nextReview: nil,
                                     related: [], by: world.staff, address: World.address)
        _ = try await curation.saveSheet(slug: slug, content: Self.content(title: before.sheet.title, body: "nouvelle ligne"), nextReview: nil,
                                     related: [], by: world.staff, address: World.address)
        #expect(try await world.database.publishedFactSheet(slug: slug)?.sheet.bodyMarkdown == publishedText)
        let saved = try #require(try await world.database.sheetHistory(slug: slug))
        let old = try #require(saved.versions.first { $0.bodyMarkdown == "ancienne ligne" })

        // MUT
        try await curation.restore(sheet: slug, version: old, nextReview: nil, related: [], by: world.staff, address: World.address)

        let after = try #require(try await world.database.sheetHistory(slug: slug))
        #expect(after.versions.count == saved.versions.count + 1)
        #expect(after.latest?.bodyMarkdown == "ancienne ligne" && after.latest?.status == .brouillon)
        #expect(after.sheet.status == .publiee && after.sheet.bodyMarkdown == publishedText, "readers still see the published text")
        let restored = try #require(try world.audit(.sheetRestored).first)
        #expect(restored.target == "fiche \(slug)" && restored.detail == "version \(old.version)")
    }

    @Test("archiving takes a sheet away from readers, with its audit line")
    func archive() async throws {
        let world = try await World.make()
        #expect(try await world.database.publishedFactSheet(slug: "conge-special")?.sheet.slug == "conge-special")

        try await world.useCases.curation.move(sheet: "conge-special", .archive, by: world.staff, address: World.address)

        #expect(try await world.database.publishedFactSheet(slug: "conge-special")?.sheet.slug == nil)
        #expect(try world.audit(.sheetArchived).map(\.target) == ["fiche conge-special"])
        await #expect(throws: AppDatabase.CurationError.notFromThisState) {
            try await world.useCases.curation.move(sheet: "conge-special", .archive, by: world.staff, address: World.address)
        }
    }

    @Test("a situation's text and steps are replaced in one save, audited with the number of steps")
    func saveSituation() async throws {
        let world = try await World.make()
        let situation = try #require(try await world.database.situationDetail(slug: World.situationSlug)).situation
        let sheets = try await world.database.factSheetIdsBySlug()
        let steps = [
            AppDatabase.StepContent(axis: .juridique, title: "Lire l’arrêté", body: "D’abord.", sheetIds: [try #require(sheets["conge-special"])],
                                    partnerKinds: ["avocat"]),
            AppDatabase.StepContent(axis: .solidarite, title: "Appeler un pair", body: "Ensuite.", sheetIds: [], partnerKinds: []),
        ]

        try await world.useCases.curation.saveSituation(situation, CurationService.SituationInput(
            title: "Ma fin de fonctions, revue", summary: "Résumé revu.", urgency: situation.urgency, endOfFunctions: situation.endOfFunctions,
            steps: steps
        ), by: world.staff, address: World.address)

        let detail = try #require(try await world.database.situationDetail(slug: World.situationSlug))
        #expect(detail.situation.title == "Ma fin de fonctions, revue")
        #expect(detail.situation.seedHash == SeedImporter.editedInRelais)
        #expect(detail.steps.map(\.step.title) == ["Lire l’arrêté", "Appeler un pair"])
        #expect(try await world.database.sheetSlugsByStep(situationId: situation.id!).values.flatMap { $0 } == ["conge-special"])
        let line = try #require(try world.audit(.situationChanged).first)
        #expect(line.target == "situation \(World.situationSlug)" && line.detail == "2 étapes")
    }
}
