import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Avis requests from the case's side: the correspondent (or staff) proposes, the director decides or
/// revokes, the correspondent writes in the thread with the expert. The case's authorisation first
/// (`load`): anyone else gets a 404.
extension CaseController {
    var referrals: ReferralService { parts.useCases.referrals }

    func referralRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.caseReferralNew, use: newReferral)
        router.post(SiteURL.Route.caseReferralNew, use: proposeReferral)
        router.post(SiteURL.Route.caseReferralDecision, use: decideReferral)
        router.post(SiteURL.Route.caseReferralRevocation, use: revokeReferral)
        router.post(SiteURL.Route.caseReferralWithdrawal, use: withdrawReferral)
        router.post(SiteURL.Route.caseReferralMessage, use: referralMessage)
    }

    /// The form to ask an expert for an avis.
    @Sendable func newReferral(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        guard role == .assignee || role == .staff, caseFile.status.isOpen else { throw HTTPError(.notFound) }
        if role != .director { try await cases.logAccess(reference: caseFile.reference ?? "", viewer: user, role: role, address: context.clientAddress) }
        return try await proposalPage(caseFile, context: context, typed: ReferralProposalPage.Typed(), errors: [:])
    }

    func proposalPage(_ caseFile: CaseFile, context: RelaisRequestContext, typed: ReferralProposalPage.Typed, errors: [String: String],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let region = try await content.departement(code: caseFile.departementCode)?.1.code
        let page = ReferralProposalPage(
            reference: caseFile.reference ?? "", experts: try await database.experts(activeOnly: true).map(\.expert), caseRegion: region,
            documents: try await database.caseDocuments(caseId: caseFile.id ?? 0).map(\.document), typed: typed, errors: errors,
            csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        return renderer.page(page, status: status)
    }

    @Sendable func proposeReferral(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        guard role == .assignee || role == .staff else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        let documents = try await database.caseDocuments(caseId: caseFile.id ?? 0).map(\.document)
        var typed = ReferralProposalPage.Typed(
            expertId: Int64(form["expert"]), question: Self.cleanText(form.raw("question") ?? ""), summary: Self.cleanText(form.raw("resume") ?? ""),
            documentIds: Set(documents.compactMap { $0.id }.filter { form["piece-\($0)"] == "oui" }),
            durationDays: Int(form["duree"]).flatMap { ReferralRules.allowedDays.contains($0) ? $0 : nil } ?? ReferralRules.defaultDays
        )
        var errors: [String: String] = [:]
        if typed.expertId == nil { errors["expert"] = "Choisissez un expert dans la liste." }
        if typed.question.isEmpty { errors["question"] = "Écrivez la question posée à l’expert." }
        else if typed.question.count > 2000 { errors["question"] = "La question dépasse 2 000 caractères." }
        if typed.summary.isEmpty { errors["resume"] = "Écrivez un résumé pour l’expert." }
        else if typed.summary.count > Self.messageLimit { errors["resume"] = "Le résumé dépasse \(Self.messageLimit) caractères." }
        if !errors.isEmpty { return try await proposalPage(caseFile, context: context, typed: typed, errors: errors, status: .unprocessableContent) }
        do {
            _ = try await referrals.propose(
                ReferralService.Proposal(expertId: typed.expertId ?? 0, question: typed.question, summary: typed.summary,
                                         documentIds: Array(typed.documentIds), durationDays: typed.durationDays),
                caseId: caseFile.id ?? 0, by: user, role: role)
        } catch is ReferralService.Refusal {
            typed.expertId = nil
            return try await proposalPage(caseFile, context: context, typed: typed,
                                          errors: ["expert": "Cet expert ne peut plus être sollicité, ou la demande a changé entre-temps. Choisissez de nouveau."],
                                          status: .conflict)
        } catch is CaseConflict {
            throw HTTPError(.notFound)
        }
        throw Redirect(location: SiteURL.caseFile(caseFile.reference ?? "").path + "?message=avis-propose#avis")
    }

    func referralParameter(_ context: RelaisRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("avis").flatMap(Int64.init) else { throw HTTPError(.notFound) }
        return id
    }

    /// The director accepts (with the summary, files and duration as they leave them) or refuses.
    @Sendable func decideReferral(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        guard role == .director else { throw HTTPError(.notFound) }
        let id = try referralParameter(context)
        let form = context.form ?? FormData(fields: [:])
        let accept: Bool
        switch form["decision"] {
        case "accepter": accept = true
        case "refuser": accept = false
        default: return try await page(reference: caseFile.reference ?? "", user: user, context: context, error: "Cette décision n’existe pas.", status: .badRequest)
        }
        let summary = Self.cleanText(form.raw("resume-\(id)") ?? "")
        let reason = Self.cleanText(form.raw("motif-\(id)") ?? "")
        if accept, summary.isEmpty || summary.count > Self.messageLimit {
            return try await page(reference: caseFile.reference ?? "", user: user, context: context,
                                  error: summary.isEmpty ? "Le résumé pour l’expert est vide\u{00A0}: complétez-le ou refusez la demande d’avis."
                                      : "Le résumé dépasse \(Self.messageLimit) caractères.", status: .unprocessableContent)
        }
        let documents = try await database.caseDocuments(caseId: caseFile.id ?? 0).map(\.document)
        let decision = ReferralService.Decision(
            accept: accept, summary: summary, documentIds: documents.compactMap { $0.id }.filter { form["piece-\($0)"] == "oui" },
            durationDays: Int(form["duree"]).flatMap { ReferralRules.allowedDays.contains($0) ? $0 : nil } ?? ReferralRules.defaultDays,
            reason: String(reason.prefix(2000))
        )
        do {
            try await referrals.decide(decision, referralId: id, caseId: caseFile.id ?? 0, director: user)
        } catch let refusal as ReferralService.Refusal {
            if refusal.reason == .notFound { throw HTTPError(.notFound) }
            return try await page(reference: caseFile.reference ?? "", user: user, context: context,
                                  error: "Cette demande d’avis a changé entre-temps\u{00A0}: voici où elle en est.", status: .conflict)
        } catch is CaseConflict {
            throw HTTPError(.notFound)
        }
        throw Redirect(location: SiteURL.caseFile(caseFile.reference ?? "").path + "?message=\(accept ? "avis-accepte" : "avis-refuse")#avis")
    }

    @Sendable func revokeReferral(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        guard role == .director else { throw HTTPError(.notFound) }
        do {
            try await referrals.revoke(referralId: try referralParameter(context), caseId: caseFile.id ?? 0, director: user)
        } catch let refusal as ReferralService.Refusal {
            if refusal.reason == .notFound { throw HTTPError(.notFound) }
            return try await page(reference: caseFile.reference ?? "", user: user, context: context, error: "Cet accès a déjà pris fin.", status: .conflict)
        } catch is CaseConflict {
            throw HTTPError(.notFound)
        }
        throw Redirect(location: SiteURL.caseFile(caseFile.reference ?? "").path + "?message=avis-revoque#avis")
    }

    /// The correspondent (or staff) takes back a proposal the director has not decided on.
    @Sendable func withdrawReferral(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        guard role == .assignee || role == .staff else { throw HTTPError(.notFound) }
        do {
            try await referrals.withdraw(referralId: try referralParameter(context), caseId: caseFile.id ?? 0, by: user, role: role)
        } catch let refusal as ReferralService.Refusal {
            if refusal.reason == .notFound { throw HTTPError(.notFound) }
            return try await page(reference: caseFile.reference ?? "", user: user, context: context,
                                  error: "Le directeur a déjà répondu à cette proposition.", status: .conflict)
        } catch is CaseConflict {
            throw HTTPError(.notFound)
        }
        throw Redirect(location: SiteURL.caseFile(caseFile.reference ?? "").path + "?message=avis-retire#avis")
    }

    /// The correspondent (or staff) writes to the expert, with files.
    @Sendable func referralMessage(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        guard role == .assignee || role == .staff else { throw HTTPError(.notFound) }
        let id = try referralParameter(context)
        let post = try await readPost(request, context, field: "avis-message-\(id)", empty: "Le message à l’expert est vide.",
                                      tooLong: "Le message dépasse \(Self.messageLimit) caractères.")
        let body = post.body, intake = post.intake
        if post.isRefused, let problem = post.problem ?? post.fileErrors.first {
            return try await page(reference: caseFile.reference ?? "", user: user, context: context, error: problem, status: post.status)
        }
        do {
            try await referrals.post(body, documents: intake, referralId: id, author: user, role: .handler(role))
        } catch let refusal as DocumentRefusal {
            return try await page(reference: caseFile.reference ?? "", user: user, context: context, error: refusal.message, status: .unprocessableContent)
        } catch let refusal as ReferralService.Refusal {
            if refusal.reason == .notFound { throw HTTPError(.notFound) }
            return try await page(reference: caseFile.reference ?? "", user: user, context: context, error: "Cette demande d’avis n’est plus ouverte.", status: .conflict)
        }
        throw Redirect(location: SiteURL.caseFile(caseFile.reference ?? "").path + "?message=avis-message#avis-\(id)")
    }
}
