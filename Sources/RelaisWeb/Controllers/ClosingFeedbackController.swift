import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The three questions a director answers once their case is closed (`/demandes/{reference}/retour`).
///
/// The mail that asks links here. Mail scanners follow links, so a GET only shows the form: the
/// answers are recorded by a POST carrying the session's CSRF token, from the signed-in director of
/// the case. Anyone else gets a 404, as for the case itself.
struct ClosingFeedbackController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.caseFeedback, use: show)
        router.post(SiteURL.Route.caseFeedback, use: answer)
    }

    /// The case of the URL, its director signed in, and its request for answers; visitors are sent to
    /// sign in and come back here; anyone else, or a case never asked, is a 404.
    private func load(_ context: RelaisRequestContext) async throws -> (reference: String, user: User, feedback: CaseFeedback) {
        let text = context.parameters.get("reference") ?? ""
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.caseFeedback(text).path)
        guard let reference = CaseReference(text)?.description,
              let (caseFile, parties) = try await database.caseWithParties(reference: reference), caseFile.anonymisedAt == nil,
              Policy.caseRole(of: user.actor, on: parties) == .director, let id = caseFile.id,
              let feedback = try await database.closingFeedback(caseId: id) else {
            throw HTTPError(.notFound)
        }
        return (reference, user, feedback)
    }

    private func page(_ context: RelaisRequestContext, reference: String, feedback: CaseFeedback, typed: ClosingFeedbackPage.Typed = .init(),
                      errors: FormErrors = FormErrors(), refusal: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = ClosingFeedbackPage(reference: reference, feedback: feedback, typed: typed, errors: errors, refusal: refusal,
                                       csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// The form, or the answers already given. Records nothing.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (reference, _, feedback) = try await load(context)
        return try await page(context, reference: reference, feedback: feedback)
    }

    /// Records the answers once; a second sending is refused (409) and the first answers stay.
    @Sendable func answer(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (reference, user, feedback) = try await load(context)
        let form = context.form ?? FormData(fields: [:])
        typealias Name = ClosingFeedbackPage.Name
        var typed = ClosingFeedbackPage.Typed()
        var errors = FormErrors()
        var answers: [FeedbackQuestion: FeedbackAnswer] = [:]
        for question in FeedbackQuestion.allCases {
            let value = form[Name.question(question)]
            typed.answers[question] = value
            if let answer = FeedbackAnswer(rawValue: value) { answers[question] = answer } else { errors.add(Name.question(question), "Choisissez une réponse.") }
        }
        typed.comment = form.text(Name.comment).replacingOccurrences(of: "\r\n", with: "\n")
        typed.share = form[Name.share] == "oui"
        if let problem = ClosingFeedbackRules.commentProblem(typed.comment) { errors.add(Name.comment, problem) }
        guard errors.isEmpty, let timely = answers[.timely], let useful = answers[.useful], let recommend = answers[.recommend] else {
            return try await page(context, reference: reference, feedback: feedback, typed: typed, errors: errors, status: .unprocessableContent)
        }
        let given = ClosingAnswers(timely: timely, useful: useful, recommend: recommend, comment: typed.comment, shareComment: typed.share)
        switch try await self.feedback.answerClosing(reference: reference, director: user, answers: given) {
        case .recorded:
            throw Redirect(location: SiteURL.myCases.path + "?message=retour")
        case .alreadyAnswered:
            let stored = try await database.closingFeedback(caseId: feedback.caseId) ?? feedback
            return try await page(context, reference: reference, feedback: stored,
                                  refusal: "Vous avez déjà répondu à ces questions\u{00A0}: vos premières réponses sont conservées.",
                                  status: .conflict)
        case .notAsked:
            throw HTTPError(.notFound)
        }
    }
}
