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
        let notice: String? = switch request.uri.queryParameters["message"] {
        case "ouverte": "Votre demande est envoyée. Un courriel de confirmation part vers votre adresse de notification."
        case "demande-envoyee": "Votre adresse est confirmée et votre demande est partie vers un correspondant."
        case "action": "C’est fait."
        case "message": "Message envoyé."
        case "note": "Note enregistrée."
        default: nil
        }
        return try await page(caseFile, user: user, role: role, context: context, notice: notice)
    }

    func page(_ caseFile: CaseFile, user: User, role: CaseActorRole, context: RelaisRequestContext, notice: String? = nil,
                      error: String? = nil, reasonError: String? = nil, typedMessage: String = "", messageError: String? = nil,
                      typedNote: String = "", noteError: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        let reference = caseFile.reference ?? ""
        if role != .director {
            try await cases.logAccess(reference: reference, viewer: user, role: role, address: context.clientAddress)
        }
        guard let detail = try await database.caseDetail(id: caseFile.id ?? 0) else { throw HTTPError(.notFound) }
        let session = try await sessions.ensure(context)
        let now = clock()
        let isDirector = role == .director, isStaff = role == .staff
        let firstName = detail.assignee?.firstName
        let daysSinceClosed = caseFile.closedAt.map { Int(now.timeIntervalSince($0) / 86_400) }
        let actions = CaseLifecycle.available(in: caseFile.status, to: role, daysSinceClosed: daysSinceClosed).map(Self.button)
        let shared = isDirector ? [] : try await database.sharedDeadlines(caseId: caseFile.id ?? 0)
        let urgent = CaseDeadlines.isStatutorilyUrgent(recourse: shared.first { $0.kind == .recourse }?.day, today: Day(now))
        let late = deadlines.isLate(status: caseFile.status, since: (caseFile.assignedAt ?? caseFile.lastActivityAt).timeIntervalSince1970,
                                    now: now.timeIntervalSince1970, statutoryUrgent: urgent)
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
        var page = CasePage(
            layout: LayoutModel(title: "Demande \(reference)", section: isDirector ? .account : (isStaff ? .staff : .desk), config: config, context: context),
            csrf: session.csrfToken, notice: notice, refusal: error, reference: reference,
            isDirector: isDirector, isHandler: !isDirector, isStaff: isStaff,
            status: isDirector ? Self.directorStatus(caseFile.status, outcome: caseFile.outcome, firstName: firstName)
                : caseFile.status.label + (caseFile.outcome.map { " — \($0.label.lowercased())" } ?? ""),
            late: late && !isDirector,
            situation: detail.situationTitle, axes: detail.axes.map(\.label).joined(separator: ", "),
            departement: "\(detail.departementName) (\(caseFile.departementCode))",
            urgency: ParcoursAnswers.Urgency(rawValue: caseFile.urgency)?.label ?? caseFile.urgency,
            opened: CaseDates.dateTime(caseFile.openedAt ?? caseFile.createdAt), narrative: caseFile.narrative,
            directorName: isDirector ? nil : detail.director?.name ?? "Compte supprimé",
            directorPosition: isDirector ? nil : detail.director?.position?.label,
            employer: isDirector || detail.employerLabel.isEmpty ? nil : detail.employerLabel,
            notificationEmail: isDirector ? nil : caseFile.notificationEmail,
            phone: isDirector || caseFile.phone.isEmpty ? nil : caseFile.phone,
            callTimes: isDirector || caseFile.callTimes.isEmpty ? nil : caseFile.callTimes,
            outside: caseFile.outsideDepartement,
            correspondentName: isDirector ? firstName : detail.assignee.map { "\($0.firstName) \($0.lastName)" },
            correspondentPresentation: isDirector ? detail.assignee?.presentation : nil,
            timeline: detail.events.map { Self.line($0, for: role) },
            messages: detail.messages.map { message in
                let mine = message.message.authorUserId == user.id
                let author: String = switch message.message.authorRole {
                case CaseActorRole.director.rawValue: isDirector ? "Vous" : (message.authorName ?? "Le directeur")
                case CaseActorRole.staff.rawValue: mine ? "Vous" : "L’équipe de l’association"
                default: mine ? "Vous" : (isDirector ? (message.authorName.flatMap { $0.split(separator: " ").first.map(String.init) } ?? "Votre correspondant")
                                           : (message.authorName ?? "Le correspondant"))
                }
                return CasePage.Message(author: author, when: CaseDates.dateTime(message.message.at), body: message.message.body, mine: mine)
            },
            canWrite: caseFile.status.isOpen,
            messageAction: SiteURL.caseMessage(reference).path,
            messageField: .init("message", label: isDirector ? "Écrire à votre correspondant" : "Écrire au directeur", value: typedMessage,
                                hint: isDirector ? "Votre correspondant reçoit un courriel neutre l’invitant à se connecter." :
                                    "Le directeur reçoit un courriel neutre l’invitant à se connecter.", error: messageError),
            notes: notes.map {
                CasePage.Message(author: $0.authorName, when: CaseDates.dateTime($0.at), body: $0.body, mine: $0.authorUserId == user.id)
            },
            noteAction: SiteURL.caseNote(reference).path,
            noteField: .init("note", label: "Ajouter une note privée", value: typedNote,
                             hint: isStaff ? "Jamais montrée au directeur\u{00A0}; lisible par l’équipe de l’association et par le correspondant de la demande."
                                 : "Jamais montrée au directeur\u{00A0}; lisible par vous et par l’équipe de l’association, pas par un autre correspondant si la demande change de mains.",
                             error: noteError),
            actions: actions, actionURL: SiteURL.caseAction(reference).path,
            version: String(detail.events.map { $0.event.id ?? 0 }.max() ?? 0), reasonError: reasonError,
            correspondents: correspondents.map { FormOption(value: String($0.id), label: $0.label, selected: false) },
            accessHistory: history.map { CasePage.Line(when: CaseDates.dateTime($0.at), title: $0.actorEmail, detail: "\($0.detail) depuis \($0.address)") },
            backURL: isDirector ? SiteURL.myCases.path : (isStaff ? SiteURL.staff.path : SiteURL.correspondentDesk.path),
            backLabel: isDirector ? "Mes demandes" : (isStaff ? "Espace équipe" : "Mon espace correspondant")
        )
        page.sharedDeadlines = shared.map { "\($0.day.frenchLong) — \($0.kind.label)" }
        return renderer.page(page, status: status)
    }

    /// A timeline line as `role` may read it: why a correspondent passed or staff moved the case is
    /// for staff only (`Policy.mayReadEventReason`).
    static func line(_ item: AppDatabase.TimelineEvent, for role: CaseActorRole) -> CasePage.Line {
        let event = item.event, who = item.correspondentFirstName ?? "un correspondant"
        let title: String = switch event.kind {
        case .opened: "Demande ouverte"
        case .assigned: "Confiée à \(who)"
        case .queued: "En attente d’un correspondant, dans la file de l’équipe"
        case .accepted: "Prise en charge par \(who)"
        case .declined: role == .director ? "Le correspondant a passé la main" : "Déclinée par \(who)"
        case .waiting: "En attente d’une réponse du directeur"
        case .resumed: "Reprise"
        case .closed: "Close"
        case .reassigned: "Réattribuée par l’équipe"
        case .withdrawn: "Retirée par le directeur"
        case .reopened: "Rouverte par le directeur"
        case .late: role == .director ? "Signalée à l’équipe pour accélérer la prise en charge" : "En retard\u{00A0}: l’équipe est alertée"
        case .reminded: "Rappel envoyé au directeur"
        case .accountDeleted: "Close et anonymisée à la suppression du compte"
        }
        let shown = Policy.mayReadEventReason(kind: event.kind, as: role) && !event.reason.isEmpty
        return CasePage.Line(when: CaseDates.dateTime(event.at), title: title, detail: shown ? event.reason : nil)
    }
}
