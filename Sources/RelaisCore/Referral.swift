import Foundation

/// What an expert knows about (« domaine »): the association's lawyers, work psychologists, coaching
/// partners, the centres de gestion and the CNFPT.
public enum ExpertField: String, Sendable, Hashable, CaseIterable, Codable {
    case juridique, psychologique, trajectoire, institutionnel

    public var label: String {
        switch self {
        case .juridique: "Juridique"
        case .psychologique: "Psychologique"
        case .trajectoire: "Trajectoire professionnelle"
        case .institutionnel: "Institutionnel (centre de gestion, CNFPT…)"
        }
    }
}

/// Where a request for an expert's opinion (« une demande d’avis ») stands. The correspondent (or
/// staff) proposes; the director decides; the expert first declares any conflict of interest, then
/// reads what the director agreed to share and answers. Access ends by revocation, at the end of its
/// duration, or when the case closes.
public enum ReferralStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Proposed to the director, who has not decided: nothing has reached the expert.
    case proposed = "proposee"
    /// The director said no.
    case refused = "refusee"
    /// The correspondent took the proposal back before the director decided.
    case withdrawn = "retiree"
    /// Accepted by the director: the expert sees the question and the kind of situation, to declare
    /// any conflict of interest.
    case conflictCheck = "verification"
    /// The expert declared a conflict: back to the correspondent, who may choose another expert.
    case conflict = "conflit"
    /// No conflict: the expert reads the summary and the shared files, and answers.
    case open = "ouverte"
    /// The director revoked the access.
    case revoked = "revoquee"
    /// Its duration ran out.
    case expired = "expiree"
    /// The case closed.
    case ended = "terminee"

    public var label: String {
        switch self {
        case .proposed: "Proposée, en attente de la décision du directeur"
        case .refused: "Refusée par le directeur"
        case .withdrawn: "Retirée par le correspondant"
        case .conflictCheck: "Acceptée, en attente de la déclaration de l’expert"
        case .conflict: "Conflit d’intérêts déclaré par l’expert"
        case .open: "En cours"
        case .revoked: "Accès révoqué par le directeur"
        case .expired: "Terminée (durée écoulée)"
        case .ended: "Terminée (demande close)"
        }
    }

    /// Whether the request may still change (and the expert, depending on the stage, see something).
    public var isLive: Bool { self == .proposed || self == .conflictCheck || self == .open }
}

/// The rules of an avis request, pure: what the expert may see now, and when to remind.
public enum ReferralRules {
    public static let defaultDays = 30
    public static let allowedDays = [15, 30, 60, 90]
    /// Days without an answer from the expert before they are reminded, and before staff are alerted.
    public static let reminderDays = 7
    public static let staffAlertDays = 14

    /// What the expert sees of the request.
    public enum Stage: Sendable, Equatable {
        /// Nothing: a 404.
        case none
        /// The question, the kind of situation and the employer: enough to declare a conflict.
        case conflictCheck
        /// The summary, the shared files (read-only) and the avis thread.
        case full
    }

    /// The status as it is at `now`: an open or awaited request past its end is expired, and any live
    /// request of a closed case has ended.
    public static func effectiveStatus(_ status: ReferralStatus, expiresAt: Date?, caseOpen: Bool, now: Date) -> ReferralStatus {
        guard status.isLive else { return status }
        if !caseOpen { return .ended }
        if status != .proposed, let expiresAt, now >= expiresAt { return .expired }
        return status
    }

    public static func stage(_ status: ReferralStatus, expiresAt: Date?, caseOpen: Bool, now: Date) -> Stage {
        switch effectiveStatus(status, expiresAt: expiresAt, caseOpen: caseOpen, now: now) {
        case .conflictCheck: .conflictCheck
        case .open: .full
        default: .none
        }
    }

    /// What is due for an open request the expert has not answered: counted from the moment they
    /// could answer (`openedAt`); each step once.
    public enum Due: Sendable, Equatable {
        case nothing, remindExpert, alertStaff
    }

    public static func due(openedAt: Date?, answeredAt: Date?, remindedAt: Date?, staffAlertedAt: Date?, now: Date) -> Due {
        guard let openedAt, answeredAt == nil else { return .nothing }
        let days = now.timeIntervalSince(openedAt) / 86_400
        if days >= Double(staffAlertDays), staffAlertedAt == nil { return .alertStaff }
        if days >= Double(reminderDays), remindedAt == nil { return .remindExpert }
        return .nothing
    }
}
