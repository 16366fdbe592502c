import Foundation

/// Where an exchange group stands (`exchangeGroup.status`).
public enum GroupStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Proposed by a member, waiting for staff.
    case proposed = "proposee"
    /// Created by staff, or a proposal staff approved: it lives.
    case active = "active"
    /// A proposal staff turned down.
    case declined = "refusee"

    public var label: String {
        switch self {
        case .proposed: "Proposée, en attente de l’équipe"
        case .active: "Active"
        case .declined: "Proposition refusée"
        }
    }
}

/// How a group takes new members (`exchangeGroup.admission`).
public enum GroupAdmission: String, Sendable, Hashable, CaseIterable, Codable {
    /// Members ask to join; the référent accepts or declines.
    case onRequest = "demande"
    /// Only people the référent invites.
    case invitation = "invitation"

    public var label: String {
        switch self {
        case .onRequest: "Ouverte aux demandes"
        case .invitation: "Sur invitation"
        }
    }
}

/// Where a person stands in a group (`groupMember.status`). One row per group and person.
public enum GroupMemberStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Asked to join; the référent decides.
    case requested = "demande"
    /// Invited by the référent; the person decides.
    case invited = "invite"
    case member = "membre"
    /// A request the référent declined, or an invitation the person declined.
    case declined = "refuse"

    public var label: String {
        switch self {
        case .requested: "Demande en attente"
        case .invited: "Invitation en attente"
        case .member: "Membre"
        case .declined: "Refusé"
        }
    }
}

/// The roles of a meeting, each taken by one member (`meetingRole.role`).
public enum MeetingRole: String, Sendable, Hashable, CaseIterable, Codable {
    case referent = "referent"
    case scribe = "scribe"
    case timekeeper = "gardien"

    public var label: String {
        switch self {
        case .referent: "Référent"
        case .scribe: "Scribe"
        case .timekeeper: "Gardien du temps"
        }
    }

    /// What the role does, said on the meeting's page.
    public var duty: String {
        switch self {
        case .referent: "anime la réunion et veille à l’ordre du jour"
        case .scribe: "prend les notes et les met en forme après la réunion"
        case .timekeeper: "veille au temps de parole et à l’horaire"
        }
    }
}

/// The rules of exchange groups (« équipes d’échanges »), as pure functions of the facts.
public enum GroupRules {
    /// The size limit when none is given.
    public static let defaultCapacity = 12
    /// The largest group Relais accepts.
    public static let maximumCapacity = 40

    /// Why something is refused, in the words shown to the person.
    public enum Refusal: Error, Sendable, Equatable {
        case notMember
        case notReferent
        case notActive
        case full
        case byInvitationOnly
        case alreadyMember
        case alreadyAsked
        case alreadyInvited
        case notInvited
        case cannotBeMember
        case unknownAccount
        case roleTaken
        case staleNotes

        public var message: String {
            switch self {
            case .notMember: "Les équipes d’échanges sont réservées aux membres de l’association (directeurs et correspondants)."
            case .notReferent: "Seul le référent de l’équipe peut le faire."
            case .notActive: "Cette équipe n’est pas ouverte."
            case .full: "L’équipe est complète."
            case .byInvitationOnly: "Cette équipe accueille ses membres sur invitation."
            case .alreadyMember: "Cette personne fait déjà partie de l’équipe."
            case .alreadyAsked: "Votre demande est déjà transmise au référent de l’équipe."
            case .alreadyInvited: "Cette personne est déjà invitée."
            case .notInvited: "Cette invitation n’existe plus."
            case .cannotBeMember: "Ce compte ne peut pas faire partie d’une équipe d’échanges."
            case .unknownAccount: "Aucun compte Relais ne porte cette adresse. La personne doit d’abord créer son compte."
            case .roleTaken: "Ce rôle vient d’être pris par un autre membre."
            case .staleNotes:
                "Les notes ont été modifiées par un autre membre pendant que vous écriviez\u{00A0}: votre texte est ci-dessous, relisez la dernière version avant d’enregistrer à nouveau."
            }
        }
    }

