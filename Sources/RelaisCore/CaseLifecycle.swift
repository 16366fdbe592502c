/// Where a case stands. The raw values are stored and appear in URLs of the back-office.
public enum CaseStatus: String, CaseIterable, Sendable, Codable, Hashable {
    /// Opened, waiting for a correspondent (routing found nobody, or the case was declined and nobody
    /// else could take it): it sits in the staff queue.
    case nouvelle
    /// Given to a correspondent who has not accepted it yet.
    case attribuee
    /// A correspondent is working on it.
    case priseEnCharge = "prise_en_charge"
    /// The correspondent waits for the director.
    case enAttente = "en_attente"
    case close

    public var isOpen: Bool { self != .close }

    /// Cases that count against a correspondent's capacity.
    public static let active: [CaseStatus] = [.attribuee, .priseEnCharge, .enAttente]

    /// Opened cases nobody has accepted yet: the ones the acceptance delay applies to.
    public static let awaitingAcceptance: [CaseStatus] = [.nouvelle, .attribuee]

    /// For correspondents and staff.
    public var label: String {
        switch self {
        case .nouvelle: "À attribuer"
        case .attribuee: "Attribuée, à accepter"
        case .priseEnCharge: "Prise en charge"
        case .enAttente: "En attente du directeur"
        case .close: "Close"
        }
    }
}

/// How a closed case ended.
public enum CaseOutcome: String, CaseIterable, Sendable, Codable, Hashable {
    case resolue
    case sansSuite = "sans_suite"
    /// The director withdrew it.
    case retiree

    public var label: String {
        switch self {
        case .resolue: "Résolue"
        case .sansSuite: "Sans suite"
        case .retiree: "Retirée par le directeur"
        }
    }
}

/// What someone does to a case. Each is checked by `CaseLifecycle` before anything is written.
public enum CaseAction: Sendable, Hashable {
    /// Routing gave the case to a correspondent (opening, after a decline, after a reopening).
    case assign
    /// The assigned correspondent takes the case.
    case accept
    /// The assigned correspondent gives the case back, with a reason; routing runs again.
    case decline
    /// The correspondent now waits for the director.
    case wait
    /// Work goes on (the correspondent resumes, or the director answered).
    case resume
    /// The correspondent or staff close the case.
    case close(CaseOutcome)
    /// Staff give the case to another correspondent, with a reason.
    case reassign
    /// The director withdraws the case.
    case withdraw
    /// The director reopens a closed case, within `CaseLifecycle.reopenWindowDays`.
    case reopen

    /// The form value and stored event kind of the action.
    public var code: String { eventKind.rawValue }
}

/// Who acts on a case, as far as the lifecycle is concerned.
public enum CaseActorRole: String, Sendable, Hashable, CaseIterable {
    /// The director who opened it.
    case director
    /// The correspondent it is assigned to.
    case assignee
    /// Association staff.
    case staff
    /// Relais itself: routing and deadlines.
    case system
}

/// The lifecycle of a case as a pure state machine: `nouvelle` → `attribuee` → `prise_en_charge` ⇄
/// `en_attente` → `close`. Routing, decline and reassignment go through `nouvelle` again. Nothing is
/// written unless `transition` allows it.
public enum CaseLifecycle {
    /// A director may reopen a case this many days after it closed.
    public static let reopenWindowDays = 30

    public enum Refusal: Error, Sendable, Equatable {
        /// This action makes no sense in this state.
        case notFromThisState
        /// This person may not do this.
        case notYours
        /// The reopening window has passed.
        case tooLate
    }

    /// The state after `action`, or why it is refused. `daysSinceClosed` matters for a reopening only.
    /// A decline, a reassignment and a reopening end in `nouvelle`: the caller routes the case again
    /// right away (an `assign` follows in the same transaction when someone is found).
    public static func transition(from status: CaseStatus, _ action: CaseAction, by actor: CaseActorRole,
                                  daysSinceClosed: Int? = nil) -> Result<CaseStatus, Refusal> {
        guard allowed(action, by: actor) else { return .failure(.notYours) }
        switch (action, status) {
        case (.assign, .nouvelle):
            return .success(.attribuee)
        case (.accept, .attribuee):
            return .success(.priseEnCharge)
        case (.decline, .attribuee), (.decline, .priseEnCharge), (.decline, .enAttente):
            return .success(.nouvelle)
        case (.wait, .priseEnCharge):
            return .success(.enAttente)
        case (.resume, .enAttente):
            return .success(.priseEnCharge)
        case (.close, .priseEnCharge), (.close, .enAttente):
            return .success(.close)
        // Staff may also close a case nobody took (a duplicate, a request outside the association's remit).
        case (.close, .nouvelle) where actor == .staff, (.close, .attribuee) where actor == .staff:
            return .success(.close)
        case (.reassign, .nouvelle), (.reassign, .attribuee), (.reassign, .priseEnCharge), (.reassign, .enAttente):
            return .success(.nouvelle)
        case (.withdraw, let open) where open.isOpen:
            return .success(.close)
        case (.reopen, .close):
            guard let days = daysSinceClosed, days <= reopenWindowDays else { return .failure(.tooLate) }
            return .success(.nouvelle)
        default:
            return .failure(.notFromThisState)
        }
    }

    /// Who may take each action, whatever the state.
    public static func allowed(_ action: CaseAction, by actor: CaseActorRole) -> Bool {
        switch action {
        case .assign: actor == .system || actor == .staff
        case .accept, .decline, .wait: actor == .assignee
        case .resume: actor == .assignee || actor == .director
        case .close(let outcome): outcome != .retiree && (actor == .assignee || actor == .staff)
        case .reassign: actor == .staff
        case .withdraw, .reopen: actor == .director
        }
    }

    /// The actions `actor` may take now, in the order a page offers them.
    public static func available(in status: CaseStatus, to actor: CaseActorRole, daysSinceClosed: Int? = nil) -> [CaseAction] {
        let all: [CaseAction] = [.accept, .wait, .resume, .close(.resolue), .close(.sansSuite), .decline, .reassign, .withdraw, .reopen]
        return all.filter {
            if case .success = transition(from: status, $0, by: actor, daysSinceClosed: daysSinceClosed) { return true }
            return false
        }
    }
}
