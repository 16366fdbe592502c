import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The public front of the site: home, the four axes, the about page.
struct SiteController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.home, use: home)
        router.get(SiteURL.Route.axis, use: axis)
        router.get(SiteURL.Route.about, use: about)
    }

    /// The home page: the four axes and the way into the parcours.
    @Sendable func home(request: Request, context: RelaisRequestContext) async throws -> Response {
        let page = HomePage(situations: try await content.situations(), figures: try await content.siteFigures(),
                            viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }

    /// One axis: what Relais offers on it, with its sheets, partners, networks and ateliers.
    @Sendable func axis(request: Request, context: RelaisRequestContext) async throws -> Response {
        guard let code = context.parameters.get("axe"), let axis = Axis(code: code) else {
            throw HTTPError(.notFound)
        }
        let content = try await content.axisContent(axis, today: Day(clock()))
        return renderer.page(AxisPage(axis, content: content, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    /// What Relais is, how it protects confidentiality, and the sources of its data.
    @Sendable func about(request: Request, context: RelaisRequestContext) async throws -> Response {
        renderer.page(AboutPage(viewer: LayoutModel.Viewer(context), demo: config.demo))
    }
}
