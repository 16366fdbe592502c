import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Probes for operators and load balancers.
struct HealthController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    static let version = "0.1.0"

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.healthz, use: healthz)
        router.get(SiteURL.Route.livez, use: livez)
    }

    struct Health: ResponseEncodable {
        let status: String
        let database: String
        let version: String
    }

    /// JSON status: the database answers a query, or 503.
    @Sendable func healthz(request: Request, context: RelaisRequestContext) async throws -> EditedResponse<Health> {
        do {
            try await database.ping()
            return EditedResponse(headers: [.cacheControl: "no-store"], response: Health(status: "ok", database: "ok", version: Self.version))
        } catch {
            context.logger.error("health check failed", metadata: ["error": "\(error)"])
            return EditedResponse(
                status: .serviceUnavailable, headers: [.cacheControl: "no-store"],
                response: Health(status: "error", database: "unavailable", version: Self.version)
            )
        }
    }

    /// Plain `ok`, touching nothing: the server's ceiling in benchmarks.
    @Sendable func livez(request: Request, context: RelaisRequestContext) -> String {
        "ok"
    }
}
