import Hummingbird
import HummingbirdTesting
import Logging
@testable import RelaisUseCases
@testable import RelaisWeb
import RelaisTestSupport
import Testing

@Suite("Error pages")
struct ErrorPageTests {
    struct Failure: Error, CustomStringConvertible {
        var description: String { "secret detail: /var/lib/relais" }
    }

    @Test("an unexpected error shows a calm French 500 page with the request id and no detail")
    func internalError() async throws {
        // setup: the real error middleware in front of a route that fails
        let renderer = try await PageRenderer.load(from: TestPaths.templates)
        let router = Router(context: RelaisRequestContext.self)
        router.add(middleware: ErrorPageMiddleware(renderer: renderer, demo: false))
        router.get("/panne") { _, _ -> String in throw Failure() }
        var logger = Logger(label: "test")
        logger.logLevel = .critical
        let app = Application(router: router, logger: logger)

        // MUT
        try await app.test(.router) { client in
            try await client.execute(uri: "/panne", method: .get) { response in
                // validate
                #expect(response.status == .internalServerError)
                let html = response.text
                #expect(html.contains("Une erreur est survenue"))
                #expect(html.contains("Numéro de la requête"))
                #expect(!html.contains("secret detail"))
            }
        }
    }

    @Test("a missing templates folder stops the start-up with one line")
    func missingTemplates() async throws {
        await #expect {
            _ = try await PageRenderer.load(from: "/nonexistent/templates")
        } throws: { error in
            (error as? StartupError)?.description.hasPrefix("templates folder not found at /nonexistent/templates") == true
        }
    }
}
