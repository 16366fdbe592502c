import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Staff's side of exchange groups: the moderation list, creating a group, deciding a member's
/// proposal, and a group's moderation view (that it exists and who is in it; its meetings, notes and
/// action items stay with its members).
struct StaffGroupsController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    var groups: GroupService { parts.useCases.groups }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staffGroups, use: index)
        router.get(SiteURL.Route.staffGroupNew, use: newGroup)
        router.post(SiteURL.Route.staffGroupNew, use: create)
        router.get(SiteURL.Route.staffGroup, use: show)
        router.post(SiteURL.Route.staffGroupDecision, use: decide)
    }

    private func groupId(_ context: RelaisRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }

    @Sendable func index(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffGroups.path)
        let notice = request.uri.queryParameters["message"].flatMap { StaffGroupsPage.notices[String($0)] }
        return renderer.page(StaffGroupsPage(try await database.groupsForStaff(), notice: notice, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    @Sendable func newGroup(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffGroupNew.path)
        return try await formPage(.blank(), context: context)
    }

    private func formPage(_ form: GroupForm, context: RelaisRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = GroupFormPage(form: form, staff: true, regions: try await database.regions(), csrf: session.csrfToken,
                                 viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    @Sendable func create(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffGroupNew.path)
        var form = GroupForm(reading: context.form ?? FormData(fields: [:]), regions: try await database.regions(), withReferent: true)
        guard let fields = form.fields, let referent = form.referentEmail else {
            return try await formPage(form, context: context, status: .unprocessableContent)
        }
        do {
            try await groups.create(fields, referentEmail: referent, by: user, address: context.clientAddress)
        } catch let refusal as GroupRules.Refusal {
            form.errors.add("referent", refusal.message)
            return try await formPage(form, context: context, status: .unprocessableContent)
        }
        throw Redirect(location: SiteURL.staffGroups.path + "?message=creee")
    }

    /// That the group exists, what it is about, who is in it.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try groupId(context)
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffGroup(id).path)
        return try await groupPage(id, context: context)
    }

    private func groupPage(_ id: Int64, context: RelaisRequestContext, problem: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let (group, regionName, people) = try await database.groupForStaff(id: id) else { throw HTTPError(.notFound) }
        let session = try await sessions.ensure(context)
        let page = StaffGroupPage(group: group, regionName: regionName, people: people, problem: problem, csrf: session.csrfToken,
                                  viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// Approves (`decision=approuver`) or turns down a proposal.
    @Sendable func decide(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try groupId(context)
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffGroup(id).path)
        let approve = (context.form ?? FormData(fields: [:]))["decision"] == "approuver"
        do {
            try await groups.decide(groupId: id, approve: approve, by: user, address: context.clientAddress)
        } catch is GroupService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as GroupRules.Refusal {
            return try await groupPage(id, context: context, problem: refusal.message, status: .conflict)
        }
        throw Redirect(location: SiteURL.staffGroups.path + "?message=" + (approve ? "approuvee" : "refusee"))
    }
}
