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
        let (reference, user) = try reader(request, context)
        guard let (caseFile, parties) = try await database.caseWithParties(reference: reference), caseFile.anonymisedAt == nil,
              let role = Policy.caseRole(of: user.actor, on: parties) else {
            throw HTTPError(.notFound)
        }
        return (caseFile, user, role)
    }

    /// The case reference of the URL and the signed-in person; visitors are sent to sign in, and
    /// a path that cannot be a reference is a 404.
    private func reader(_ request: Request, _ context: RelaisRequestContext) throws -> (String, User) {
        let text = request.uri.path.split(separator: "/").dropFirst().first.map(String.init) ?? ""
        let path = SiteURL.caseFile(text).path
        guard let user = context.user else {
            _ = try context.require(.manageOwnAccount, returnTo: CaseReference(text) == nil ? SiteURL.myCases.path : path)
            throw HTTPError(.notFound)
        }
        guard let reference = CaseReference(text) else { throw HTTPError(.notFound) }
        return (reference.description, user)
    }

    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (reference, user) = try reader(request, context)
        let notice = CasePage.notice(request.uri.queryParameters["message"].map(String.init))
        return try await page(reference: reference, user: user, context: context, notice: notice)
    }

    /// The case page as `user` may see it, read in one transaction. Each view by someone other than
    /// the director is written to the audit log, committed before the page is answered.
    func page(reference: String, user: User, context: RelaisRequestContext, notice: String? = nil,
              error: String? = nil, reasonError: String? = nil, typedMessage: String = "", messageError: String? = nil,
              typedNote: String = "", noteError: String? = nil, messageFileErrors: [String] = [], noteFileErrors: [String] = [],
              status: HTTPResponse.Status = .ok) async throws -> Response {
        // Read again only when something was committed since, but an audit line: the director and the
        // correspondent never see those. Staff see the access history, so their view is always read.
        guard let actor = user.actor else { throw HTTPError(.notFound) }  // no role on any case
        // The messages and the history are rendered with the data, once per version of the case.
        let read = try await parts.casePages.value(key: CasePageKey(reference: reference, actor: actor)) {
            try await database.casePage(reference: reference, actor: actor).map { data in
                CaseView(data: data, thread: CaseThread(data.detail, reader: user, role: data.role, renderer: renderer))
            }
        } keep: { view in
            view.map { $0.data.role != .staff } ?? false
        }
        guard let (data, thread) = read.map({ ($0.data, $0.thread) }) else { throw HTTPError(.notFound) }
        let role = data.role, detail = data.detail
        var history = data.accessHistory
        if role != .director {
            let line = try await cases.logAccess(reference: reference, viewer: user, role: role, address: context.clientAddress)
            // Staff see the case's access history, this very view first (it is committed now).
            if role == .staff { history = Array(([line] + history).prefix(AppDatabase.accessHistoryLimit)) }
        }
        let session = try await sessions.ensure(context)
        let notes = detail.notes.filter {
            Policy.mayReadNote(authorUserId: $0.authorUserId, authorIsStaff: $0.authorUserId.map(data.staffNoteAuthors.contains) ?? false,
                               reader: user.id ?? 0, as: role)
        }
        var page = CasePage(
            detail.caseFile, detail: detail, thread: thread, reader: user, role: role, notes: notes, shared: data.sharedDeadlines,
            accessHistory: history, correspondents: data.correspondentChoices, deadlines: deadlines, now: clock(),
            csrf: session.csrfToken, notice: notice, refusal: error,
            reasonError: reasonError, typedMessage: typedMessage, messageError: messageError, typedNote: typedNote, noteError: noteError,
            messageFileErrors: messageFileErrors, noteFileErrors: noteFileErrors, limits: config.documentLimits,
            referrals: detail.referrals,
            viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        page.closingFeedback = ClosingFeedbackBlock.make(data.feedback, role: role, reference: reference, status: detail.caseFile.status)
        return renderer.page(page, status: status)
    }
}

/// A case page's data and what is rendered from it alone, as `AppParts.casePages` keeps them.
struct CaseView: Sendable {
    let data: AppDatabase.CasePageData
    let thread: CaseThread
}

/// Whose view of which case `AppParts.casePages` keeps: the role a reader has on a case is decided
/// from their account, so two readers never share an entry.
struct CasePageKey: Hashable, Sendable {
    let reference: String
    let userId: Int64
    let role: Role
    let secondFactor: Bool

    init(reference: String, actor: Policy.Actor) {
        self.reference = reference
        userId = actor.userId
        role = actor.role
        secondFactor = actor.secondFactor
    }
}
