import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The director's list at `/mes-demandes`, and the drafts that wait for them.
extension CaseController {

    @Sendable func myCases(request: Request, context: RelaisRequestContext) async throws -> Response {
        try await myCasesPage(context, notice: Self.myCasesNotice(request.uri.queryParameters["message"].map(String.init)))
    }

    static func myCasesNotice(_ code: String?) -> String? {
        switch code {
        case "envoyee": "Votre demande est partie vers un correspondant."
        case "effacee": "La demande préparée a été effacée."
        case "echeances": "Vos échéances sont enregistrées."
        case "echeances-modifiees": "Vos échéances sont à jour."
        default: nil
        }
    }

    func myCasesPage(_ context: RelaisRequestContext, notice: String? = nil, refusal: String? = nil,
                     status: HTTPResponse.Status = .ok) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.myCases.path)
        let session = try await sessions.ensure(context)
        let summaries = try await database.cases(ofDirector: user.id ?? 0)
        let now = clock()
        func row(_ summary: AppDatabase.CaseSummary) -> CaseRow {
            CaseRow(summary, status: Self.directorStatus(summary.status, outcome: summary.outcome, firstName: summary.assigneeFirstName),
                    opened: CaseDates.day(summary.openedAt ?? summary.createdAt), late: false, now: now)
        }
        var drafts: [MyCasesPage.DraftRow] = []
        for summary in summaries where summary.openedAt == nil {
            guard let detail = try await database.caseDetail(id: summary.id) else { continue }
            let file = detail.caseFile
            drafts.append(MyCasesPage.DraftRow(
                id: String(summary.id), title: detail.situationTitle, prepared: CaseDates.dateTime(file.createdAt),
                urgency: ParcoursAnswers.Urgency(rawValue: file.urgency)?.label ?? file.urgency,
                axes: detail.axes.map(\.label).joined(separator: ", "), departement: "\(detail.departementName) (\(file.departementCode))",
                employer: detail.employerLabel.isEmpty ? nil : detail.employerLabel, narrative: file.narrative,
                // What `sendPending` will send: the account's own contact details, never the form's.
                notificationEmail: user.notificationEmail, phone: user.phone.isEmpty ? nil : user.phone,
                callTimes: file.callTimes.isEmpty ? nil : file.callTimes, outside: file.outsideDepartement
            ))
        }
        let page = MyCasesPage(
            layout: LayoutModel(title: "Mes demandes", section: .account, config: config, context: context),
            csrf: session.csrfToken, notice: notice, refusal: refusal, drafts: drafts,
            deadlines: try await MyDeadlinesBlock.load(
                database: database, userId: user.id ?? 0,
                openCases: summaries.filter { $0.openedAt != nil && $0.status.isOpen }.compactMap { summary in summary.reference.map { (summary.id, $0) } },
                csrf: session.csrfToken, today: Day(now)
            ),
            open: summaries.filter { $0.openedAt != nil && $0.status.isOpen }.map(row),
            closed: summaries.filter { $0.status == .close }.map(row),
            draftAction: SiteURL.myDraft.path, accountURL: SiteURL.account.path, newCaseURL: SiteURL.newCase.path, parcoursURL: SiteURL.parcours.path
        )
        return renderer.page(page, status: status)
    }

    /// Sends or erases a case that waited for its director to sign in.
    @Sendable func draft(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.manageOwnAccount, returnTo: SiteURL.myCases.path)
        let form = context.form ?? FormData(fields: [:])
        guard let id = Int64(form["id"]) else { throw HTTPError(.notFound) }
        let send = form["action"] == "envoyer"
        switch try await cases.sendPending(caseId: id, director: user, send: send) {
        case .opened(let reference): throw Redirect(location: SiteURL.caseFile(reference).path + "?message=ouverte")
        case .erased: throw Redirect(location: SiteURL.myCases.path + "?message=effacee")
        case .notFound: throw Redirect(location: SiteURL.myCases.path)
        case .limited(let refusal):
            // The list below shows the open cases; the draft stays, to be sent later or erased.
            return try await myCasesPage(context, refusal: cases.workflow.message(for: refusal),
                                         status: refusal.decision.isDaily ? .tooManyRequests : .unprocessableContent)
        }
    }

    static func directorStatus(_ status: CaseStatus, outcome: CaseOutcome?, firstName: String?) -> String {
        let who = firstName ?? "Votre correspondant"
        return switch status {
        case .nouvelle: "Nous cherchons le correspondant le mieux placé pour vous\u{00A0}; l’équipe de l’association s’en occupe."
        case .attribuee: "Confiée à \(who), qui va en prendre connaissance et vous proposer un premier échange."
        case .priseEnCharge: "\(who) suit votre demande."
        case .enAttente: "\(who) attend une réponse ou un élément de votre part."
        case .close: "Close — \(outcome?.label.lowercased() ?? "terminée")."
        }
    }
}

extension CaseLimits.Decision {
    /// The daily limit: answered 429, the next opening waits for tomorrow.
    var isDaily: Bool {
        if case .tooManyToday = self { return true }
        return false
    }
}
