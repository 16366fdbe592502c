/// Who may do what: the one place that decides, from role and ownership. Every protected route asks
/// it. What a person may not see is answered as if it did not exist.
public enum Policy {
    /// The person asking; nil for an anonymous visitor.
    public struct Actor: Sendable, Equatable {
        public var userId: Int64
        public var role: Role
        /// Whether the account has a confirmed second factor (TOTP).
        public var secondFactor: Bool

        public init(userId: Int64, role: Role, secondFactor: Bool = false) {
            self.userId = userId
            self.role = role
            self.secondFactor = secondFactor
        }

        /// Staff and admins hold every director's confidences: they work only once their account has
        /// a second factor. Until then they may only manage their own account (where they enrol).
        public var mustEnrolSecondFactor: Bool { role.isStaff && !secondFactor }
    }

    public enum Action: Sendable, Equatable {
        /// Their own account, data export and deletion.
        case manageOwnAccount
        /// The correspondent desk.
        case useCorrespondentDesk
        /// The back-office: dashboard, vademecum curation, network, outbox.
        case useBackOffice
        /// Create accounts and change roles.
        case administerUsers
        /// The expert's desk: the avis requests addressed to them (each checked again on its own).
        case useExpertDesk
        /// Peer support (« pairs aidants »): volunteering, asking, exchanging. Members only; each
        /// exchange is checked again on its own (its two people, nobody else).
        case usePeerSupport
    }

    public enum Decision: Sendable, Equatable {
        case allow
        /// Anonymous: ask them to sign in first.
        case signIn
        /// Signed in but not allowed: answer 404 so existence does not leak.
        case notFound
        /// Allowed by role, but a staff account must first enrol in two-factor sign-in.
        case enrolSecondFactor
    }

    /// The people a case belongs to.
    public struct CaseParties: Sendable, Equatable {
        public var directorUserId: Int64?
        /// The account of the correspondent the case is assigned to, if any.
        public var assigneeUserId: Int64?

        public init(directorUserId: Int64?, assigneeUserId: Int64?) {
            self.directorUserId = directorUserId
            self.assigneeUserId = assigneeUserId
        }
    }

    /// In what capacity `actor` sees a case, or nil when the case must look as if it did not exist:
    /// its director, the correspondent it is assigned to (and nobody who had it before), or staff.
    public static func caseRole(of actor: Actor?, on parties: CaseParties) -> CaseActorRole? {
        guard let actor else { return nil }
        if actor.userId == parties.directorUserId { return .director }
        // A staff account without its second factor sees no one else's case (see `mustEnrolSecondFactor`).
        if actor.mustEnrolSecondFactor { return nil }
        if actor.userId == parties.assigneeUserId, actor.role == .correspondant || actor.role == .admin { return .assignee }
        if actor.role.isStaff { return .staff }
        return nil
    }

    public static func decide(_ actor: Actor?, _ action: Action) -> Decision {
        guard let actor else { return .signIn }
        let allowed: Bool
        switch action {
        case .manageOwnAccount: allowed = true
        case .useCorrespondentDesk: allowed = actor.role == .correspondant || actor.role == .admin
        case .useBackOffice: allowed = actor.role.isStaff
        case .administerUsers: allowed = actor.role == .admin
        case .useExpertDesk: allowed = actor.role == .expert
        case .usePeerSupport: allowed = PeerRules.isMember(actor.role)
        }
        guard allowed else { return .notFound }
        if action != .manageOwnAccount, actor.mustEnrolSecondFactor { return .enrolSecondFactor }
        return .allow
    }
}

extension Policy {
    /// Whether `role` reads the reason recorded with a case event of `kind` (a `CaseAction.code`).
    /// Why a correspondent declined and why staff moved a case are about people, not about the
    /// director's situation: staff alone read them. Not the director, and no correspondent either,
    /// including the one who wrote it (once they declined, the case is no longer theirs; if staff
    /// give it back, what they wrote was for staff). The director does not read routing's reasons
    /// for an assignment either. Other reasons are Relais's own neutral sentences.
    public static func mayReadEventReason(kind: CaseEventKind, as role: CaseActorRole) -> Bool {
        switch role {
        case .staff, .system: true
        case .assignee: kind != .declined && kind != .reassigned
        case .director: kind != .declined && kind != .reassigned && kind != .assigned
        }
    }

    /// Whether a private note is read by `reader` in `role`. Staff read every note; the correspondent
    /// of the case reads their own and staff's, never those of a correspondent who had the case
    /// before (they may be about why that one passed); the director reads none.
    public static func mayReadNote(authorUserId: Int64?, authorIsStaff: Bool, reader: Int64, as role: CaseActorRole) -> Bool {
        switch role {
        case .staff, .system: true
        case .assignee: authorIsStaff || authorUserId == reader
        case .director: false
        }
    }
}
