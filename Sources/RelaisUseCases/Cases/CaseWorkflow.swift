import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// The steps of a case's life, each run inside the caller's write transaction with the events and
/// the mails it implies. `CaseLifecycle` decides what is allowed, `CaseRouting` who gets the case;
/// this writes it down.
///
/// Mails say that something happened and link to the case: a reference at most, never the
/// situation, the employer or a word of the narrative.
public struct CaseWorkflow: Sendable {
    public let notifier: Notifier
    public let staffEmail: String?
    /// How many cases one director may open (see `CaseWorkflow+Limits`).
    public var limits = CaseLimits()

    public var baseURL: String { notifier.baseURL }

    /// Opens a case its director has confirmed: gives it its reference, routes it, and acknowledges it.
    public func open(_ caseFile: inout CaseFile, director: User, now: Date, in db: Database) throws {
        precondition(caseFile.openedAt == nil, "a case opens once")
        let reference = try AppDatabase.nextCaseReference(year: Day(now).year, in: db)
        caseFile.year = reference.year
        caseFile.sequence = reference.sequence
        caseFile.reference = reference.description
        caseFile.openedAt = now
        caseFile.lastActivityAt = now
        try caseFile.update(db)
        try record(CaseEvent(caseId: caseFile.id!, at: now, kind: .opened, actorUserId: director.id, actorRole: .director, to: .nouvelle), in: db)
        let assignee = try route(&caseFile, preferred: nil, now: now, in: db)
        var values: [String: Any] = ["reference": reference.description]
        if let assignee { values["firstName"] = assignee.firstName }
        try notifier.notify(.caseReceived, to: caseFile.notificationEmail, values: values, link: .caseFile(reference.description), date: now, in: db)
    }

    /// Gives a case in `nouvelle` to the best correspondent, or leaves it in the staff queue and alerts
    /// staff. Returns the correspondent, if any.
    @discardableResult
    public func route(_ caseFile: inout CaseFile, preferred: Int64?, now: Date, in db: Database) throws -> Correspondent? {
        let caseId = caseFile.id!, reference = caseFile.reference ?? ""
        let request = CaseRouting.Request(
            departementCode: caseFile.departementCode,
            regionCode: try AppDatabase.regionCode(ofDepartement: caseFile.departementCode, in: db) ?? "",
            axes: Set(try AppDatabase.caseAxes(caseId: caseId, in: db)),
            employerCode: caseFile.employerCode,
            outsideDepartement: caseFile.outsideDepartement,
            declinedBy: try AppDatabase.correspondentsWhoDeclined(caseId: caseId, in: db),
            preferred: preferred
        )
        let choice = CaseRouting.choose(for: request, among: try AppDatabase.routingCandidates(for: request, today: Day(now), in: db), today: Day(now))
        caseFile.assignedAt = now
        caseFile.escalatedAt = nil
        caseFile.acceptedAt = nil
        caseFile.waitingSince = nil
        caseFile.lastActivityAt = now
        guard let choice, let (correspondent, account) = try AppDatabase.correspondentWithAccount(id: choice.correspondentId, in: db) else {
            caseFile.assigneeId = nil
            try caseFile.update(db)
            try record(CaseEvent(caseId: caseId, at: now, kind: .queued, actorUserId: nil, actorRole: .system,
                                 reason: "Aucun correspondant disponible\u{00A0}: la demande attend dans la file de l’équipe."), in: db)
            try alertStaff(.caseUnrouted, reference: reference, now: now, in: db)
            return nil
        }
        try assign(&caseFile, to: correspondent, account: account, actor: nil, role: .system,
                   reason: Self.levelReason(choice.level), now: now, in: db)
        return correspondent
    }

    /// Moves a case in `nouvelle` to `attribuee` with `correspondent`, records it and tells them.
    public func assign(_ caseFile: inout CaseFile, to correspondent: Correspondent, account: User?, actor: User?,
                role: CaseActorRole, reason: String, now: Date, in db: Database) throws {
        guard case .success(let next) = CaseLifecycle.transition(from: caseFile.status, .assign, by: role == .staff ? .staff : .system) else {
            throw CaseLifecycle.Refusal.notFromThisState
        }
        let reference = caseFile.reference ?? ""
        try record(CaseEvent(caseId: caseFile.id!, at: now, kind: .assigned, actorUserId: actor?.id, actorRole: role,
                             from: caseFile.status, to: next, correspondentId: correspondent.id, reason: reason), in: db)
        caseFile.status = next
        caseFile.assigneeId = correspondent.id
        caseFile.assignedAt = now
        caseFile.escalatedAt = nil
        caseFile.lastActivityAt = now
        try caseFile.update(db)
        try notifier.notify(.caseAssigned, to: account?.notificationEmail ?? correspondent.email, greeting: correspondent.firstName,
                            values: ["reference": reference], link: .caseFile(reference), date: now, in: db)
    }

