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
        let today = Day(clock())
        let lines = try await database.curationList().map { line in
            let overdue = line.sheet.status == .publiee && (line.sheet.nextReview.map { $0 < today } ?? false)
            let pending = line.latest.flatMap { latest -> String? in
                guard line.sheet.status == .publiee, latest.status == .brouillon || latest.status == .enRelecture else { return nil }
                return "nouvelle version \(latest.status.label.lowercased())"
            }
            return SheetListPage.Line(url: SiteURL.staffSheet(line.sheet.slug).path, title: line.sheet.title, axis: line.sheet.axis.label,
                        status: line.sheet.status.label, draft: pending, nextReview: line.sheet.nextReview?.frenchLong, overdue: overdue)
        }
        let overdue = lines.filter(\.overdue).count
        return renderer.page(SheetListPage(
            layout: LayoutModel(title: "Vademecum", section: .staff, config: config, context: context),
            newURL: SiteURL.staffSheet("nouvelle").path, overdueCount: overdue > 0 ? overdue : nil,
            reviewQueue: try await database.curationList().filter { $0.latest?.status == .enRelecture }.map {
                SheetListPage.Line(url: SiteURL.staffSheet($0.sheet.slug).path, title: $0.sheet.title, axis: $0.sheet.axis.label, status: $0.sheet.status.label,
                     draft: $0.latest.map { "version \($0.version), par \($0.author)" }, nextReview: nil, overdue: false)
            },
            lines: lines.sorted { ($0.overdue ? 0 : 1, $0.title) < ($1.overdue ? 0 : 1, $1.title) }
        ))
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
        // Only what this person may do: with four eyes, the last editor cannot publish their own text.
        let actions = history.map { history in
            FactSheetWorkflow.moves(for: history.state, by: context.user?.email ?? "", fourEyes: config.fourEyes).map {
                SheetEditorPage.Action(value: $0.rawValue, label: $0.label, primary: $0 == .publish)
            }
        } ?? []
        let fourEyesNote: String? = history.flatMap { history in
            guard config.fourEyes, history.latest?.status == .enRelecture, let editor = history.lastEditor else { return nil }
            return editor.lowercased() == context.user?.email.lowercased()
                ? "Vous êtes le dernier à avoir modifié ce texte\u{00A0}: un autre membre de l’équipe doit le relire et le publier."
                : "Dernière modification par \(editor)\u{00A0}: vous pouvez relire et publier."
        }
        let page = SheetEditorPage(
            layout: LayoutModel(title: history.map { "Fiche\u{00A0}: \($0.sheet.title)" } ?? "Nouvelle fiche", section: .staff, config: config, context: context),
            csrf: session.csrfToken, notice: notice, refusal: error, isNew: history == nil,
            heading: history?.sheet.title ?? "Nouvelle fiche",
            action: SiteURL.staffSheet(slug ?? "nouvelle").path, stateAction: SiteURL.staffSheetState(slug ?? "nouvelle").path,
            historyURL: slug.map { SiteURL.staffSheetHistory($0).path },
            publicURL: history.flatMap { $0.sheet.status == .publiee ? SiteURL.factSheet($0.sheet.slug).path : nil },
            status: history.map { $0.sheet.status.label },
            latest: history?.latest.map { "Version \($0.version)\u{00A0}: \($0.status.label.lowercased()), par \($0.author)" },
            fourEyesNote: fourEyesNote,
            title: FormField("titre", label: "Titre", value: typed.title, error: errors["titre"]),
            summary: .init("resume", label: "Résumé (deux ou trois phrases)", value: typed.summary, hint: nil, error: errors["resume"]),
            axes: Axis.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == typed.axis) },
            axisError: errors["axe"],
            theme: FormField("theme", label: "Thème", value: typed.theme, hint: "Par exemple « Fin de fonctions »\u{00A0}: les fiches sont listées par axe puis par thème.",
                             error: errors["theme"], required: false),
            tags: .init("etiquettes", label: "Étiquettes (une par ligne)", value: typed.tags, hint: nil, error: errors["etiquettes"]),
            references: .init("references", label: "Références juridiques (une par ligne)", value: typed.legalReferences, hint: nil, error: errors["references"]),
            body: .init("corps", label: "Texte (Markdown)", value: typed.body,
                        hint: "Titres avec ##, listes avec -, liens [texte](https://…). Le HTML écrit ici est affiché tel quel, jamais interprété. Écrivez « à vérifier » pour signaler un point à contrôler.",
                        error: errors["corps"]),
            related: FormField("liees", label: "Fiches liées (identifiants séparés par des espaces)", value: typed.related, error: errors["liees"], required: false),
            nextReview: FormField("prochaine_relecture", label: "Prochaine relecture", type: "date", value: typed.nextReview,
                                  error: errors["prochaine_relecture"], required: false),
            preview: preview, actions: actions, errors: errors.summary
        )
        return renderer.page(page, status: status)
    }

    @Sendable func editor(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffVademecum.path)
        let slug = context.parameters.get("slug") ?? ""
        let notice: String? = switch request.uri.queryParameters["message"] {
        case "enregistree": "Nouvelle version enregistrée."
        case "relecture": "Fiche envoyée en relecture."
        case "publiee": "Fiche publiée\u{00A0}: elle est en ligne et dans la recherche."
        case "archivee": "Fiche archivée\u{00A0}: elle n’apparaît plus sur le site."
        case "restauree": "Ancienne version restaurée comme nouveau brouillon."
        default: nil
        }
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
        let numbers = history.versions.map(\.version)
        let to = request.uri.queryParameters["a"].flatMap { Int(String($0)) }.flatMap { numbers.contains($0) ? $0 : nil } ?? latest.version
        let published = history.versions.last { $0.status == .publiee && $0.version < to }?.version
        let from = request.uri.queryParameters["de"].flatMap { Int(String($0)) }.flatMap { numbers.contains($0) ? $0 : nil }
            ?? published ?? numbers.last { $0 < to } ?? to
        func text(_ version: FactSheetVersion) -> String {
            ["# " + version.title, version.summary, "Axe\u{00A0}: \(version.axis.label) · thème\u{00A0}: \(version.theme)", "Étiquettes\u{00A0}:", version.tags,
             "Références\u{00A0}:", version.legalReferences, "", version.bodyMarkdown].joined(separator: "\n")
        }
        let old = history.versions.first { $0.version == from }!, new = history.versions.first { $0.version == to }!
        let diff = LineDiff.diff(text(old), text(new)).map { line -> SheetHistoryPage.DiffLine in
            switch line {
            case .same(let text): SheetHistoryPage.DiffLine(text: text, added: false, removed: false, sign: " ")
            case .added(let text): SheetHistoryPage.DiffLine(text: text, added: true, removed: false, sign: "+")
            case .removed(let text): SheetHistoryPage.DiffLine(text: text, added: false, removed: true, sign: "−")
            }
        }
        let page = SheetHistoryPage(
            layout: LayoutModel(title: "Historique\u{00A0}: \(history.sheet.title)", section: .staff, config: config, context: context),
            csrf: session.csrfToken, title: history.sheet.title, editorURL: SiteURL.staffSheet(slug).path,
            stateAction: SiteURL.staffSheetState(slug).path,
            versions: history.versions.reversed().map {
                SheetHistoryPage.VersionLine(number: $0.version, label: "Version \($0.version) — \($0.status.label.lowercased()), \($0.author), \(CaseDates.numeric($0.createdAt))",
                            restorable: $0.version != latest.version)
            },
            from: numbers.map { FormOption(value: String($0), label: "Version \($0)", selected: $0 == from) },
            to: numbers.map { FormOption(value: String($0), label: "Version \($0)", selected: $0 == to) },
            comparing: "Différences de la version \(from) à la version \(to)",
            diff: diff
        )
        return renderer.page(page)
    }
}
