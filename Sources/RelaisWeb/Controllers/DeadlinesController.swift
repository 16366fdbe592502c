import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The director's own deadlines (issue 14): the calendar as an .ics file, « Mes échéances » kept in
/// the account with their reminders, and shared with a case's correspondent when the director asks.
struct DeadlinesController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.situationDeadlines, use: calendarFile)
        router.get(SiteURL.Route.situationDeadlinesSave, use: confirm)
        router.post(SiteURL.Route.situationDeadlinesSave, use: save)
        router.post(SiteURL.Route.myDeadlines, use: update)
    }

    /// The situation's calendar from the query, or nil when the situation has none.
    private func deadlines(_ request: Request, _ context: RelaisRequestContext) async throws -> (slug: String, answers: ParcoursAnswers, [DirectorDeadline]) {
        guard let slug = context.parameters.get("situation"), Text.isSlug(slug),
              let detail = try await content.situationDetail(slug: slug), detail.situation.endOfFunctions else {
            throw HTTPError(.notFound)
        }
        let answers = ParcoursAnswers(query: request.queryDictionary)
        return (slug, answers, endOfFunctionsCalendar(answers.facts, today: Day(clock())).deadlines)
    }

    /// RFC 5545, one all-day event per computed deadline. Summaries name the kind only: a calendar
    /// may be shared or synced where the employer could see it.
    @Sendable func calendarFile(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (_, answers, deadlines) = try await deadlines(request, context)
        guard answers.invalidDates.isEmpty else { throw HTTPError(.unprocessableContent) }
        let events = deadlines.map { deadline in
            ICalendar.Event(uid: "\(deadline.kind.rawValue)-\(deadline.day.iso)@relais", day: deadline.day, summary: deadline.summary,
                            description: "Date indicative calculée par Relais. Faites-la vérifier par votre correspondant.")
        }
        return Response(
            status: .ok,
            headers: [.contentType: "text/calendar; charset=utf-8", .contentDisposition: "attachment; filename=\"relais-echeances.ics\""],
            body: .init(byteBuffer: ByteBuffer(string: ICalendar.document(events, stamp: clock())))
        )
    }

    /// What will be kept, before « Enregistrer »: signed in, the dates come from the page's query.
    @Sendable func confirm(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (slug, answers, deadlines) = try await deadlines(request, context)
        _ = try context.require(.manageOwnAccount, returnTo: DeadlinesSavePage.address(slug: slug, answers: answers))
        let session = try await sessions.ensure(context)
        let page = DeadlinesSavePage(slug: slug, answers: answers, deadlines: deadlines, csrf: session.csrfToken,
                                     viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }

    @Sendable func save(request: Request, context: RelaisRequestContext) async throws -> Response {
        let (slug, _, deadlines) = try await deadlines(request, context)
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.situation(slug).path)
        guard let id = user.id else { throw HTTPError(.notFound) }
        try await database.saveDeadlines(userId: id, situationSlug: slug, deadlines: deadlines, now: clock())
        throw Redirect(location: SiteURL.myCases.path + "?message=echeances")
    }

    /// The forms of « Mes échéances » on /mes-demandes.
    @Sendable func update(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.myCases.path)
        guard let id = user.id else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        switch form["action"] {
        case "rappels":
            try await database.setDeadlineReminders(userId: id, enabled: form["rappels"] == "oui")
        case "supprimer":
            try await database.deleteDeadlines(userId: id)
        case "partager", "ne-plus-partager":
            guard let caseId = Int64(form["demande"]) else { throw HTTPError(.badRequest) }
            try await database.setDeadlinesShared(caseId: caseId, directorId: id, shared: form["action"] == "partager")
        default:
            throw HTTPError(.badRequest)
        }
        throw Redirect(location: SiteURL.myCases.path + "?message=echeances-modifiees")
    }
}