    public static func levelReason(_ level: CaseRouting.Level) -> String {
        switch level {
        case .departement: "Correspondant du département."
        case .region: "Aucun correspondant disponible dans le département\u{00A0}: correspondant de la région."
        case .national: "Aucun correspondant disponible dans la région\u{00A0}: correspondant d’une autre région."
        }
    }

    // MARK: Transitions

    /// What a person does to a case, with the fields some actions need.
    public struct Act: Sendable {
        public var action: CaseAction
        public var reason: String = ""
        /// For a reassignment: the correspondent chosen by staff; nil routes the case again.
        public var reassignTo: Int64?
        /// On closing or withdrawing: a last word to the other side, posted in the thread with the act.
        public var closingWord: String = ""

        public init(action: CaseAction, reason: String = "", reassignTo: Int64? = nil, closingWord: String = "") {
            self.action = action
            self.reason = reason
            self.reassignTo = reassignTo
            self.closingWord = closingWord
        }
    }

    /// Applies `act` by `actor` acting as `role`; throws `CaseLifecycle.Refusal` when it is not allowed.
    public func apply(_ act: Act, to caseFile: inout CaseFile, actor: User, role: CaseActorRole, now: Date, in db: Database) throws {
        let daysSinceClosed = caseFile.closedAt.map { Int(now.timeIntervalSince($0) / 86_400) }
        let next: CaseStatus
        switch CaseLifecycle.transition(from: caseFile.status, act.action, by: role, daysSinceClosed: daysSinceClosed) {
        case .success(let status): next = status
        case .failure(let refusal): throw refusal
        }
        let caseId = caseFile.id!, reference = caseFile.reference ?? "", from = caseFile.status
        let previous = try caseFile.assigneeId.flatMap { try AppDatabase.correspondentWithAccount(id: $0, in: db) }
        var reason = act.reason
        if case .close(let outcome) = act.action, reason.isEmpty { reason = "Issue\u{00A0}: \(outcome.label.lowercased())." }
        try record(CaseEvent(caseId: caseId, at: now, kind: act.action.eventKind, actorUserId: actor.id, actorRole: role,
                             from: from, to: next, correspondentId: caseFile.assigneeId, reason: reason), in: db)
        caseFile.status = next
        caseFile.lastActivityAt = now
        let firstName = previous?.0.firstName ?? "Votre correspondant"

        switch act.action {
        case .accept:
            caseFile.acceptedAt = now
            caseFile.escalatedAt = nil
            try caseFile.update(db)
            try tellDirector(caseFile, .caseAccepted, values: ["firstName": firstName], now: now, in: db)
        case .wait:
            caseFile.waitingSince = now
            caseFile.reminderSentAt = nil
            try caseFile.update(db)
            try tellDirector(caseFile, .caseWaiting, values: ["firstName": firstName], now: now, in: db)
        case .resume:
            caseFile.waitingSince = nil
            try caseFile.update(db)
        case .close(let outcome):
            caseFile.outcome = outcome
            caseFile.closedAt = now
            caseFile.waitingSince = nil
            try caseFile.update(db)
            try tellDirector(caseFile, .caseClosed, values: ["reopenDays": CaseLifecycle.reopenWindowDays], now: now, in: db)
            try askForFeedback(caseFile, outcome: outcome, now: now, in: db)
        case .withdraw:
            caseFile.outcome = .retiree
            caseFile.closedAt = now
            caseFile.waitingSince = nil
            try caseFile.update(db)
            if let (correspondent, account) = previous {
                try tellCorrespondent(correspondent, account: account, .caseWithdrawn, reference: reference, link: .caseFile(reference), now: now, in: db)
            }
        case .decline:
            caseFile.assigneeId = nil
            try caseFile.update(db)
            try route(&caseFile, preferred: nil, now: now, in: db)
            try tellDirectorOfNewHands(caseFile, reference: reference, now: now, in: db)
        case .reassign:
            caseFile.assigneeId = nil
            try caseFile.update(db)
            if let (correspondent, account) = previous {
                try tellCorrespondent(correspondent, account: account, .caseReassigned, reference: reference, link: .correspondentDesk, now: now, in: db)
            }
            if let target = act.reassignTo {
                guard let (correspondent, account) = try AppDatabase.correspondentWithAccount(id: target, in: db), correspondent.active else {
                    throw CaseLifecycle.Refusal.notFromThisState
                }
                try assign(&caseFile, to: correspondent, account: account, actor: actor, role: .staff,
                           reason: "Choisi par l’équipe.", now: now, in: db)
            } else {
                try route(&caseFile, preferred: nil, now: now, in: db)
            }
            try tellDirectorOfNewHands(caseFile, reference: reference, now: now, in: db)
        case .reopen:
            caseFile.outcome = nil
            caseFile.closedAt = nil
            try caseFile.update(db)
            try route(&caseFile, preferred: previous?.0.id, now: now, in: db)
        case .assign:
            // Routing assigns through `route` and `assign`; nobody asks for it directly.
            throw CaseLifecycle.Refusal.notYours
        }
    }

