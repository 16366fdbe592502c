import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The director's list at `/mes-demandes`, and the drafts that wait for them.
extension CaseController {

    @Sendable func myCases(request: Request, context: RelaisRequestContext) async throws -> Response {
        try await myCasesPage(context, notice: MyCasesPage.notice(request.uri.queryParameters["message"].map(String.init)))
    }

    func myCasesPage(_ context: RelaisRequestContext, notice: String? = nil, refusal: String? = nil,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.myCases.path)
        let session = try await sessions.ensure(context)
        let listing = try await database.directorListing(userId: user.id ?? 0)
        let page = MyCasesPage(director: user, listing: listing, csrf: session.csrfToken, notice: notice, refusal: refusal,
                               now: clock(), viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// Sends or erases a case that waited for its director to sign in.
    @Sendable func draft(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.myCases.path)
        let form = context.form ?? FormData(fields: [:])
        guard let id = Int64(form["id"]) else { throw HTTPError(.notFound) }
        let send = form["action"] == "envoyer"
        switch try await cases.sendPending(caseId: id, director: user, send: send) {
        case .opened(let reference): throw Redirect(location: SiteURL.caseFile(reference).path + "?message=ouverte")
        case .erased: throw Redirect(location: SiteURL.myCases.path + "?message=effacee")
        case .notFound: throw Redirect(location: SiteURL.myCases.path)
        case .limited(let refusal):
            // The list below shows the open cases; the draft stays, to be sent later or erased.
            return try await myCasesPage(context, refusal: cases.workflow.message(for: refusal),
                                         status: refusal.decision.isDaily ? .tooManyRequests : .unprocessableContent)
        }
    }
}

extension CaseLimits.Decision {
    /// The daily limit: answered 429, the next opening waits for tomorrow.
    var isDaily: Bool {
        if case .tooManyToday = self { return true }
        return false
    }
}
