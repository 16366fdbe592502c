import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct CasePage: Page {
    static let template = Template.caseFile

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    /// Why the last action was refused. Not named `error`: Mustache would find it from inside the
    /// form fields, whose own `error` is nil, and mark them all invalid.
    let refusal: String?
    let reference: String
    let isDirector: Bool
    let isHandler: Bool
    let isStaff: Bool
    let status: String
    let late: Bool
    let situation: String
    let axes: String
    let departement: String
    let urgency: String
    let opened: String
    let narrative: String
    // The director, for the correspondent and staff.
    let directorName: String?
    let directorPosition: String?
    let employer: String?
    let notificationEmail: String?
    let phone: String?
    let callTimes: String?
    let outside: Bool
    // The correspondent, for the director.
    let correspondentName: String?
    let correspondentPresentation: String?
    /// The history and the messages, rendered once per version of the case (`CaseThread`).
    let timelineHTML: String
    let hasMessages: Bool
    let messagesHTML: String
    let canWrite: Bool
    let messageAction: String
    let messageField: TextArea
    let messageFiles: FileField
    let notes: [Message]
    let noteAction: String
    let noteField: TextArea
    let noteFiles: FileField
    /// « Pièces du dossier »: every file this reader may see, withdrawn ones included.
    let documents: [Document]
    let actions: [ActionButton]
    let actionURL: String
    /// The case's version as this page shows it: an action sent from it after the case moved is refused.
    let version: String
    let reasonError: String?
    let correspondents: [FormOption]
    let accessHistory: [Line]
    let backURL: String
    let backLabel: String
    /// The director's deadlines, for the correspondent and staff, when the director shared them.
    var sharedDeadlines: [String] = []
    /// « Avis d’un expert ».
    var referrals: [ReferralItem] = []
    /// The correspondent or staff may ask an expert (the case is open).
    var proposeURL: String?
    /// Whether « Avis d’un expert » shows: for the director once there is a request, always for the others.
    var showReferrals = false
    /// « Questions de clôture », as this reader may see them (`ClosingFeedbackBlock`).
    var closingFeedback: ClosingFeedbackBlock?

    struct ActionButton: Encodable, Sendable {
        let value: String
        let label: String
        let primary: Bool
        let needsReason: Bool
        let reasonLabel: String?
        let reassign: Bool
    }

    struct Line: Encodable, Sendable {
        let when: String
        let title: String
        let detail: String?
    }

    struct Message: Encodable, Sendable {
        let author: String
        let when: String
        let body: String
        let mine: Bool
        var documents: [Document] = []
    }

    /// A file as a reader sees it: a link while it is there, a line once withdrawn.
    struct Document: Encodable, Sendable {
        let name: String
        /// Nil once withdrawn.
        let url: String?
        let details: String
        let addedBy: String
        let when: String
        let withdrawn: String?
        /// The form that withdraws it, for whoever added it and for staff.
        let withdrawURL: String?
        let inNote: Bool
    }
}

