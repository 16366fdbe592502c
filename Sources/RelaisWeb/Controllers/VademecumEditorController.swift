import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Staff curate the vademecum: the list with status and review dates, an editor with a server-side
/// preview, the workflow `brouillon` → `en_relecture` → `publiee` → `archivee` with four eyes, and
/// the history with a line diff between any two versions and restore.
struct VademecumEditorController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staffVademecum, use: list)
        router.get(SiteURL.Route.staffSheet, use: editor)
        router.post(SiteURL.Route.staffSheet, use: save)
        router.post(SiteURL.Route.staffSheetState, use: move)
        router.get(SiteURL.Route.staffSheetHistory, use: history)
    }

    // MARK: List

    @Sendable func list(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffVademecum.path)
        let curation = try await database.curationList()
        let (reports, votes) = try await database.curationFeedback()
        return renderer.page(SheetListPage(curation: curation, reports: reports, votes: votes, today: Day(clock()),
                                           viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    // MARK: Editor

    struct Typed: Sendable {
        var title = "", summary = "", axis = "", theme = "", tags = "", legalReferences = "", body = "", related = "", nextReview = ""

        init() {}

        init(_ form: FormData) {
            title = form["titre"]; summary = form.text("resume"); axis = form["axe"]; theme = form["theme"]
            tags = Self.lines(form.raw("etiquettes")); legalReferences = Self.lines(form.raw("references"))
            body = (form.raw("corps") ?? "").replacingOccurrences(of: "\r\n", with: "\n")
            related = form["liees"]; nextReview = form["prochaine_relecture"]
        }

        init(_ version: FactSheetVersion, sheet: FactSheet, related: [String]) {
            title = version.title; summary = version.summary; axis = version.axis.rawValue; theme = version.theme; tags = version.tags
            legalReferences = version.legalReferences; body = version.bodyMarkdown; self.related = related.joined(separator: " ")
            nextReview = sheet.nextReview?.iso ?? ""
        }

        /// One item per line, trimmed, blank lines dropped.
        static func lines(_ text: String?) -> String {
            (text ?? "").replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: "\n")
        }
    }

    private func page(_ context: RelaisRequestContext, slug: String?, typed: Typed, errors: FormErrors = FormErrors(), preview: String? = nil,
                      notice: String? = nil, error: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let history = try await slug.asyncMap { try await database.sheetHistory(slug: $0) } ?? nil
        var page = SheetEditorPage(
            slug: slug, history: history, typed: typed, editor: context.user?.email, fourEyes: config.fourEyes, errors: errors, preview: preview,
            notice: notice, refusal: error, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        if let slug { page.readerReports = SheetEditorPage.readerReports(try await database.openSheetReports(slug: slug)) }
        return renderer.page(page, status: status)
    }

    @Sendable func editor(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffVademecum.path)
        let slug = context.parameters.get("slug") ?? ""
        let notice = SheetEditorPage.notice(request.uri.queryParameters["message"].map(String.init))
        if slug == "nouvelle" { return try await page(context, slug: nil, typed: Typed()) }
        guard let history = try await database.sheetHistory(slug: slug), let latest = history.latest else { throw HTTPError(.notFound) }
        return try await page(context, slug: slug, typed: Typed(latest, sheet: history.sheet, related: history.relatedSlugs), notice: notice)
    }

    /// « Aperçu » renders the typed text below the form without saving; « Enregistrer » saves a version.
    @Sendable func save(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffVademecum.path)
        let slugParameter = context.parameters.get("slug") ?? ""
        let isNew = slugParameter == "nouvelle"
        if !isNew, try await database.sheetHistory(slug: slugParameter) == nil { throw HTTPError(.notFound) }
        let slug: String? = isNew ? nil : slugParameter
        let form = context.form ?? FormData(fields: [:])
        let typed = Typed(form)
        if form["action"] == "apercu" {
            return try await page(context, slug: slug, typed: typed, preview: Markdown.sheetHTML(typed.body))
        }
        var errors = FormErrors()
        if typed.title.isEmpty || typed.title.count > 200 { errors.add("titre", "Indiquez le titre (200 caractères au plus).") }
        if typed.summary.isEmpty || typed.summary.count > 1000 { errors.add("resume", "Écrivez un résumé (1 000 caractères au plus).") }
        let axis = Axis(rawValue: typed.axis)
        if axis == nil { errors.add("axe", "Choisissez un axe.") }
        if typed.theme.count > 100 { errors.add("theme", "Le thème est trop long (100 caractères au plus).") }
        if typed.body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || typed.body.count > 60_000 {
            errors.add("corps", "Écrivez le texte de la fiche (60 000 caractères au plus).")
        }
        var nextReview: Day?
        if !typed.nextReview.isEmpty {
            nextReview = Day(iso: typed.nextReview) ?? Day(french: typed.nextReview)
            if nextReview == nil { errors.add("prochaine_relecture", "Cette date n’est pas valide\u{00A0}: écrivez-la par exemple 31/12/2027.") }
        }
        let related = typed.related.split(separator: " ").map(String.init)
        let known = Set(try await database.curationList().map(\.sheet.slug))
        let unknown = related.filter { !known.contains($0) }
        if !unknown.isEmpty { errors.add("liees", "Fiches inconnues\u{00A0}: \(unknown.joined(separator: ", ")).") }
        guard errors.isEmpty, let axis else {
            return try await page(context, slug: slug, typed: typed, errors: errors, status: .unprocessableContent)
        }
        let content = AppDatabase.SheetContent(title: typed.title, summary: typed.summary, axis: axis, theme: typed.theme, tags: typed.tags,
                                               legalReferences: typed.legalReferences, bodyMarkdown: typed.body)
        let target = try await curation.saveSheet(slug: slug, content: content, nextReview: nextReview, related: related, by: user,
                                                  address: context.clientAddress)
        throw Redirect(location: SiteURL.staffSheet(target).path + "?message=enregistree")
    }

    @Sendable func move(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffVademecum.path)
        let slug = context.parameters.get("slug") ?? ""
        guard let history = try await database.sheetHistory(slug: slug), let latest = history.latest else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        let message: String
        do {
            if let move = FactSheetWorkflow.Move(rawValue: form["action"]) {
                try await curation.move(sheet: slug, move, by: user, address: context.clientAddress)
                message = switch move {
                case .askReview: "relecture"
                case .publish: "publiee"
                case .archive: "archivee"
                }
            } else if form["action"] == "restaurer" {
                guard let number = Int(form["version"]), let version = history.versions.first(where: { $0.version == number }) else {
                    throw HTTPError(.notFound)
                }
                try await curation.restore(sheet: slug, version: version, nextReview: history.sheet.nextReview, related: history.relatedSlugs,
                                           by: user, address: context.clientAddress)
                message = "restauree"
            } else {
                throw HTTPError(.badRequest)
            }
        } catch let refusal as AppDatabase.CurationError {
            let text = switch refusal {
            case .sameEditor: "Vous avez modifié ce texte en dernier\u{00A0}: un autre membre de l’équipe doit le publier (quatre yeux)."
            default: "Cette étape n’est pas possible depuis l’état actuel de la fiche (version \(latest.version)\u{00A0}: \(latest.status.label.lowercased()))."
            }
            return try await page(context, slug: slug, typed: Typed(latest, sheet: history.sheet, related: history.relatedSlugs), error: text,
                                  status: .conflict)
        }
        throw Redirect(location: SiteURL.staffSheet(slug).path + "?message=\(message)")
    }

    // MARK: History

    /// The versions, and the line diff between two of them (`?de=3&a=5`). By default the latest
    /// version against the one published before it (what a reviewer must read), else the one before.
    @Sendable func history(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffVademecum.path)
        let slug = context.parameters.get("slug") ?? ""
        guard let history = try await database.sheetHistory(slug: slug), let latest = history.latest else { throw HTTPError(.notFound) }
        let session = try await sessions.ensure(context)
        let page = SheetHistoryPage(
            slug: slug, history: history, latest: latest, requestedFrom: request.uri.queryParameters["de"].flatMap { Int(String($0)) },
            requestedTo: request.uri.queryParameters["a"].flatMap { Int(String($0)) }, csrf: session.csrfToken,
            viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        return renderer.page(page)
    }
}
