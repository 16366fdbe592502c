import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// A member's exchange groups: the list, proposing a group, asking to join, answering an
/// invitation, and a group's space (members only: 404 to anyone else, staff included) with the
/// référent's decisions and invitations. Outside the page cache; every answer is signed-in, so it
/// leaves with `Cache-Control: no-store` (`SessionMiddleware`).
struct GroupsController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    var groups: GroupService { parts.useCases.groups }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.groups, use: index)
        router.get(SiteURL.Route.groupProposal, use: proposalForm)
        router.post(SiteURL.Route.groupProposal, use: propose)
        router.post(SiteURL.Route.groupJoinRequest, use: requestToJoin)
        router.post(SiteURL.Route.groupInvitationAnswer, use: answerInvitation)
        router.get(SiteURL.Route.group, use: show)
        router.post(SiteURL.Route.groupMemberDecision, use: decideRequest)
        router.post(SiteURL.Route.groupInvitation, use: invite)
        router.post(SiteURL.Route.accountGroupMail, use: mailSetting)
    }

    // MARK: The list

    /// The member's groups, invitations and requests, and the open groups.
    @Sendable func index(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.requireGroupMember(returnTo: .groups)
        let notice = request.uri.queryParameters["message"].flatMap { GroupsPage.notices[String($0)] }
        return try await indexPage(user, context: context, notice: notice)
    }

    private func indexPage(_ user: User, context: RelaisRequestContext, notice: String? = nil, problem: String? = nil,
                           status: HTTPResponse.Status = .ok) async throws -> Response {
        let overview = try await database.groupsOverview(userId: user.id ?? 0)
        let session = try await sessions.ensure(context)
        let page = GroupsPage(overview, user: user, notice: notice, problem: problem, csrf: session.csrfToken,
                              viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    @Sendable func proposalForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.requireGroupMember(returnTo: .groupProposal)
        guard GroupRules.mayPropose(user.role) else { throw HTTPError(.notFound) }
        return try await proposalPage(.blank(), context: context)
    }

    private func proposalPage(_ form: GroupForm, context: RelaisRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = GroupFormPage(form: form, staff: false, regions: try await database.regions(), csrf: session.csrfToken,
                                 viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// A member proposes a group; staff decide.
    @Sendable func propose(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.requireGroupMember(returnTo: .groupProposal)
        guard GroupRules.mayPropose(user.role) else { throw HTTPError(.notFound) }
        let form = GroupForm(reading: context.form ?? FormData(fields: [:]), regions: try await database.regions(), withReferent: false)
        guard let fields = form.fields else { return try await proposalPage(form, context: context, status: .unprocessableContent) }
        try await groups.propose(fields, by: user, address: context.clientAddress)
        throw Redirect(location: SiteURL.groups.path + "?message=proposee")
    }

    /// Asks to join the group of field `groupe` (an open group, or one the person is invited to).
    @Sendable func requestToJoin(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.requireGroupMember(returnTo: .groups)
        guard let groupId = Int64((context.form ?? FormData(fields: [:]))["groupe"]) else { throw HTTPError(.notFound) }
        do {
            switch try await groups.requestToJoin(groupId: groupId, user: user, address: context.clientAddress) {
            case .requested: throw Redirect(location: SiteURL.groups.path + "?message=demande")
            case .joined: throw Redirect(location: SiteURL.group(groupId).path)
            }
        } catch is GroupService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as GroupRules.Refusal {
            return try await indexPage(user, context: context, problem: refusal.message, status: .conflict)
        }
    }

    /// Accepts or declines the invitation to the group of field `groupe`.
    @Sendable func answerInvitation(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.requireGroupMember(returnTo: .groups)
        let form = context.form ?? FormData(fields: [:])
        guard let groupId = Int64(form["groupe"]) else { throw HTTPError(.notFound) }
        let accept = form["reponse"] == "accepter"
        do {
            try await groups.answerInvitation(groupId: groupId, accept: accept, user: user, address: context.clientAddress)
        } catch let refusal as GroupRules.Refusal {
            return try await indexPage(user, context: context, problem: refusal.message, status: .conflict)
        }
        throw Redirect(location: accept ? SiteURL.group(groupId).path : SiteURL.groups.path + "?message=refusee")
    }

    // MARK: A group's space

    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe")
        let user = try context.requireGroupMember(returnTo: .group(groupId))
        let notice = request.uri.queryParameters["message"].flatMap { GroupPage.notices[String($0)] }
        return try await groupPage(groupId, user: user, context: context, notice: notice)
    }

    private func groupPage(_ groupId: Int64, user: User, context: RelaisRequestContext, notice: String? = nil, problem: String? = nil,
                           invitation: String = "", invitationErrors: FormErrors = FormErrors(), status: HTTPResponse.Status = .ok) async throws -> Response {
        // Members only: the membership is checked in the same read as the group.
        guard let space = try await database.groupSpace(groupId: groupId, userId: user.id ?? 0), space.group.status == .active else {
            throw HTTPError(.notFound)
        }
        let session = try await sessions.ensure(context)
        var page = GroupPage(space, now: clock(), notice: notice, problem: problem, invitationValue: invitation, invitationErrors: invitationErrors,
                             csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        page.initiatives = try await database.groupInitiatives(groupId: groupId).map { row in
            GroupPage.InitiativeLine(title: row.initiative.title, url: SiteURL.groupInitiative(groupId, row.initiative.id ?? 0).path,
                                     meta: "Par \(row.authorName ?? "un ancien membre"), le \(Day(row.initiative.createdAt).frenchLong) · \(row.initiative.status.label)")
        }
        page.newInitiativeURL = SiteURL.groupInitiativeNew(groupId).path
        return renderer.page(page, status: status)
    }

    /// The référent accepts (`decision=accepter`) or declines a request.
    @Sendable func decideRequest(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe"), memberId = try context.pathId("membre")
        let user = try context.requireGroupMember(returnTo: .group(groupId))
        let accept = (context.form ?? FormData(fields: [:]))["decision"] == "accepter"
        do {
            try await groups.decideRequest(groupId: groupId, memberId: memberId, accept: accept, by: user, address: context.clientAddress)
        } catch is GroupService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as GroupRules.Refusal {
            return try await groupPage(groupId, user: user, context: context, problem: refusal.message, status: .conflict)
        }
        throw Redirect(location: SiteURL.group(groupId).path + "?message=" + (accept ? "accepte" : "refuse"))
    }

    /// The référent invites an account by its address.
    @Sendable func invite(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe")
        let user = try context.requireGroupMember(returnTo: .group(groupId))
        let typed = (context.form ?? FormData(fields: [:]))["invite"]
        var errors = FormErrors()
        guard let email = errors.checkEmail(typed, field: "invite", required: true, missing: "Indiquez l’adresse du compte à inviter.") else {
            return try await groupPage(groupId, user: user, context: context, invitation: typed, invitationErrors: errors, status: .unprocessableContent)
        }
        do {
            try await groups.invite(groupId: groupId, email: email, by: user, address: context.clientAddress)
        } catch is GroupService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as GroupRules.Refusal {
            errors.add("invite", refusal.message)
            return try await groupPage(groupId, user: user, context: context, invitation: typed, invitationErrors: errors, status: .unprocessableContent)
        }
        throw Redirect(location: SiteURL.group(groupId).path + "?message=invite")
    }

    /// One mail per event, or the weekly digest (`/compte`).
    @Sendable func mailSetting(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.requireGroupMember(returnTo: .account)
        let digest = (context.form ?? FormData(fields: [:]))["courriels"] == "resume"
        try await groups.setDigest(digest, user: user, address: context.clientAddress)
        throw Redirect(location: SiteURL.account.path + "?message=courriels-equipes")
    }
}
