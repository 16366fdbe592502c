import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import RelaisCore
import RelaisFiles
import RelaisStore
import RelaisUseCases

/// The expert's side of avis requests: their desk, each request at the stage it is (the question
/// alone until they declare no conflict), their answer with files, and the files shared with them.
/// Anything else — another request, a request that ended, the case itself — is a 404.
struct ExpertController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    var referrals: ReferralService { parts.useCases.referrals }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.expertDesk, use: desk)
        router.get(SiteURL.Route.referral, use: show)
        router.post(SiteURL.Route.referralDeclaration, use: declare)
        router.post(SiteURL.Route.referralMessage, use: message)
        router.get(SiteURL.Route.referralDocument, use: document)
    }

    /// The requests addressed to the signed-in expert.
    @Sendable func desk(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useExpertDesk, returnTo: SiteURL.expertDesk.path)
        let page = ExpertDeskPage(user, expert: try await database.expert(userId: user.id ?? 0), referrals: try await database.expertReferrals(userId: user.id ?? 0),
                                  now: clock(), viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }

    func referralId(_ context: RelaisRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("avis").flatMap(Int64.init) else { throw HTTPError(.notFound) }
        return id
    }

    /// One request, at its stage; each reading is on the case's access history.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useExpertDesk, returnTo: request.uri.path)
        let notice = ReferralPage.notice(request.uri.queryParameters["message"].map(String.init))
        return try await page(try referralId(context), user: user, context: context, notice: notice)
    }

    func page(_ id: Int64, user: User, context: RelaisRequestContext, notice: String? = nil, typedMessage: String = "", messageError: String? = nil,
              fileErrors: [String] = [], status: HTTPResponse.Status = .ok) async throws -> Response {
        let (referral, stage, caseFile): (Referral, ReferralRules.Stage, CaseFile)
        do {
            (referral, stage, caseFile) = try await referrals.read(referralId: id, expert: user, address: context.clientAddress)
        } catch is ReferralService.Refusal {
            throw HTTPError(.notFound)
        }
        guard let detail = try await database.referralDetail(id: referral.id ?? 0), let caseDetail = try await database.caseDetail(id: caseFile.id ?? 0) else {
            throw HTTPError(.notFound)
        }
        let session = try await sessions.ensure(context)
        let page = ReferralPage(detail, stage: stage, situation: caseDetail.situationTitle, employer: caseDetail.employerLabel, reader: user,
                                csrf: session.csrfToken, notice: notice, typedMessage: typedMessage, messageError: messageError, fileErrors: fileErrors,
                                limits: config.documentLimits, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// « Pas de conflit » opens the request; « conflit » sends it back to the correspondent.
    @Sendable func declare(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useExpertDesk, returnTo: SiteURL.expertDesk.path)
        let id = try referralId(context)
        let form = context.form ?? FormData(fields: [:])
        let conflict: Bool
        switch form["declaration"] {
        case "pas-de-conflit": conflict = false
        case "conflit": conflict = true
        default: return try await page(id, user: user, context: context, status: .badRequest)
        }
        let reason = CaseController.cleanText(form.raw("motif") ?? "")
        guard reason.count <= 2000 else { return try await page(id, user: user, context: context, status: .unprocessableContent) }
        do {
            try await referrals.declare(conflict: conflict, reason: reason, referralId: id, expert: user)
        } catch is ReferralService.Refusal {
            throw HTTPError(.notFound)
        }
        throw Redirect(location: conflict ? SiteURL.expertDesk.path : SiteURL.referral(id).path + "?message=pas-de-conflit")
    }

    /// The expert's avis, or a question, with files.
    @Sendable func message(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useExpertDesk, returnTo: SiteURL.expertDesk.path)
        let id = try referralId(context)
        // The request must be open to this expert before a byte of the body is read.
        do {
            let (_, stage, _) = try await referrals.read(referralId: id, expert: user, address: context.clientAddress)
            guard stage == .full else { throw HTTPError(.notFound) }
        } catch is ReferralService.Refusal {
            throw HTTPError(.notFound)
        }
        let post = try await CaseController(parts).readPost(request, context, field: "message", empty: "Le message est vide.",
                                                            tooLong: "Le message dépasse \(CaseController.messageLimit) caractères.")
        let body = post.body, intake = post.intake
        if post.isRefused {
            return try await page(id, user: user, context: context, typedMessage: body, messageError: post.problem, fileErrors: post.fileErrors,
                                  status: post.status)
        }
        do {
            try await referrals.post(body, documents: intake, referralId: id, author: user, role: .expert)
        } catch let refusal as DocumentRefusal {
            return try await page(id, user: user, context: context, typedMessage: body, fileErrors: [refusal.message], status: .unprocessableContent)
        } catch is ReferralService.Refusal {
            throw HTTPError(.notFound)
        }
        throw Redirect(location: SiteURL.referral(id).path + "?message=message#messages")
    }

    /// A file shared with the expert, or one of the avis thread.
    @Sendable func document(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useExpertDesk, returnTo: SiteURL.expertDesk.path)
        let id = try referralId(context)
        guard let documentId = context.parameters.get("piece").flatMap(Int64.init) else { throw HTTPError(.notFound) }
        let (document, reference): (CaseDocument, String)
        do {
            (document, reference) = try await referrals.documentForExpert(documentId, referralId: id, expert: user, address: context.clientAddress)
        } catch is ReferralService.Refusal {
            throw HTTPError(.notFound)
        }
        return try await CaseController(parts).serve(document, reference: reference, context: context)
    }
}
