import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// « Remontées »: a member or a correspondent tells staff what blocks people (`/remontees`), and
/// staff answer on their board (`/equipe/remontees`). Staff and experts get a 404 on the first,
/// everyone but staff on the second.
struct RemonteeController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.remontees, use: mine)
        router.post(SiteURL.Route.remontees, use: send)
        router.get(SiteURL.Route.staffRemontees, use: board)
        router.post(SiteURL.Route.staffRemontee, use: answer)
    }

    /// The signed-in member or correspondent; anyone else signed in gets a 404.
    private func author(_ context: RelaisRequestContext) throws -> User {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.remontees.path)
        guard RemonteeRules.maySend(user.role) else { throw HTTPError(.notFound) }
        return user
    }

    private func minePage(_ context: RelaisRequestContext, user: User, theme: String = "", body: String = "", errors: FormErrors = FormErrors(),
                          notice: String? = nil, refusal: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let lines = try await database.remontees(authorUserId: user.id ?? 0)
        return renderer.page(RemonteesPage(lines: lines, theme: theme, body: body, errors: errors, notice: notice, refusal: refusal,
                                           csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo), status: status)
    }

    /// The form and the remontées sent, with staff's answers.
    @Sendable func mine(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try author(context)
        return try await minePage(context, user: user, notice: RemonteesPage.notice(request.uri.queryParameters["message"].map(String.init)))
    }

    @Sendable func send(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try author(context)
        let form = context.form ?? FormData(fields: [:])
        typealias Name = RemonteesPage.Name
        let themeValue = form[Name.theme]
        let body = form.text(Name.body).replacingOccurrences(of: "\r\n", with: "\n")
        var errors = FormErrors()
        let theme = RemonteeTheme(rawValue: themeValue)
        if theme == nil { errors.add(Name.theme, "Choisissez un thème.") }
        if let problem = RemonteeRules.bodyProblem(body) { errors.add(Name.body, problem) }
        guard errors.isEmpty, let theme else {
            return try await minePage(context, user: user, theme: themeValue, body: body, errors: errors, status: .unprocessableContent)
        }
        switch try await remontees.send(theme: theme, body: body, by: user, address: context.clientAddress) {
        case .sent:
            throw Redirect(location: SiteURL.remontees.path + "?message=envoyee")
        case .limited(let seconds):
            return try await minePage(context, user: user, theme: themeValue, body: body, refusal: SheetFeedbackRules.waitMessage(seconds: seconds),
                                      status: .tooManyRequests)
        case .notAllowed:
            throw HTTPError(.notFound)
        }
    }

    // MARK: Staff

    private func boardPage(_ context: RelaisRequestContext, notice: String? = nil, refusal: String? = nil,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let board = try await database.remonteeBoard()
        return renderer.page(StaffRemonteesPage(board: board, now: clock(), notice: notice, refusal: refusal, csrf: session.csrfToken,
                                                viewer: LayoutModel.Viewer(context), demo: config.demo), status: status)
    }

    /// The themes' trends and the remontées grouped by theme, each with its answer form.
    @Sendable func board(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffRemontees.path)
        return try await boardPage(context, notice: StaffRemonteesPage.notice(request.uri.queryParameters["message"].map(String.init)))
    }

    @Sendable func answer(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffRemontees.path)
        guard let id = context.parameters.get("id").flatMap(Int64.init) else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        let text = form.text("reponse-\(id)").replacingOccurrences(of: "\r\n", with: "\n")
        if let problem = RemonteeRules.answerProblem(text) {
            return try await boardPage(context, refusal: problem, status: .unprocessableContent)
        }
        let sheet = form["fiche"], situation = form["situation"]
        do {
            try await remontees.answer(id: id, answer: text, sheetSlug: sheet.isEmpty ? nil : sheet, situationSlug: situation.isEmpty ? nil : situation,
                                       by: user, address: context.clientAddress)
        } catch RemonteeService.AnswerError.unknownRemontee {
            throw HTTPError(.notFound)
        } catch RemonteeService.AnswerError.unknownSheet, RemonteeService.AnswerError.unknownSituation {
            return try await boardPage(context, refusal: "Cette fiche ou cette situation n’existe pas.", status: .unprocessableContent)
        }
        throw Redirect(location: SiteURL.staffRemontees.path + "?message=repondue#remontee-\(id)")
    }
}
