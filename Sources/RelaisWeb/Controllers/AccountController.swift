import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// A person's own account: profile, sessions, their data and its deletion.
struct AccountController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.account, use: show)
        router.post(SiteURL.Route.signOutEverywhere, use: signOutEverywhere)
        router.get(SiteURL.Route.myData, use: myData)
        router.get(SiteURL.Route.myDataExport, use: export)
        router.post(SiteURL.Route.deleteAccount, use: delete)
    }

    /// The account page.
    @Sendable func show(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.account.path)
        let session = try await sessions.ensure(context)
        let collectivite = try await user.employerCode.asyncMap { try await content.collectivite(code: $0) } ?? nil
        let departements = try await content.departements()
        let signedIn = try await database.sessions(userId: user.id ?? 0)
        var page = AccountPage(
            user, employer: collectivite, departements: departements, sessions: signedIn, currentSession: context.sessions?.current?.idHash,
            notice: request.uri.queryParameters["message"].flatMap { AccountPage.notices[String($0)] }, csrf: session.csrfToken,
            viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        page.ateliers = try await database.myAteliers(userId: user.id ?? 0).map(AccountPage.AtelierLine.init)
        if GroupRules.mayBeMember(user.role) {
            page.actions = try await database.myActions(userId: user.id ?? 0).map(AccountPage.ActionLine.init)
            page.groupsURL = SiteURL.groups.path
            page.groupMailURL = SiteURL.accountGroupMail.path
            page.groupDigest = try await database.groupDigest(userId: user.id ?? 0)
        }
        if PeerRules.isMember(user.role) {
            page.peersURL = SiteURL.peers.path
            page.observationsURL = SiteURL.observations.path
        }
        return renderer.page(page)
    }

    /// Ends every session of the account, then opens a fresh one for this browser.
    @Sendable func signOutEverywhere(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.account.path)
        guard let id = user.id else { throw HTTPError(.notFound) }
        let ended = try await database.deleteSessions(userId: id)
        try await database.audit(AuditEvent(at: clock(), actorUserId: id, actorEmail: user.email, action: .signedOutEverywhere,
                                            address: context.clientAddress, detail: "\(ended) session(s)"))
        // The current session was among them: this browser stays signed in with a new one.
        try await sessions.start(userId: id, user: user, context: context)
        return Response(status: .seeOther, headers: [.location: SiteURL.account.path + "?message=partout"])
    }

    private func myDataPage(_ context: RelaisRequestContext, errors: FormErrors = FormErrors(), status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = MyDataPage(errors: errors, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// What Relais keeps about the person, how to download it and how to delete the account.
    @Sendable func myData(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.manageOwnAccount, returnTo: SiteURL.myData.path)
        return try await myDataPage(context)
    }

    struct Export: Encodable {
        struct Profile: Encodable {
            let email, name, role: String
            let position: String?
            let employerCode: String?
            let employerName: String
            let departement: String?
            let notificationEmail, phone: String
            let createdAt: Date
            let emailConfirmedAt: Date?
        }

        struct Event: Encodable {
            let at: Date
            let action, address, detail: String
        }

        struct Case: Encodable {
            let reference: String?
            let situation, departement, employerName, narrative, urgency, notificationEmail, phone, callTimes, status: String
            let outcome: String?
            let axes: [String]
            let createdAt: Date
            let openedAt, closedAt: Date?
        }

        struct Message: Encodable {
            let caseId: Int64
            let at: Date
            let body: String
        }

        let exportedAt: Date
        let profile: Profile
        let activeSessions: Int
        let auditEvents: [Event]
        let cases: [Case]
        let messages: [Message]
        /// « Mes échéances » (issue 14).
        let deadlines: [Deadline]
        let deadlineReminders: Bool
        let secondFactor: SecondFactor
        /// What an expert wrote in avis threads (issue 19), by request.
        let avisMessages: [AvisMessage]

        struct AvisMessage: Encodable {
            let avis: Int64
            let at: Date
            let body: String
        }

        /// Registrations to ateliers (issue 20): which, when, where the person stood, attendance.
        let ateliers: [Atelier]

        struct Atelier: Encodable {
            let title: String
            let startsAt: String
            let status: String
            let registeredAt: Date
            let movedUpAt: Date?
            let leftAt: Date?
            let attended: Bool?
        }

        /// Exchange groups (issue 20): the person's places, the notes they wrote, the actions they own.
        let groups: [Group]
        let meetingNotes: [MeetingNotes]
        let actions: [Action]

        struct Group: Encodable {
            let title, status: String
            let referent: Bool
            let since: Date
        }

        struct MeetingNotes: Encodable {
            let meetingStartsAt: String
            let version: Int
            let body: String
            let savedAt: Date
        }

        struct Action: Encodable {
            let title, due: String
            let doneAt: Date?
        }

        /// The answers to the closing questions of the person's cases (issue 21).
        var closingFeedback: [ClosingFeedback] = []

        struct ClosingFeedback: Encodable {
            let reference: String
            let answeredAt: Date
            let timely: String
            let useful: String
            let recommend: String
            let comment: String
            let commentSharedWithCorrespondent: Bool
        }

        /// Peer support (issue 21): the person's profile as a pair, the exchanges they asked for or
        /// were asked, and the messages they wrote in them.
        let pair: PairProfile?
        let pairExchanges: [PairExchange]
        let pairMessages: [PairMessage]

        struct PairProfile: Encodable {
            let experiences: [String]
            let collectiviteKind, collectiviteSize: String
            let regionCode: String?
            let availability, presentation: String
            let pausedAt: Date?
            let createdAt: Date
        }

        struct PairExchange: Encodable {
            let id: Int64
            let asDirector: Bool
            let situation, status: String
            /// The director's first message, when the person is the director.
            let message: String?
            let declineReason: String?
            let createdAt: Date
            let answeredAt: Date?
            let endsOn: String?
        }

        struct PairMessage: Encodable {
            let exchange: Int64
            let at: Date
            let body: String
        }

        /// The files of the person's cases (theirs and their correspondent's, not private notes'):
        /// each downloadable, while signed in, at its `url`.
        let files: [File]

        struct File: Encodable {
            let caseReference: String?
            let name, type: String
            let size: Int
            let addedAt: Date
            let addedByYou: Bool
            let url: String
        }

        /// The second factor: when it was set up, and the browsers trusted to skip the code.
        struct SecondFactor: Encodable {
            let enabledAt: Date?
            let trustedBrowsers: [TrustedBrowser]
        }

        struct TrustedBrowser: Encodable {
            let label, address: String
            let createdAt, expiresAt: Date
            let lastUsedAt: Date?
        }

        struct Deadline: Encodable {
            let kind: String
            let day: String
            let situation: String
            let savedAt: Date
        }
    }

    /// The person's data as JSON, to keep or to take elsewhere.
    /// The files of `cases` a director may open: their messages' files, not withdrawn.
    func files(of cases: [CaseFile], userId: Int64) async throws -> [Export.File] {
        var files: [Export.File] = []
        for caseFile in cases {
            guard let caseId = caseFile.id, let reference = caseFile.reference else { continue }
            for row in try await database.caseDocuments(caseId: caseId) where row.document.messageId != nil && !row.document.isWithdrawn {
                let document = row.document
                files.append(Export.File(caseReference: reference, name: document.name, type: document.kind.mediaType, size: document.size,
                                         addedAt: document.createdAt, addedByYou: document.uploaderUserId == userId,
                                         url: config.baseURL + SiteURL.caseDocument(reference, document.id ?? 0).path))
            }
        }
        return files
    }

    @Sendable func export(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.myData.path)
        guard let id = user.id else { throw HTTPError(.notFound) }
        let (sessionCount, events, cases, messages) = try await database.personalData(userId: id)
        let peers = try await database.peerPersonalData(userId: id)
        var axes: [Int64: [String]] = [:]
        for caseFile in cases {
            axes[caseFile.id ?? 0] = try await database.caseAxes(caseId: caseFile.id ?? 0).map(\.rawValue)
        }
        let groupData = try await database.groupData(userId: id)
        var export = Export(
            exportedAt: clock(),
            profile: .init(email: user.email, name: user.name, role: user.role.rawValue, position: user.position?.rawValue,
                           employerCode: user.employerCode, employerName: user.employerName, departement: user.departementCode,
                           notificationEmail: user.notificationEmail, phone: user.phone, createdAt: user.createdAt,
                           emailConfirmedAt: user.emailConfirmedAt),
            activeSessions: sessionCount,
            auditEvents: events.map { Export.Event(at: $0.at, action: $0.action, address: $0.address, detail: $0.detail) },
            cases: cases.map {
                Export.Case(reference: $0.reference, situation: $0.situationSlug, departement: $0.departementCode, employerName: $0.employerName,
                            narrative: $0.narrative, urgency: $0.urgency, notificationEmail: $0.notificationEmail, phone: $0.phone,
                            callTimes: $0.callTimes, status: $0.status.rawValue, outcome: $0.outcome?.rawValue, axes: axes[$0.id ?? 0] ?? [],
                            createdAt: $0.createdAt, openedAt: $0.openedAt, closedAt: $0.closedAt)
            },
            messages: messages.map { Export.Message(caseId: $0.caseId, at: $0.at, body: $0.body) },
            deadlines: try await database.directorDeadlines(userId: id).map {
                Export.Deadline(kind: $0.deadline.kind.rawValue, day: $0.deadline.day.iso, situation: $0.situationSlug, savedAt: $0.savedAt)
            },
            deadlineReminders: try await database.deadlineRemindersEnabled(userId: id),
            secondFactor: .init(enabledAt: user.secondFactorAt, trustedBrowsers: try await database.trustedDevices(userId: id, now: clock()).map {
                Export.TrustedBrowser(label: $0.label, address: $0.address, createdAt: $0.createdAt, expiresAt: $0.expiresAt, lastUsedAt: $0.lastUsedAt)
            }),
            avisMessages: try await database.referralMessages(authorUserId: id).map { Export.AvisMessage(avis: $0.referralId, at: $0.at, body: $0.body) },
            ateliers: try await database.atelierRegistrations(userId: id).map {
                Export.Atelier(title: $0.atelier.title, startsAt: $0.atelier.startsAt, status: $0.registration.status.rawValue,
                               registeredAt: $0.registration.createdAt, movedUpAt: $0.registration.promotedAt, leftAt: $0.registration.cancelledAt,
                               attended: $0.registration.attended)
            },
            groups: groupData.memberships.map {
                Export.Group(title: $0.group.title, status: $0.member.status.rawValue, referent: $0.member.referent, since: $0.member.createdAt)
            },
            meetingNotes: groupData.notes.map {
                Export.MeetingNotes(meetingStartsAt: $0.meeting.startsAt, version: $0.version.version, body: $0.version.bodyMarkdown, savedAt: $0.version.createdAt)
            },
            actions: groupData.actions.map { Export.Action(title: $0.title, due: $0.dueDay, doneAt: $0.doneAt) },
            pair: peers.volunteer.map {
                Export.PairProfile(experiences: $0.experienceList.map(\.rawValue), collectiviteKind: $0.collectiviteKind.rawValue,
                                   collectiviteSize: $0.collectiviteSize.rawValue, regionCode: $0.regionCode, availability: $0.availability,
                                   presentation: $0.presentation, pausedAt: $0.pausedAt, createdAt: $0.createdAt)
            },
            pairExchanges: peers.requests.map {
                let mine = $0.directorUserId == id
                return Export.PairExchange(id: $0.id ?? 0, asDirector: mine, situation: $0.experience.rawValue, status: $0.status.rawValue,
                                           message: mine ? $0.message : nil, declineReason: mine ? nil : $0.declineReason.nonEmpty,
                                           createdAt: $0.createdAt, answeredAt: $0.answeredAt, endsOn: $0.endsOn?.iso)
            },
            pairMessages: peers.messages.map { Export.PairMessage(exchange: $0.requestId, at: $0.at, body: $0.body) },
            files: try await files(of: cases, userId: id)
        )
        export.closingFeedback = try await database.closingFeedback(directorId: id).compactMap { reference, feedback in
            guard let answers = feedback.answers, let at = feedback.answeredAt else { return nil }
            return Export.ClosingFeedback(reference: reference, answeredAt: at, timely: answers.timely.rawValue, useful: answers.useful.rawValue,
                                          recommend: answers.recommend.rawValue, comment: answers.comment,
                                          commentSharedWithCorrespondent: answers.shareComment)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.dateEncodingStrategy = .iso8601
        try await database.audit(AuditEvent(at: clock(), actorUserId: id, actorEmail: user.email, action: .dataExported, address: context.clientAddress))
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentDisposition: "attachment; filename=\"relais-mes-donnees.json\""],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(export)))
        )
    }

    /// Deletes the account after the password is confirmed.
    @Sendable func delete(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.myData.path)
        let password = context.form?.raw("motdepasse") ?? ""
        var errors = FormErrors()
        guard let hash = user.passwordHash, !password.isEmpty, try await accounts.hasher.verify(password, hash: hash) else {
            errors.add("motdepasse", "Mot de passe incorrect\u{00A0}: le compte n’a pas été supprimé.")
            return try await myDataPage(context, errors: errors, status: .unprocessableContent)
        }
        try await accounts.delete(user, address: context.clientAddress)
        try await sessions.end(context)
        return renderer.page(AccountDeletedPage(demo: config.demo))
    }

}
