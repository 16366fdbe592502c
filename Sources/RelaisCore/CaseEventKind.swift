/// What happened to a case, as its history records it (`caseEvent.kind`). The director's and the
/// correspondent's acts are the `CaseAction`s; the system adds the others.
public enum CaseEventKind: String, Sendable, Hashable, CaseIterable, Codable {
    case opened = "ouverture"
    case assigned = "attribution"
    case accepted = "acceptation"
    case declined = "refus"
    case waiting = "mise_en_attente"
    case resumed = "reprise"
    case closed = "cloture"
    case reassigned = "reattribution"
    case withdrawn = "retrait"
    case reopened = "reouverture"
    /// No correspondent could take it: it waits in the staff queue.
    case queued = "file_equipe"
    /// Nobody accepted it in time: staff were alerted.
    case late = "retard"
    /// The director was reminded that their correspondent waits on them.
    case reminded = "relance"
    /// The director deleted their account: the case was closed and anonymised.
    case accountDeleted = "compte_supprime"
}

extension CaseAction {
    /// The event an action records.
    public var eventKind: CaseEventKind {
        switch self {
        case .assign: .assigned
        case .accept: .accepted
        case .decline: .declined
        case .wait: .waiting
        case .resume: .resumed
        case .close: .closed
        case .reassign: .reassigned
        case .withdraw: .withdrawn
        case .reopen: .reopened
        }
    }
}