extension CasePage {
    /// The case as `reader` sees it in `role`. `notes`: those the reader may read; `shared`: the
    /// director's deadlines they shared with the case (empty for the director); `accessHistory` and
    /// `correspondents` (for a reassignment) are for staff only, empty for anyone else. `notice` and
    /// the rest: what the page says above the case or beside a form, and what was typed in it.
    init(_ caseFile: CaseFile, detail: AppDatabase.CaseDetail, thread: CaseThread, reader user: User, role: CaseActorRole, notes: [CaseNote],
         shared: [DirectorDeadline], accessHistory history: [AuditEvent], correspondents: [AppDatabase.CorrespondentChoice],
         deadlines: CaseDeadlines, now: Date, csrf: String, notice: String?, refusal error: String?, reasonError: String?,
         typedMessage: String, messageError: String?, typedNote: String, noteError: String?, messageFileErrors: [String] = [],
         noteFileErrors: [String] = [], limits: DocumentLimits, referrals: [AppDatabase.ReferralDetail] = [], viewer: LayoutModel.Viewer?, demo: Bool) {
        let reference = caseFile.reference ?? ""
        let isDirector = role == .director, isStaff = role == .staff
        let firstName = detail.assignee?.firstName
        let daysSinceClosed = caseFile.closedAt.map { Int(now.timeIntervalSince($0) / 86_400) }
        let actions = CaseLifecycle.available(in: caseFile.status, to: role, daysSinceClosed: daysSinceClosed).map(Self.button)
        // A note's files are seen by whoever may read the note; a message's by the case's people.
        let readableNotes = Set(notes.compactMap(\.id))
        let visible = detail.documents.filter { $0.document.messageId != nil || $0.document.noteId.map(readableNotes.contains) == true }
        var documents: [Document] = [], byNote: [Int64: [Document]] = [:]
        for row in visible {
            let item = Self.document(row, reference: reference, reader: user, role: role)
            documents.append(item)
            if let id = row.document.noteId { byNote[id, default: []].append(item) }
        }
        let urgent = CaseDeadlines.isStatutorilyUrgent(recourse: shared.first { $0.kind == .recourse }?.day, today: Day(now))
        let late = deadlines.isLate(status: caseFile.status, since: (caseFile.assignedAt ?? caseFile.lastActivityAt).timeIntervalSince1970,
                                    now: now.timeIntervalSince1970, statutoryUrgent: urgent)
        self.init(
            layout: LayoutModel(title: "Demande \(reference)", section: isDirector ? .account : (isStaff ? .staff : .desk), demo: demo, viewer: viewer),
            csrf: csrf, notice: notice, refusal: error, reference: reference,
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
            timelineHTML: thread.timelineHTML, hasMessages: thread.hasMessages, messagesHTML: thread.messagesHTML,
            canWrite: caseFile.status.isOpen,
            messageAction: SiteURL.caseMessage(reference).path,
            messageField: .init("message", label: isDirector ? "Écrire à votre correspondant" : "Écrire au directeur", value: typedMessage,
                                hint: isDirector ? "Votre correspondant reçoit un courriel neutre l’invitant à se connecter." :
                                    "Le directeur reçoit un courriel neutre l’invitant à se connecter.", error: messageError),
            messageFiles: FileField(for: "message", limits: limits, errors: messageFileErrors),
            notes: notes.map {
                Message(author: $0.authorName, when: CaseDates.dateTime($0.at), body: $0.body, mine: $0.authorUserId == user.id,
                        documents: $0.id.flatMap { byNote[$0] } ?? [])
            },
            noteAction: SiteURL.caseNote(reference).path,
            noteField: .init("note", label: "Ajouter une note privée", value: typedNote,
                             hint: isStaff ? "Jamais montrée au directeur\u{00A0}; lisible par l’équipe de l’association et par le correspondant de la demande."
                                 : "Jamais montrée au directeur\u{00A0}; lisible par vous et par l’équipe de l’association, pas par un autre correspondant si la demande change de mains.",
                             error: noteError),
            noteFiles: FileField(for: "note", limits: limits, errors: noteFileErrors),
            documents: documents,
            actions: actions, actionURL: SiteURL.caseAction(reference).path,
            version: String(detail.events.map { $0.event.id ?? 0 }.max() ?? 0), reasonError: reasonError,
            correspondents: correspondents.map { FormOption(value: String($0.id), label: $0.label, selected: false) },
            accessHistory: history.map { Line(when: CaseDates.dateTime($0.at), title: $0.actorEmail, detail: "\($0.detail) depuis \($0.address)") },
            backURL: isDirector ? SiteURL.myCases.path : (isStaff ? SiteURL.staff.path : SiteURL.correspondentDesk.path),
            backLabel: isDirector ? "Mes demandes" : (isStaff ? "Espace équipe" : "Mon espace correspondant")
        )
        sharedDeadlines = shared.map { "\($0.day.frenchLong) — \($0.kind.label)" }
        self.referrals = Self.referralItems(referrals, caseFile: caseFile, documents: detail.documents, reader: user, role: role, now: now, limits: limits)
        proposeURL = !isDirector && caseFile.status.isOpen ? SiteURL.caseReferralNew(reference).path : nil
        showReferrals = !self.referrals.isEmpty || proposeURL != nil
    }

    /// The messages as `user` reads them in `role`, each with its files.
    static func messages(_ detail: AppDatabase.CaseDetail, reader user: User, role: CaseActorRole) -> [Message] {
        let reference = detail.caseFile.reference ?? ""
        let isDirector = role == .director
        var byMessage: [Int64: [Document]] = [:]
        for row in detail.documents {
            if let id = row.document.messageId { byMessage[id, default: []].append(Self.document(row, reference: reference, reader: user, role: role)) }
        }
        return detail.messages.map { message in
            let mine = message.message.authorUserId == user.id
            let author: String = switch message.message.authorRole {
            case CaseActorRole.director.rawValue: isDirector ? "Vous" : (message.authorName ?? "Le directeur")
            case CaseActorRole.staff.rawValue: mine ? "Vous" : "L’équipe de l’association"
            default: mine ? "Vous" : (isDirector ? (message.authorName.flatMap { $0.split(separator: " ").first.map(String.init) } ?? "Votre correspondant")
                                       : (message.authorName ?? "Le correspondant"))
            }
            return Message(author: author, when: CaseDates.dateTime(message.message.at), body: message.message.body, mine: mine,
                           documents: message.message.id.flatMap { byMessage[$0] } ?? [])
        }
    }

