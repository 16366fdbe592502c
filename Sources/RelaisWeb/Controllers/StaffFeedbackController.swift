import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Staff's side of the members' voice: the closing feedback's figures (`/equipe/retours`) and the
/// queue of readers' reports on sheets (`/equipe/signalements`), where a report becomes a draft
/// version of its sheet or is marked handled.
struct StaffFeedbackController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staffFeedback, use: figures)
        router.get(SiteURL.Route.staffSheetReports, use: reports)
        router.post(SiteURL.Route.staffSheetReport, use: act)
    }

    /// The figures by axis, région and delay; no name, reference or comment.
    @Sendable func figures(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffFeedback.path)
        let figures = try await database.closingFeedbackFigures()
        return renderer.page(StaffFeedbackPage(figures: figures, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    /// The reports to handle, the « utile » figures per sheet and the latest comments.
    @Sendable func reports(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffSheetReports.path)
        let session = try await sessions.ensure(context)
        let queue = try await database.sheetFeedbackQueue()
        let page = SheetReportsPage(queue: queue, notice: SheetReportsPage.notice(request.uri.queryParameters["message"].map(String.init)),
                                    csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }

    /// « Ouvrir un brouillon de la fiche » (to the editor, the report shown above the text) or
    /// « Marquer comme traité » (back to the queue).
    @Sendable func act(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffSheetReports.path)
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        do {
            switch form["action"] {
            case "brouillon":
                let slug = try await feedback.draftFromReport(id: id, by: user, address: context.clientAddress)
                throw Redirect(location: SiteURL.staffSheet(slug).path + "?message=signalement")
            case "traite":
                try await feedback.markHandled(id: id, by: user, address: context.clientAddress)
                throw Redirect(location: SiteURL.staffSheetReports.path + "?message=traite")
            default:
                throw HTTPError(.badRequest)
            }
        } catch FeedbackService.ReportError.unknownReport {
            throw HTTPError(.notFound)
        } catch FeedbackService.ReportError.handled {
            throw Redirect(location: SiteURL.staffSheetReports.path + "?message=traite")
        }
    }
}
