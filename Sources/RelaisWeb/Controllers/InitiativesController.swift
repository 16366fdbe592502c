import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// « Fiches initiatives »: inside a group (members only, 404 to anyone else, staff included), and
/// staff's side, which sees only the fiches their authors proposed.
struct InitiativesController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    var initiatives: InitiativeService { parts.useCases.initiatives }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.groupInitiativeNew, use: newForm)
        router.post(SiteURL.Route.groupInitiativeNew, use: create)
        router.get(SiteURL.Route.groupInitiative, use: show)
        router.get(SiteURL.Route.groupInitiativeEdit, use: editForm)
        router.post(SiteURL.Route.groupInitiativeEdit, use: edit)
        router.post(SiteURL.Route.groupInitiativeProposal, use: propose)
        router.get(SiteURL.Route.staffInitiatives, use: staffList)
        router.get(SiteURL.Route.staffInitiative, use: staffShow)
        router.post(SiteURL.Route.staffInitiative, use: staffDecide)
    }

    private func member(_ context: RelaisRequestContext, returnTo: SiteURL) throws -> User {
        let user = try context.require(.manageOwnAccount, returnTo: returnTo.path)
        guard GroupRules.mayBeMember(user.role) else { throw HTTPError(.notFound) }
        return user
    }

    /// The group's title, when `user` is one of its members; else a 404.
    private func groupTitle(_ groupId: Int64, user: User) async throws -> String {
        guard let space = try await database.groupSpace(groupId: groupId, userId: user.id ?? 0), space.group.status == .active else {
            throw HTTPError(.notFound)
        }
        return space.group.title
    }

    private static func fields(_ form: FormData) -> InitiativeRules.Fields {
        InitiativeRules.Fields(title: form["titre"], what: CaseController.cleanText(form.raw("quoi") ?? ""), place: form["ou"],
                               contact: form["contact"], outcome: CaseController.cleanText(form.raw("resultat") ?? ""))
    }

    private func formPage(groupId: Int64, title: String, initiativeId: Int64?, fields: InitiativeRules.Fields, errors: FormErrors,
                          context: RelaisRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = InitiativeFormPage(groupId: groupId, groupTitle: title, initiativeId: initiativeId, fields: fields, errors: errors,
                                      csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    private static func errors(_ fields: InitiativeRules.Fields) -> FormErrors {
        var errors = FormErrors()
        for problem in fields.problems { errors.add(problem.field, problem.message) }
        return errors
    }

    // MARK: Members

    @Sendable func newForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe")
        let user = try member(context, returnTo: .groupInitiativeNew(groupId))
        let title = try await groupTitle(groupId, user: user)
        return try await formPage(groupId: groupId, title: title, initiativeId: nil,
                                  fields: .init(title: "", what: "", place: "", contact: "", outcome: ""), errors: FormErrors(), context: context)
    }

    @Sendable func create(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe")
        let user = try member(context, returnTo: .group(groupId))
        let title = try await groupTitle(groupId, user: user)
        let fields = Self.fields(context.form ?? FormData(fields: [:]))
        let errors = Self.errors(fields)
        guard errors.isEmpty else {
            return try await formPage(groupId: groupId, title: title, initiativeId: nil, fields: fields, errors: errors, context: context,
                                      status: .unprocessableContent)
        }
        let created: Int64
        do {
            created = try await initiatives.write(fields, groupId: groupId, author: user, address: context.clientAddress)
        } catch is InitiativeService.NotFound {
            throw HTTPError(.notFound)
        }
        throw Redirect(location: SiteURL.groupInitiative(groupId, created).path + "?message=ecrite")
    }

    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe"), initiativeId = try context.pathId("initiative")
        let user = try member(context, returnTo: .groupInitiative(groupId, initiativeId))
        let row: AppDatabase.InitiativeRow
        do {
            row = try await initiatives.read(initiativeId, groupId: groupId, user: user)
        } catch is InitiativeService.NotFound {
            throw HTTPError(.notFound)
        }
        let session = try await sessions.ensure(context)
        let notice = request.uri.queryParameters["message"].flatMap { InitiativePage.notices[String($0)] }
        return renderer.page(InitiativePage(row, reader: user, notice: notice, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context),
                                            demo: config.demo))
    }

    @Sendable func editForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe"), initiativeId = try context.pathId("initiative")
        let user = try member(context, returnTo: .groupInitiativeEdit(groupId, initiativeId))
        let row: AppDatabase.InitiativeRow
        do {
            row = try await initiatives.read(initiativeId, groupId: groupId, user: user)
        } catch is InitiativeService.NotFound {
            throw HTTPError(.notFound)
        }
        guard InitiativeRules.mayEdit(row.initiative.status, isAuthor: row.initiative.authorUserId == user.id) else { throw HTTPError(.notFound) }
        return try await formPage(groupId: groupId, title: row.groupTitle, initiativeId: initiativeId, fields: row.initiative.fields,
                                  errors: FormErrors(), context: context)
    }

    @Sendable func edit(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe"), initiativeId = try context.pathId("initiative")
        let user = try member(context, returnTo: .groupInitiative(groupId, initiativeId))
        let title = try await groupTitle(groupId, user: user)
        let fields = Self.fields(context.form ?? FormData(fields: [:]))
        let errors = Self.errors(fields)
        guard errors.isEmpty else {
            return try await formPage(groupId: groupId, title: title, initiativeId: initiativeId, fields: fields, errors: errors, context: context,
                                      status: .unprocessableContent)
        }
        do {
            try await initiatives.edit(initiativeId, fields: fields, groupId: groupId, author: user, address: context.clientAddress)
        } catch is InitiativeService.NotFound, is InitiativeService.NotNow {
            throw HTTPError(.notFound)
        }
        throw Redirect(location: SiteURL.groupInitiative(groupId, initiativeId).path + "?message=modifiee")
    }

    /// The author's consent, ticked: the fiche goes to staff.
    @Sendable func propose(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe"), initiativeId = try context.pathId("initiative")
        let user = try member(context, returnTo: .groupInitiative(groupId, initiativeId))
        guard (context.form ?? FormData(fields: [:]))["accord"] == "oui" else {
            throw Redirect(location: SiteURL.groupInitiative(groupId, initiativeId).path)
        }
        do {
            try await initiatives.propose(initiativeId, groupId: groupId, author: user, address: context.clientAddress)
        } catch is InitiativeService.NotFound, is InitiativeService.NotNow {
            throw HTTPError(.notFound)
        }
        throw Redirect(location: SiteURL.groupInitiative(groupId, initiativeId).path + "?message=proposee")
    }

    // MARK: Staff

    @Sendable func staffList(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffInitiatives.path)
        return renderer.page(StaffInitiativesPage(try await database.proposedInitiatives(), viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    @Sendable func staffShow(request: Request, context: RelaisRequestContext) async throws -> Response {
        let initiativeId = try context.pathId("initiative")
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffInitiative(initiativeId).path)
        let row: AppDatabase.InitiativeRow
        do {
            row = try await initiatives.forStaff(initiativeId)
        } catch is InitiativeService.NotFound {
            throw HTTPError(.notFound)
        }
        let session = try await sessions.ensure(context)
        let notice = request.uri.queryParameters["message"].flatMap { StaffInitiativePage.notices[String($0)] }
        return renderer.page(StaffInitiativePage(row, notice: notice, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    /// `action=reprendre` makes the draft and opens it in the vademecum's editor; `ecarter` leaves it in its group.
    @Sendable func staffDecide(request: Request, context: RelaisRequestContext) async throws -> Response {
        let initiativeId = try context.pathId("initiative")
        let staff = try context.require(.useBackOffice, returnTo: SiteURL.staffInitiative(initiativeId).path)
        do {
            switch (context.form ?? FormData(fields: [:]))["action"] {
            case "reprendre":
                let slug = try await initiatives.takeUp(initiativeId, staff: staff, address: context.clientAddress)
                throw Redirect(location: SiteURL.staffSheet(slug).path)
            case "ecarter":
                try await initiatives.decline(initiativeId, staff: staff, address: context.clientAddress)
                throw Redirect(location: SiteURL.staffInitiative(initiativeId).path + "?message=ecartee")
            default:
                throw HTTPError(.badRequest)
            }
        } catch is InitiativeService.NotFound {
            throw HTTPError(.notFound)
        } catch is InitiativeService.NotNow {
            throw Redirect(location: SiteURL.staffInitiative(initiativeId).path)
        }
    }
}