    /// The notice that a redirection to the case asks for with `?message=`.
    static func notice(_ code: String?) -> String? {
        switch code {
        case "ouverte": "Votre demande est envoyée. Un courriel de confirmation part vers votre adresse de notification."
        case "demande-envoyee": "Votre adresse est confirmée et votre demande est partie vers un correspondant."
        case "action": "C’est fait."
        case "message": "Message envoyé."
        case "note": "Note enregistrée."
        case "piece-retiree": "La pièce est retirée du dossier."
        case "avis-propose": "La demande d’avis est proposée au directeur. Rien ne part vers l’expert sans son accord."
        case "avis-accepte": "C’est fait. L’expert est invité à se connecter\u{00A0}; il déclarera d’abord un éventuel conflit d’intérêts."
        case "avis-refuse": "Votre refus est enregistré. Rien n’a été transmis à l’expert."
        case "avis-revoque": "L’accès de l’expert est révoqué."
        case "avis-retire": "La proposition est retirée. Rien n’a été transmis à l’expert."
        case "avis-message": "Message envoyé à l’expert."
        default: nil
        }
    }

    /// A file of the case as `reader` sees it. Whoever added it and staff may withdraw it.
    static func document(_ row: AppDatabase.DocumentRow, reference: String, reader: User, role: CaseActorRole) -> Document {
        let document = row.document, id = document.id ?? 0
        let mine = document.uploaderUserId != nil && document.uploaderUserId == reader.id
        let addedBy: String = switch document.uploaderRole {
        case CaseActorRole.director.rawValue: role == .director ? "vous" : (row.uploaderName ?? "le directeur")
        case CaseActorRole.staff.rawValue: mine ? "vous" : "l’équipe de l’association"
        default: mine ? "vous" : (role == .director ? (row.uploaderName.flatMap { $0.split(separator: " ").first.map(String.init) } ?? "votre correspondant")
                                  : (row.uploaderName ?? "le correspondant"))
        }
        return Document(
            name: document.name,
            url: document.isWithdrawn ? nil : SiteURL.caseDocument(reference, id).path,
            details: "\(document.kind.label), \(DocumentLimits.label(bytes: document.size))",
            addedBy: addedBy, when: CaseDates.dateTime(document.createdAt),
            withdrawn: document.withdrawnAt.map { "Retirée le \(CaseDates.dateTime($0))" },
            withdrawURL: !document.isWithdrawn && (mine || role == .staff) ? SiteURL.caseDocumentWithdrawal(reference, id).path : nil,
            inNote: document.noteId != nil
        )
    }

    /// A case's status in its director's words, on their case and in their list (`MyCasesPage`).
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

    /// A timeline line as `role` may read it: why a correspondent passed or staff moved the case is
    /// for staff only (`Policy.mayReadEventReason`).
    static func line(_ item: AppDatabase.TimelineEvent, for role: CaseActorRole) -> Line {
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
        return Line(when: CaseDates.dateTime(event.at), title: title, detail: shown ? event.reason : nil)
    }

    /// The button of `action`; `CaseController.action(named:)` reads its value back from the form.
    static func button(_ action: CaseAction) -> ActionButton {
        switch action {
        case .accept: ActionButton(value: "accepter", label: "Accepter la demande", primary: true, needsReason: false, reasonLabel: nil, reassign: false)
        case .wait: ActionButton(value: "attente", label: "Mettre en attente du directeur", primary: false, needsReason: false, reasonLabel: nil, reassign: false)
        case .resume: ActionButton(value: "reprendre", label: "Reprendre", primary: false, needsReason: false, reasonLabel: nil, reassign: false)
        case .close(.resolue): ActionButton(value: "clore_resolue", label: "Clore\u{00A0}: résolue", primary: false, needsReason: false, reasonLabel: nil, reassign: false)
        case .close: ActionButton(value: "clore_sans_suite", label: "Clore\u{00A0}: sans suite", primary: false, needsReason: false, reasonLabel: nil, reassign: false)
        case .decline: ActionButton(value: "decliner", label: "Décliner la demande", primary: false, needsReason: true,
                                    reasonLabel: "Pourquoi vous la déclinez (seule l’équipe de l’association le lit)", reassign: false)
        case .reassign: ActionButton(value: "reattribuer", label: "Réattribuer", primary: false, needsReason: true,
                                     reasonLabel: "Motif de la réattribution (lu par l’équipe seulement)", reassign: true)
        case .withdraw: ActionButton(value: "retirer", label: "Retirer ma demande", primary: false, needsReason: false, reasonLabel: nil, reassign: false)
        case .reopen: ActionButton(value: "rouvrir", label: "Rouvrir ma demande", primary: true, needsReason: false, reasonLabel: nil, reassign: false)
        case .assign: ActionButton(value: "", label: "", primary: false, needsReason: false, reasonLabel: nil, reassign: false)
        }
    }
}
