import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct MyCasesPage: Page {
    static let template = Template.myCases

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    /// Why a draft could not be sent (the limits), with the open cases to carry on in.
    let refusal: String?
    let drafts: [DraftRow]
    /// « Mes échéances », when the director kept some.
    let deadlines: MyDeadlinesBlock?
    let open: [CaseRow]
    let closed: [CaseRow]
    /// Closed cases whose three questions wait for an answer: a link to each form.
    let feedbackRequests: [FeedbackRequest]
    let draftAction: String
    let accountURL: String
    let newCaseURL: String
    let parcoursURL: String

    struct FeedbackRequest: Encodable, Sendable {
        let reference: String
        let url: String
    }

    /// A case prepared with the person's address before they signed in, shown whole before
    /// « Envoyer »: it may have been typed by someone else, and everything here leaves with it.
    struct DraftRow: Encodable, Sendable {
        let id: String
        let title: String
        let prepared: String
        let urgency: String
        let axes: String
        let departement: String
        let employer: String?
        let narrative: String
        let notificationEmail: String
        let phone: String?
        let callTimes: String?
        let outside: Bool
    }
}

extension MyCasesPage {
    /// The director's list, from `AppDatabase.directorListing` (one read): a draft is shown whole,
    /// and « Mes échéances » only when the director kept some.
    init(director user: User, listing: AppDatabase.DirectorListing, csrf: String, notice: String?, refusal: String?, now: Date,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let summaries = listing.summaries
        func row(_ summary: AppDatabase.CaseSummary) -> CaseRow {
            CaseRow(summary, status: CasePage.directorStatus(summary.status, outcome: summary.outcome, firstName: summary.assigneeFirstName),
                    opened: CaseDates.day(summary.openedAt ?? summary.createdAt), late: false, now: now)
        }
        let drafts = listing.drafts.map { detail in
            let file = detail.caseFile
            return DraftRow(
                id: String(file.id ?? 0), title: detail.situationTitle, prepared: CaseDates.dateTime(file.createdAt),
                urgency: ParcoursAnswers.Urgency(rawValue: file.urgency)?.label ?? file.urgency,
                axes: detail.axes.map(\.label).joined(separator: ", "), departement: "\(detail.departementName) (\(file.departementCode))",
                employer: detail.employerLabel.isEmpty ? nil : detail.employerLabel, narrative: file.narrative,
                // What `sendPending` will send: the account's own contact details, never the form's.
                notificationEmail: user.notificationEmail, phone: user.phone.isEmpty ? nil : user.phone,
                callTimes: file.callTimes.isEmpty ? nil : file.callTimes, outside: file.outsideDepartement
            )
        }
        let open = summaries.filter { $0.openedAt != nil && $0.status.isOpen }
        self.init(
            layout: LayoutModel(title: "Mes demandes", section: .account, demo: demo, viewer: viewer),
            csrf: csrf, notice: notice, refusal: refusal, drafts: drafts,
            deadlines: MyDeadlinesBlock.make(
                listing, openCases: open.compactMap { summary in summary.reference.map { (summary.id, $0) } }, csrf: csrf, today: Day(now)
            ),
            open: open.map(row),
            closed: summaries.filter { $0.status == .close }.map(row),
            feedbackRequests: listing.pendingFeedback.map { FeedbackRequest(reference: $0, url: SiteURL.caseFeedback($0).path) },
            draftAction: SiteURL.myDraft.path, accountURL: SiteURL.account.path, newCaseURL: SiteURL.newCase.path, parcoursURL: SiteURL.parcours.path
        )
    }

    /// The notice that a redirection to the list asks for with `?message=`.
    static func notice(_ code: String?) -> String? {
        switch code {
        case "envoyee": "Votre demande est partie vers un correspondant."
        case "effacee": "La demande préparée a été effacée."
        case "echeances": "Vos échéances sont enregistrées."
        case "echeances-modifiees": "Vos échéances sont à jour."
        case "retour": "Merci. Vos réponses sont enregistrées."
        default: nil
        }
    }
}

/// « Mes échéances » on /mes-demandes: the deadlines the director kept from a parcours
/// (`DeadlinesController`), their reminders, and which open cases' correspondents may see them.
struct MyDeadlinesBlock: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        let label: String
        let date: String
        let past: Bool
        let reminded: Bool
    }

    struct ShareChoice: Encodable, Sendable {
        let caseId: String
        let reference: String
        let shared: Bool
    }

    let rows: [Row]
    let remindersOn: Bool
    let shares: [ShareChoice]
    let action: String
    let csrf: String

    /// Nil when the director kept no deadline.
    static func make(_ listing: AppDatabase.DirectorListing, openCases: [(id: Int64, reference: String)], csrf: String,
                     today: Day) -> MyDeadlinesBlock? {
        guard !listing.deadlines.isEmpty else { return nil }
        return MyDeadlinesBlock(
            rows: listing.deadlines.map { .init(label: $0.deadline.kind.label, date: $0.deadline.day.frenchLong, past: $0.deadline.day < today,
                                                reminded: $0.deadline.kind.isReminded) },
            remindersOn: listing.remindersOn,
            shares: openCases.map { .init(caseId: String($0.id), reference: $0.reference, shared: listing.sharingDeadlines.contains($0.id)) },
            action: SiteURL.myDeadlines.path, csrf: csrf
        )
    }
}
