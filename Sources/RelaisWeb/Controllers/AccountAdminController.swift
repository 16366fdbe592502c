import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Administrators' view of accounts: who has a second factor, and resetting it for someone who lost
/// their phone and their recovery codes. Admin only (`Policy.Action.administerUsers`); every reset
/// is in the audit log.
struct AccountAdminController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staffAccounts, use: index)
        router.post(SiteURL.Route.staffAccountSecondFactorReset, use: resetSecondFactor)
    }

    /// Accounts matching `q` (address or name); without one, every account but the directors'.
    @Sendable func index(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.administerUsers, returnTo: SiteURL.staffAccounts.path)
        let session = try await sessions.ensure(context)
        let query = String((request.uri.queryParameters["q"].map(String.init) ?? "").prefix(100))
        let users = try await database.accountsForAdministration(query: query)
        let page = AccountsPage(users: users, query: query, reset: request.uri.queryParameters["message"] == "reinitialise",
                                csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }

    /// Removes someone's second factor, trusted browsers and sessions (audited).
    @Sendable func resetSecondFactor(request: Request, context: RelaisRequestContext) async throws -> Response {
        let admin = try context.require(.administerUsers, returnTo: SiteURL.staffAccounts.path)
        guard let id = context.parameters.get("id", as: Int64.self), let target = try await database.user(id: id) else { throw HTTPError(.notFound) }
        try await secondFactor.reset(target, by: admin, address: context.clientAddress)
        let location = SiteURL.staffAccounts.absolute(base: "", query: [("q", target.email), ("message", "reinitialise")])
        return Response(status: .seeOther, headers: [.location: location])
    }
}
