import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// A group's meetings, for its members only (404 to anyone else, staff included): planning one
/// (the référent), a meeting's page with its roles, notes and their versions, and action items.
struct GroupMeetingsController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    var groups: GroupService { parts.useCases.groups }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.groupMeetingNew, use: newMeeting)
        router.post(SiteURL.Route.groupMeetingNew, use: plan)
        router.get(SiteURL.Route.groupMeeting, use: show)
        router.post(SiteURL.Route.groupMeetingRole, use: takeRole)
        router.post(SiteURL.Route.groupMeetingNotes, use: saveNotes)
        router.get(SiteURL.Route.groupMeetingNotesVersion, use: version)
        router.post(SiteURL.Route.groupMeetingActions, use: addAction)
        router.post(SiteURL.Route.groupActionDone, use: completeAction)
    }

    // MARK: Planning

    @Sendable func newMeeting(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe")
        let user = try context.requireGroupMember(returnTo: .groupMeetingNew(groupId))
        return try await formPage(groupId, user: user, form: .blank(), context: context)
    }

    /// The référent's form; a member who is not référent, like anyone else, finds nothing here.
    private func formPage(_ groupId: Int64, user: User, form: MeetingForm, context: RelaisRequestContext,
                          status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let space = try await database.groupSpace(groupId: groupId, userId: user.id ?? 0), space.me.referent,
              space.group.status == .active else { throw HTTPError(.notFound) }
        let session = try await sessions.ensure(context)
        let page = MeetingFormPage(group: space.group, form: form, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    @Sendable func plan(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe")
        let user = try context.requireGroupMember(returnTo: .groupMeetingNew(groupId))
        let form = MeetingForm(reading: context.form ?? FormData(fields: [:]), now: clock())
        guard let fields = form.fields else { return try await formPage(groupId, user: user, form: form, context: context, status: .unprocessableContent) }
        let meetingId: Int64
        do {
            meetingId = try await groups.planMeeting(groupId: groupId, fields, by: user, address: context.clientAddress)
        } catch is GroupService.NotFound {
            throw HTTPError(.notFound)
        } catch is GroupRules.Refusal {
            // Not the référent: the form is not theirs to see.
            throw HTTPError(.notFound)
        }
        throw Redirect(location: SiteURL.groupMeeting(groupId, meetingId).path)
    }

    // MARK: A meeting

    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe"), meetingId = try context.pathId("reunion")
        let user = try context.requireGroupMember(returnTo: .groupMeeting(groupId, meetingId))
        let notice = request.uri.queryParameters["message"].flatMap { MeetingPage.notices[String($0)] }
        return try await meetingPage(groupId, meetingId, user: user, context: context, notice: notice)
    }

    private func meetingPage(_ groupId: Int64, _ meetingId: Int64, user: User, context: RelaisRequestContext, notice: String? = nil,
                             problem: String? = nil, kept: MeetingPage.Kept = .init(), status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let userId = user.id, let read = try await database.meetingPage(groupId: groupId, meetingId: meetingId, userId: userId) else {
            throw HTTPError(.notFound)
        }
        let session = try await sessions.ensure(context)
        let page = MeetingPage(read, userId: userId, notice: notice, problem: problem, kept: kept, csrf: session.csrfToken,
                               viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// « Je prends ce rôle ».
    @Sendable func takeRole(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe"), meetingId = try context.pathId("reunion")
        let user = try context.requireGroupMember(returnTo: .groupMeeting(groupId, meetingId))
        guard let role = MeetingRole(rawValue: (context.form ?? FormData(fields: [:]))["role"]) else {
            return try await meetingPage(groupId, meetingId, user: user, context: context, problem: "Choisissez un rôle.", status: .unprocessableContent)
        }
        do {
            try await groups.takeRole(groupId: groupId, meetingId: meetingId, role: role, user: user, address: context.clientAddress)
        } catch is GroupService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as GroupRules.Refusal {
            return try await meetingPage(groupId, meetingId, user: user, context: context, problem: refusal.message, status: .conflict)
        }
        throw Redirect(location: SiteURL.groupMeeting(groupId, meetingId).path + "?message=role")
    }

    /// Saves the notes as a new version, over the version the writer read.
    @Sendable func saveNotes(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe"), meetingId = try context.pathId("reunion")
        let user = try context.requireGroupMember(returnTo: .groupMeeting(groupId, meetingId))
        let form = context.form ?? FormData(fields: [:])
        let notes = form.text("notes")
        var kept = MeetingPage.Kept(notes: notes)
        if let problem = FieldRules.textProblem(notes, maximum: 20_000, missing: "Écrivez les notes avant d’enregistrer.",
                                                tooLong: "Les notes sont trop longues (20 000 caractères au plus).") {
            kept.notesErrors.add("notes", problem)
        }
        guard kept.notesErrors.isEmpty, let read = Int(form["version"]) else {
            if kept.notesErrors.isEmpty { kept.notesErrors.add("notes", "Rechargez la page avant d’enregistrer.") }
            return try await meetingPage(groupId, meetingId, user: user, context: context, kept: kept, status: .unprocessableContent)
        }
        do {
            try await groups.saveNotes(groupId: groupId, meetingId: meetingId, markdown: notes, readVersion: read, user: user, address: context.clientAddress)
        } catch is GroupService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as GroupRules.Refusal {
            kept.notesErrors.add("notes", refusal.message)
            return try await meetingPage(groupId, meetingId, user: user, context: context, kept: kept, status: .conflict)
        }
        throw Redirect(location: SiteURL.groupMeeting(groupId, meetingId).path + "?message=notes")
    }

    /// An earlier version of the notes.
    @Sendable func version(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe"), meetingId = try context.pathId("reunion")
        guard let number = context.parameters.get("version", as: Int.self) else { throw HTTPError(.notFound) }
        let user = try context.requireGroupMember(returnTo: .groupMeetingNotesVersion(groupId, meetingId, number))
        guard let (meeting, notes, author) = try await database.notesVersion(groupId: groupId, meetingId: meetingId, version: number, userId: user.id ?? 0) else {
            throw HTTPError(.notFound)
        }
        return renderer.page(NotesVersionPage(groupId: groupId, meeting: meeting, notes: notes, author: author,
                                              viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    /// « Ce qui va être fait »: a task, its owner among the members, its due day.
    @Sendable func addAction(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe"), meetingId = try context.pathId("reunion")
        let user = try context.requireGroupMember(returnTo: .groupMeeting(groupId, meetingId))
        let form = context.form ?? FormData(fields: [:])
        var kept = MeetingPage.Kept(action: ["action": form["action"], "responsable": form["responsable"], "echeance": form["echeance"]])
        if let problem = FieldRules.textProblem(form["action"], maximum: 200, missing: "Indiquez ce qui va être fait.",
                                                tooLong: "Ce texte est trop long (200 caractères au plus).") {
            kept.actionErrors.add("action", problem)
        }
        let owner = Int64(form["responsable"])
        if owner == nil { kept.actionErrors.add("responsable", "Choisissez le membre qui s’en charge.") }
        let due = Day(iso: form["echeance"])
        if due == nil { kept.actionErrors.add("echeance", Day.problem(with: form["echeance"]) ?? "Indiquez la date, par exemple 2027-02-01.") }
        guard kept.actionErrors.isEmpty, let owner, let due else {
            return try await meetingPage(groupId, meetingId, user: user, context: context, kept: kept, status: .unprocessableContent)
        }
        do {
            try await groups.addAction(groupId: groupId, meetingId: meetingId, title: form["action"], ownerUserId: owner, due: due, by: user,
                                       address: context.clientAddress)
        } catch is GroupService.NotFound {
            throw HTTPError(.notFound)
        } catch is GroupRules.Refusal {
            kept.actionErrors.add("responsable", "Choisissez un membre de l’équipe.")
            return try await meetingPage(groupId, meetingId, user: user, context: context, kept: kept, status: .unprocessableContent)
        }
        throw Redirect(location: SiteURL.groupMeeting(groupId, meetingId).path + "?message=action")
    }

    @Sendable func completeAction(request: Request, context: RelaisRequestContext) async throws -> Response {
        let groupId = try context.pathId("groupe"), actionId = try context.pathId("action")
        let user = try context.requireGroupMember(returnTo: .group(groupId))
        let meetingId: Int64
        do {
            meetingId = try await groups.completeAction(groupId: groupId, actionId: actionId, user: user, address: context.clientAddress)
        } catch is GroupService.NotFound {
            throw HTTPError(.notFound)
        }
        throw Redirect(location: SiteURL.groupMeeting(groupId, meetingId).path + "?message=fait")
    }
}