    /// Directors and correspondents propose groups and ask to join them.
    public static func mayPropose(_ role: Role) -> Bool {
        role == .demandeur || role == .correspondant
    }

    /// Anyone of the association may be in a group (staff too, when invited); experts are outside it.
    public static func mayBeMember(_ role: Role) -> Bool {
        role != .expert
    }

    /// Whether someone in `role`, currently `current` in the group, may ask to join it now.
    public static func requestRefusal(role: Role, status: GroupStatus, admission: GroupAdmission, current: GroupMemberStatus?,
                                      members: Int, capacity: Int) -> Refusal? {
        guard mayPropose(role) else { return .notMember }
        guard status == .active else { return .notActive }
        switch current {
        case .member?: return .alreadyMember
        case .requested?: return .alreadyAsked
        case .invited?, .declined?, nil: break
        }
        // An invitation already open to them: accepting it is the way in.
        if current == .invited { return nil }
        guard admission == .onRequest else { return .byInvitationOnly }
        return members >= capacity ? .full : nil
    }

    /// Whether the référent may invite someone in `role`, currently `current`.
    public static func invitationRefusal(role: Role, status: GroupStatus, current: GroupMemberStatus?, members: Int, capacity: Int) -> Refusal? {
        guard mayBeMember(role) else { return .cannotBeMember }
        guard status == .active else { return .notActive }
        switch current {
        case .member?: return .alreadyMember
        case .invited?: return .alreadyInvited
        case .requested?, .declined?, nil: break
        }
        return members >= capacity ? .full : nil
    }

    /// Whether a new member may come in (a request accepted, an invitation accepted).
    public static func admissionRefusal(status: GroupStatus, members: Int, capacity: Int) -> Refusal? {
        guard status == .active else { return .notActive }
        return members >= capacity ? .full : nil
    }

    /// Places left in a group.
    public static func placesLeft(capacity: Int, members: Int) -> Int {
        max(0, capacity - members)
    }

    /// A meeting is past once it has started.
    public static func isPast(startsAt: String, now: Date) -> Bool {
        guard let start = AtelierRules.instant(startsAt) else { return false }
        return now >= start
    }

    /// A meeting « held »: started and not cancelled.
    public static func wasHeld(startsAt: String, cancelled: Bool, now: Date) -> Bool {
        !cancelled && isPast(startsAt: startsAt, now: now)
    }

    /// Notes are saved over the version the writer read; another save in between is refused, so no
    /// one's text is silently overwritten.
    public static func notesRefusal(readVersion: Int, currentVersion: Int) -> Refusal? {
        readVersion == currentVersion ? nil : .staleNotes
    }
}

/// How a member hears of what happens in their groups (`groupMailSetting.digest`).
public enum GroupDigest {
    /// The digest goes on Mondays from 8:00, Paris time.
    public static let weekday = 1
    public static let hour = 8

    /// Whether a member's weekly digest is due at `now`, when the last one went at `lastSentAt`.
    public static func isDue(now: Date, lastSentAt: Date?) -> Bool {
        guard let (day, second) = Day.parisLocal(now), day.weekday == weekday, second >= hour * 3600 else { return false }
        guard let lastSentAt else { return true }
        // More than six days: one digest per Monday, whatever the hour the job ran the last time.
        return now.timeIntervalSince(lastSentAt) > 6 * 86_400
    }
}

extension GroupRules {
    /// `now` as Paris wall-clock text, `2027-01-14T18:30`: comparable with a meeting's stored times.
    public static func parisLocalText(_ now: Date) -> String {
        guard let (day, second) = Day.parisLocal(now) else { return "" }
        return day.iso + "T" + String(format: "%02d:%02d", second / 3600, (second % 3600) / 60)
    }
}
