import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// `/equipe/synonymes`: staff keep the words directors type (« burn-out ») pointing at the words the
/// fact sheets and the parcours use (« épuisement »). Every addition and removal is in the audit
/// log; the search uses the list from the next query on (the search page is never cached).
struct SynonymsController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staffSynonyms, use: index)
        router.post(SiteURL.Route.staffSynonyms, use: add)
        router.post(SiteURL.Route.staffSynonymRemoval, use: remove)
    }

    /// The form's field names, which the page names.
    typealias Name = StaffSynonymsPage.Name

    /// The list and the form to add a pair.
    @Sendable func index(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffSynonyms.path)
        let notice = StaffSynonymsPage.notice(request.uri.queryParameters["message"].map(String.init))
        return try await page(context, notice: notice)
    }

    /// Adds a pair; bad input comes back with what was typed and a French message beside the field.
    @Sendable func add(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffSynonyms.path)
        let form = context.form ?? FormData(fields: [:])
        let term = form[Name.term], expansion = form[Name.expansion]
        var errors = FormErrors()
        for problem in SearchSynonym.problems(term: term, expansion: expansion) {
            errors.add(problem.field == .term ? Name.term : Name.expansion, problem.message)
        }
        if errors.isEmpty {
            switch try await curation.addSynonym(term: term, expansion: expansion, by: user, address: context.clientAddress) {
            case .added:
                throw Redirect(location: SiteURL.staffSynonyms.path + "?message=ajoute#liste-synonymes")
            case .alreadyInUse:
                errors.add(Name.expansion, "Ce synonyme existe déjà\u{202F}: «\u{00A0}\(term)\u{00A0}» cherche déjà «\u{00A0}\(expansion)\u{00A0}».")
            case .invalid:
                errors.add(Name.term, "Ce synonyme ne peut pas être enregistré tel quel\u{202F}: vérifiez les deux champs.")
            }
        }
        return try await page(context, typed: (term, expansion), errors: errors, status: .unprocessableContent)
    }

    /// Takes a pair out of use.
    @Sendable func remove(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffSynonyms.path)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        guard try await curation.removeSynonym(id: id, by: user, address: context.clientAddress) != nil else { throw HTTPError(.notFound) }
        throw Redirect(location: SiteURL.staffSynonyms.path + "?message=supprime#liste-synonymes")
    }

    private func page(_ context: RelaisRequestContext, typed: (term: String, expansion: String) = ("", ""), errors: FormErrors = FormErrors(),
                      notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let synonyms = try await database.searchSynonyms()
        let page = StaffSynonymsPage(synonyms: synonyms, typed: typed, errors: errors, notice: notice, csrf: session.csrfToken,
                                     viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }
}
