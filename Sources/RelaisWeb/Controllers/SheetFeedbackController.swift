import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Readers' feedback on a published sheet: « Cette fiche vous a-t-elle aidé ? »
/// (`/vademecum/{slug}/avis`), « Signaler une erreur ou un changement de la loi »
/// (`/vademecum/{slug}/signalement`) and the thank-you page (`/vademecum/{slug}/merci`).
///
/// The sheet itself comes from the page cache for visitors, the same bytes for everyone, so it
/// cannot hold a form token: it links here with GET (the answer chosen travels in the query), and
/// these pages, outside the cache, carry the token the way every visitor's form does (`Sessions.ensure`).
/// Only their POST records, limited per browser (or account) and per network address.
struct SheetFeedbackController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.sheetVote, use: voteForm)
        router.post(SiteURL.Route.sheetVote, use: vote)
        router.get(SiteURL.Route.sheetReport, use: reportForm)
        router.post(SiteURL.Route.sheetReport, use: report)
        router.get(SiteURL.Route.sheetThanks, use: thanks)
    }

    /// The published sheet of the URL, from memory; anything else is a 404.
    private func sheet(_ context: RelaisRequestContext) async throws -> FactSheet {
        guard let slug = context.parameters.get("slug"), Text.isSlug(slug), let (sheet, _) = try await content.publishedFactSheet(slug: slug) else {
            throw HTTPError(.notFound)
        }
        return sheet
    }

    /// Who sends, for the limits: the account, or a digest of the browser's form nonce (the token's
    /// own secret is never stored), and the network address.
    private func sender(_ context: RelaisRequestContext) -> FeedbackService.Sender {
        let key = context.user?.id.map { "compte:\($0)" } ?? "navigateur:" + SecretDigest.hex(context.sessions?.receivedFormNonce ?? "")
        return FeedbackService.Sender(key: key, address: context.clientAddress)
    }

    // MARK: « Cette fiche vous a-t-elle aidé ? »

    private func votePage(_ context: RelaisRequestContext, sheet: FactSheet, answer: String, comment: String = "",
                          errors: FormErrors = FormErrors(), refusal: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        return renderer.page(SheetVotePage(sheet: sheet, answer: answer, comment: comment, errors: errors, refusal: refusal,
                                           csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo), status: status)
    }

    /// The form, with the answer chosen on the sheet (`?reponse=oui`). Records nothing.
    @Sendable func voteForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        let sheet = try await sheet(context)
        let chosen = request.uri.queryParameters["reponse"].map(String.init) ?? ""
        return try await votePage(context, sheet: sheet, answer: chosen == "oui" || chosen == "non" ? chosen : "")
    }

    @Sendable func vote(request: Request, context: RelaisRequestContext) async throws -> Response {
        let sheet = try await sheet(context)
        let form = context.form ?? FormData(fields: [:])
        let answer = form[SheetVotePage.Name.answer]
        let comment = form.text(SheetVotePage.Name.comment).replacingOccurrences(of: "\r\n", with: "\n")
        var errors = FormErrors()
        if answer != "oui" && answer != "non" { errors.add(SheetVotePage.Name.answer, "Choisissez oui ou non.") }
        if let problem = SheetFeedbackRules.commentProblem(comment) { errors.add(SheetVotePage.Name.comment, problem) }
        guard errors.isEmpty else {
            return try await votePage(context, sheet: sheet, answer: answer, comment: comment, errors: errors, status: .unprocessableContent)
        }
        switch try await feedback.vote(slug: sheet.slug, helpful: answer == "oui", comment: comment, sender: sender(context)) {
        case .recorded:
            throw Redirect(location: SiteURL.sheetThanks(sheet.slug).path + "?objet=avis")
        case .limited(let seconds):
            return try await votePage(context, sheet: sheet, answer: answer, comment: comment, refusal: SheetFeedbackRules.waitMessage(seconds: seconds),
                                      status: .tooManyRequests)
        case .notFound, .invalidEmail:
            throw HTTPError(.notFound)
        }
    }

    // MARK: « Signaler une erreur ou un changement de la loi »

    private func reportPage(_ context: RelaisRequestContext, sheet: FactSheet, report: String = "", email: String = "",
                            errors: FormErrors = FormErrors(), refusal: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        return renderer.page(SheetReportPage(sheet: sheet, report: report, email: email, errors: errors, refusal: refusal,
                                             csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo), status: status)
    }

    /// The form. Records nothing.
    @Sendable func reportForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        try await reportPage(context, sheet: try await sheet(context))
    }

    @Sendable func report(request: Request, context: RelaisRequestContext) async throws -> Response {
        let sheet = try await sheet(context)
        let form = context.form ?? FormData(fields: [:])
        let text = form.text(SheetReportPage.Name.report).replacingOccurrences(of: "\r\n", with: "\n")
        // A line break in the address (a tampered form) became a space: refused below as not an address.
        let email = form[SheetReportPage.Name.email]
        var errors = FormErrors()
        if let problem = SheetFeedbackRules.reportProblem(text) { errors.add(SheetReportPage.Name.report, problem) }
        if email.count > 254 { errors.add(SheetReportPage.Name.email, "Cette adresse électronique n’est pas valide.") }
        guard errors.isEmpty else {
            return try await reportPage(context, sheet: sheet, report: text, email: email, errors: errors, status: .unprocessableContent)
        }
        switch try await feedback.report(slug: sheet.slug, body: text, contactEmail: email, sender: sender(context)) {
        case .recorded:
            throw Redirect(location: SiteURL.sheetThanks(sheet.slug).path + "?objet=signalement")
        case .invalidEmail:
            errors.add(SheetReportPage.Name.email, "Cette adresse électronique n’est pas valide.")
            return try await reportPage(context, sheet: sheet, report: text, email: email, errors: errors, status: .unprocessableContent)
        case .limited(let seconds):
            return try await reportPage(context, sheet: sheet, report: text, email: email, refusal: SheetFeedbackRules.waitMessage(seconds: seconds),
                                        status: .tooManyRequests)
        case .notFound:
            throw HTTPError(.notFound)
        }
    }

    // MARK: Thanks

    @Sendable func thanks(request: Request, context: RelaisRequestContext) async throws -> Response {
        let sheet = try await sheet(context)
        let report = request.uri.queryParameters["objet"].map(String.init) == "signalement"
        return renderer.page(SheetThanksPage(sheet: sheet, report: report, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }
}
