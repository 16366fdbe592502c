import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// An atelier's page and the member's two forms: register (one click) and leave. Outside the page
/// cache: the page says how many places are left and, to a member, where they stand.
struct AtelierController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    var ateliers: AtelierService { parts.useCases.ateliers }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.atelier, use: show)
        router.post(SiteURL.Route.atelierRegistration, use: register)
        router.post(SiteURL.Route.atelierCancellation, use: cancel)
    }

    private func atelierId(_ context: RelaisRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("atelier", as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }

    /// The atelier as the reader sees it; unknown or archived: 404.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try atelierId(context)
        let notice = request.uri.queryParameters["message"].flatMap { AtelierPage.notices[String($0)] }
        return try await page(id, context: context, notice: notice)
    }

    /// Registers the signed-in member; a visitor is sent to sign in and comes back here.
    @Sendable func register(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try atelierId(context)
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.atelier(id).path)
        do {
            switch try await ateliers.register(atelierId: id, user: user, address: context.clientAddress) {
            case .registered: throw Redirect(location: SiteURL.atelier(id).path + "?message=inscrit")
            case .waiting: throw Redirect(location: SiteURL.atelier(id).path + "?message=attente")
            }
        } catch is AtelierService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as AtelierRules.Refusal {
            return try await page(id, context: context, problem: refusal.message, status: .conflict)
        }
    }

    /// The member leaves (a place up to the day before, the waiting list until it starts).
    @Sendable func cancel(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try atelierId(context)
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.atelier(id).path)
        do {
            try await ateliers.cancel(atelierId: id, user: user, address: context.clientAddress)
        } catch is AtelierService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as AtelierRules.Refusal {
            return try await page(id, context: context, problem: refusal.message, status: .conflict)
        }
        throw Redirect(location: SiteURL.atelier(id).path + "?message=desinscrit")
    }

    private func page(_ id: Int64, context: RelaisRequestContext, notice: String? = nil, problem: String? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = context.user
        // Counts of places change with every registration, not with the content generation: read
        // from the database, not from `content`.
        guard let overview = try await database.atelierOverview(id: id, userId: user?.id) else { throw HTTPError(.notFound) }
        let page = AtelierPage(overview, user: user, now: clock(), notice: notice, problem: problem, csrf: context.sessions?.current?.csrfToken,
                               viewer: LayoutModel.Viewer(context), demo: config.demo)
        // A member's page may carry the visio link or the address: like every signed-in answer, it
        // leaves with `Cache-Control: no-store` (`SessionMiddleware`).
        return renderer.page(page, status: status)
    }
}
