import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// A case's page, seen by its director, its correspondent or staff, with its actions, its messages
/// and, for the correspondent and staff, private notes; and the director's list at `/mes-demandes`.
///
/// Whoever else asks gets a 404. Every reading by someone other than the director is written to the
/// audit log.
struct CaseController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }
    static let messageLimit = 8000

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.myCases, use: myCases)
        router.post(SiteURL.Route.myDraft, use: draft)
        router.get(SiteURL.Route.caseFile, use: show)
        router.post(SiteURL.Route.caseAction, use: act)
        router.post(SiteURL.Route.caseMessage, use: message)
        router.post(SiteURL.Route.caseNote, use: note)
        router.get(SiteURL.Route.caseDocument, use: document)
        router.post(SiteURL.Route.caseDocumentWithdrawal, use: withdrawDocument)
        referralRoutes(to: router)
    }

    // MARK: The case page

    /// The case of the URL and how the signed-in person sees it; visitors are sent to sign in,
    /// anyone else gets a 404.
    func load(_ request: Request, _ context: RelaisRequestContext) async throws -> (CaseFile, User, CaseActorRole) {
        let text = request.uri.path.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        let path = SiteURL.caseFile(text).path
        guard let user = context.user else {
            _ = try context.require(.manageOwnAccount, returnTo: CaseReference(text) == nil ? SiteURL.myCases.path : path)
            throw HTTPError(.notFound)
        }
        guard let reference = CaseReference(text), let caseFile = try await database.caseFile(reference: reference.description),
              caseFile.anonymisedAt == nil,
              let role = Policy.caseRole(of: user.actor, on: try await database.caseParties(caseFile)) else {
            throw HTTPError(.notFound)
        }
        return (caseFile, user, role)
    }

    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (caseFile, user, role) = try await load(request, context)
        let notice = CasePage.notice(request.uri.queryParameters["message"].map(String.init))
        return try await page(caseFile, user: user, role: role, context: context, notice: notice)
    }

    func page(_ caseFile: CaseFile, user: User, role: CaseActorRole, context: RelaisRequestContext, notice: String? = nil,
                      error: String? = nil, reasonError: String? = nil, typedMessage: String = "", messageError: String? = nil,
                      typedNote: String = "", noteError: String? = nil, messageFileErrors: [String] = [], noteFileErrors: [String] = [],
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let reference = caseFile.reference ?? ""
        if role != .director {
            try await cases.logAccess(reference: reference, viewer: user, role: role, address: context.clientAddress)
        }
        guard let detail = try await database.caseDetail(id: caseFile.id ?? 0) else { throw HTTPError(.notFound) }
        let session = try await sessions.ensure(context)
        let now = clock()
        let isDirector = role == .director, isStaff = role == .staff
        let shared = isDirector ? [] : try await database.sharedDeadlines(caseId: caseFile.id ?? 0)
        let history = isStaff ? try await database.caseAccessHistory(reference: reference) : []
        var staffAuthors: Set<Int64> = []
        for id in Set(detail.notes.compactMap(\.authorUserId)) {
            if try await database.user(id: id)?.role.isStaff == true { staffAuthors.insert(id) }
        }
        let notes = detail.notes.filter {
            Policy.mayReadNote(authorUserId: $0.authorUserId, authorIsStaff: $0.authorUserId.map(staffAuthors.contains) ?? false,
                               reader: user.id ?? 0, as: role)
        }
        let correspondents = isStaff ? try await database.activeCorrespondentChoices(departementCode: caseFile.departementCode) : []
        let page = CasePage(
            caseFile, detail: detail, reader: user, role: role, notes: notes, shared: shared, accessHistory: history,
            correspondents: correspondents, deadlines: deadlines, now: now, csrf: session.csrfToken, notice: notice, refusal: error,
            reasonError: reasonError, typedMessage: typedMessage, messageError: messageError, typedNote: typedNote, noteError: noteError,
            messageFileErrors: messageFileErrors, noteFileErrors: noteFileErrors, limits: config.documentLimits,
            referrals: detail.referrals,
            viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        return renderer.page(page, status: status)
    }
}