    // MARK: Messages

    /// Adds a message to the thread and tells the other party. A director answering a case that
    /// waits on them puts it back in the correspondent's hands.
    /// Adds a message and tells the other side (neutrally); the message's id.
    @discardableResult
    public func post(message body: String, on caseFile: inout CaseFile, by author: User, role: CaseActorRole, now: Date, in db: Database) throws -> Int64 {
        var message = CaseMessage(caseId: caseFile.id!, at: now, authorUserId: author.id, authorRole: role.rawValue, body: body)
        try message.insert(db)
        caseFile.lastActivityAt = now
        if role == .director, caseFile.status == .enAttente {
            try apply(Act(action: .resume, reason: "Le directeur a répondu."), to: &caseFile, actor: author, role: .director, now: now, in: db)
        } else {
            try caseFile.update(db)
        }
        let reference = caseFile.reference ?? ""
        if role == .director {
            if let (correspondent, account) = try caseFile.assigneeId.flatMap({ try AppDatabase.correspondentWithAccount(id: $0, in: db) }) {
                try tellCorrespondent(correspondent, account: account, .caseMessage, reference: reference, link: .caseFile(reference), now: now, in: db)
            }
        } else {
            try tellDirector(caseFile, .caseMessage, values: ["toDirector": true], now: now, in: db)
        }
        return message.id!
    }

    // MARK: Deadlines

    /// Flags a case nobody accepted in time and alerts staff.
    public func escalate(_ caseFile: inout CaseFile, now: Date, in db: Database) throws {
        caseFile.escalatedAt = now
        try caseFile.update(db)
        try record(CaseEvent(caseId: caseFile.id!, at: now, kind: .late, actorUserId: nil, actorRole: .system,
                             correspondentId: caseFile.assigneeId,
                             reason: "Pas de prise en charge dans le délai\u{00A0}: l’équipe de l’association est alertée."), in: db)
        let reference = caseFile.reference ?? ""
        try alertStaff(.caseLate, reference: reference, now: now, in: db)
    }

    /// Reminds the director of a case that waits on them.
    public func remind(_ caseFile: inout CaseFile, now: Date, in db: Database) throws {
        caseFile.reminderSentAt = now
        try caseFile.update(db)
        try record(CaseEvent(caseId: caseFile.id!, at: now, kind: .reminded, actorUserId: nil, actorRole: .system,
                             reason: "Rappel envoyé au directeur."), in: db)
        try tellDirector(caseFile, .caseReminder, now: now, in: db)
    }

    // MARK: Helpers

    public func record(_ event: CaseEvent, in db: Database) throws {
        var event = event
        try event.insert(db)
    }

    /// Tells the director of `caseFile` that something happened: the notice's template says what, with
    /// the reference and `values`; its subject says only that there is something new in their space.
    private func tellDirector(_ caseFile: CaseFile, _ kind: MailKind, values: [String: Any] = [:], now: Date, in db: Database) throws {
        // An anonymised case has no address left: nobody to tell.
        guard !caseFile.notificationEmail.isEmpty, let reference = caseFile.reference else { return }
        try notifier.notify(kind, to: caseFile.notificationEmail, values: values.merging(["reference": reference]) { $1 }, link: .caseFile(reference),
                            date: now, in: db)
    }

    /// After a decline or a reassignment: who has the case now, in plain words.
    private func tellDirectorOfNewHands(_ caseFile: CaseFile, reference: String, now: Date, in db: Database) throws {
        try tellDirector(caseFile, .caseRerouted, values: ["unassigned": caseFile.assigneeId == nil], now: now, in: db)
    }

    private func tellCorrespondent(_ correspondent: Correspondent, account: User?, _ kind: MailKind, reference: String, link: SiteURL,
                                   now: Date, in db: Database) throws {
        try notifier.notify(kind, to: account?.notificationEmail ?? correspondent.email, greeting: correspondent.firstName,
                            values: ["reference": reference], link: link, date: now, in: db)
    }

    private func alertStaff(_ kind: MailKind, reference: String, now: Date, in db: Database) throws {
        guard let staffEmail else { return }
        try notifier.notify(kind, to: staffEmail, values: ["reference": reference], link: .caseFile(reference), date: now, in: db)
    }
}
