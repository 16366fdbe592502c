import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

/// Exchange groups (« équipes d’échanges »): staff create them, or a member proposes one that staff
/// approve; members ask to join and the référent decides, or the référent invites. Every change is
/// one write transaction with its audit line and its mails. Whoever acts on the inside of a group is
/// checked as a member inside the same transaction; anyone else gets `NotFound`, as if the group did
/// not exist. Mails say « votre équipe d’échanges » and link to Relais, nothing more; a member who
/// chose the weekly digest gets none of them, only the digest (`GroupDigestJob`).
public struct GroupService: Sendable {
    public let database: AppDatabase
    public let notifier: Notifier
    public let staffEmail: String?
    public let clock: @Sendable () -> Date

    public init(database: AppDatabase, notifier: Notifier, staffEmail: String?, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.notifier = notifier
        self.staffEmail = staffEmail
        self.clock = clock
    }

    /// The group (or what is asked of it) does not exist for this person.
    public struct NotFound: Error, Equatable {}

    /// What describes a group, checked by the form.
    public struct Fields: Sendable, Equatable {
        public var title: String
        public var audience: String
        public var description: String
        /// Nil: national.
        public var regionCode: String?
        public var capacity: Int
        public var admission: GroupAdmission

        public init(title: String, audience: String, description: String, regionCode: String?, capacity: Int, admission: GroupAdmission) {
            self.title = title
            self.audience = audience
            self.description = description
            self.regionCode = regionCode
            self.capacity = capacity
            self.admission = admission
        }
    }

    // MARK: Creating

    /// Staff create an active group whose référent is the member of address `referentEmail`.
    @discardableResult
    public func create(_ fields: Fields, referentEmail: String, by staff: User, address: String) async throws -> Int64 {
        let now = clock()
        return try await database.write { db in
            guard let referent = try AppDatabase.userAccount(email: referentEmail, in: db), let referentId = referent.id else {
                throw GroupRules.Refusal.unknownAccount
            }
            guard GroupRules.mayBeMember(referent.role) else { throw GroupRules.Refusal.cannotBeMember }
            var group = ExchangeGroup(title: fields.title, audience: fields.audience, description: fields.description, regionCode: fields.regionCode,
                                      capacity: fields.capacity, admission: fields.admission, status: .active, createdAt: now)
            group.decidedAt = now
            group.decidedByUserId = staff.id
            try group.insert(db)
            guard let groupId = group.id else { throw NotFound() }
            var member = GroupMember(groupId: groupId, userId: referentId, status: .member, referent: true, createdAt: now)
            try member.insert(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: staff.id, actorEmail: staff.email, action: .groupCreated,
                                             target: "groupe \(groupId)", address: address, detail: "référent utilisateur \(referentId)"), in: db)
            try tell(.groupDecision, to: referent, groupId: groupId, values: ["approved": true, "created": true], link: .group(groupId), now: now, in: db)
            return groupId
        }
    }

    /// A member proposes a group; they are its référent once staff approve it. Staff are told.
    @discardableResult
    public func propose(_ fields: Fields, by user: User, address: String) async throws -> Int64 {
        let now = clock()
        guard GroupRules.mayPropose(user.role), let userId = user.id else { throw GroupRules.Refusal.notMember }
        return try await database.write { db in
            var group = ExchangeGroup(title: fields.title, audience: fields.audience, description: fields.description, regionCode: fields.regionCode,
                                      capacity: fields.capacity, admission: fields.admission, status: .proposed, createdAt: now)
            group.proposedByUserId = userId
            try group.insert(db)
            guard let groupId = group.id else { throw NotFound() }
            var member = GroupMember(groupId: groupId, userId: userId, status: .member, referent: true, createdAt: now)
            try member.insert(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: .groupProposed,
                                             target: "groupe \(groupId)", address: address), in: db)
            if let staffEmail {
                try notifier.notify(.groupProposed, to: staffEmail, link: .staffGroup(groupId), date: now, in: db)
            }
            return groupId
        }
    }

    /// Staff approve or turn down a proposal; its author is told.
    public func decide(groupId: Int64, approve: Bool, by staff: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard var group = try ExchangeGroup.fetchOne(db, key: groupId) else { throw NotFound() }
            guard group.status == .proposed else { throw GroupRules.Refusal.notActive }
            group.status = approve ? .active : .declined
            group.decidedAt = now
            group.decidedByUserId = staff.id
            try group.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: staff.id, actorEmail: staff.email, action: approve ? .groupApproved : .groupDeclined,
                                             target: "groupe \(groupId)", address: address), in: db)
            if let proposer = try group.proposedByUserId.flatMap({ try User.fetchOne(db, key: $0) }) {
                try tell(.groupDecision, to: proposer, groupId: groupId, values: ["approved": approve], link: approve ? .group(groupId) : .groups,
                         now: now, in: db)
            }
        }
    }

    // MARK: Joining

    /// What asking to join did.
    public enum JoinOutcome: Sendable, Equatable {
        /// The référent will decide.
        case requested
        /// An invitation was waiting: the person is in.
        case joined
    }

    /// `user` asks to join an open group (or accepts the invitation they had). The référents are told.
    @discardableResult
    public func requestToJoin(groupId: Int64, user: User, address: String) async throws -> JoinOutcome {
        let now = clock()
        return try await database.write { db in
            guard let userId = user.id, let group = try ExchangeGroup.fetchOne(db, key: groupId) else { throw NotFound() }
            let existing = try AppDatabase.membership(groupId: groupId, userId: userId, in: db)
            // A group by invitation is not there for someone not invited.
            if group.admission == .invitation, existing?.status != .invited, existing?.status != .member { throw NotFound() }
            let members = try AppDatabase.memberCount(groupId: groupId, in: db)
            if let refusal = GroupRules.requestRefusal(role: user.role, status: group.status, admission: group.admission, current: existing?.status,
                                                       members: members, capacity: group.capacity) {
                throw refusal
            }
            if existing?.status == .invited {
                try admit(existing, group: group, user: user, now: now, in: db)
                try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: .groupInvitationAnswered,
                                                 target: "groupe \(groupId)", address: address, detail: "acceptée"), in: db)
                return .joined
            }
            var member = existing ?? GroupMember(groupId: groupId, userId: userId, status: .requested, createdAt: now)
            member.status = .requested
            member.createdAt = now
            try member.save(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: .groupJoinRequested,
                                             target: "groupe \(groupId)", address: address), in: db)
            for referent in try AppDatabase.groupMemberAccounts(groupId: groupId, referentsOnly: true, in: db) {
                try tell(.groupJoinRequest, to: referent, groupId: groupId, link: .group(groupId), now: now, in: db)
            }
            return .requested
        }
    }

    /// The référent accepts or declines the request `memberId`; the person is told.
    public func decideRequest(groupId: Int64, memberId: Int64, accept: Bool, by referent: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            let group = try Self.referentGroup(groupId: groupId, user: referent, in: db)
            guard var member = try GroupMember.fetchOne(db, key: memberId), member.groupId == groupId, member.status == .requested,
                  let person = try User.fetchOne(db, key: member.userId) else { throw NotFound() }
            if accept {
                if let refusal = GroupRules.admissionRefusal(status: group.status, members: try AppDatabase.memberCount(groupId: groupId, in: db),
                                                             capacity: group.capacity) {
                    throw refusal
                }
                try admit(member, group: group, user: person, now: now, in: db)
            } else {
                member.status = .declined
                try member.update(db)
            }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: referent.id, actorEmail: referent.email, action: .groupMemberDecided,
                                             target: "groupe \(groupId)", address: address,
                                             detail: "utilisateur \(member.userId) \(accept ? "accepté" : "refusé")"), in: db)
            try tell(.groupAdmission, to: person, groupId: groupId, values: ["accepted": accept], link: accept ? .group(groupId) : .groups,
                     now: now, in: db)
        }
    }

    /// The référent invites the account of address `email`; the person answers on `/groupes`.
    public func invite(groupId: Int64, email: String, by referent: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            let group = try Self.referentGroup(groupId: groupId, user: referent, in: db)
            guard let person = try AppDatabase.userAccount(email: email, in: db), let personId = person.id else { throw GroupRules.Refusal.unknownAccount }
            let existing = try AppDatabase.membership(groupId: groupId, userId: personId, in: db)
            if let refusal = GroupRules.invitationRefusal(role: person.role, status: group.status, current: existing?.status,
                                                          members: try AppDatabase.memberCount(groupId: groupId, in: db), capacity: group.capacity) {
                throw refusal
            }
            // Someone who asked is simply taken in.
            if existing?.status == .requested {
                try admit(existing, group: group, user: person, now: now, in: db)
                try tell(.groupAdmission, to: person, groupId: groupId, values: ["accepted": true], link: .group(groupId), now: now, in: db)
            } else {
                var member = existing ?? GroupMember(groupId: groupId, userId: personId, status: .invited, createdAt: now)
                member.status = .invited
                member.createdAt = now
                try member.save(db)
                try tell(.groupInvitation, to: person, groupId: groupId, link: .groups, now: now, in: db)
            }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: referent.id, actorEmail: referent.email, action: .groupInvited,
                                             target: "groupe \(groupId)", address: address, detail: "utilisateur \(personId)"), in: db)
        }
    }

    /// `user` accepts or declines the invitation they hold.
    public func answerInvitation(groupId: Int64, accept: Bool, user: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard let userId = user.id, let group = try ExchangeGroup.fetchOne(db, key: groupId),
                  var member = try AppDatabase.membership(groupId: groupId, userId: userId, in: db), member.status == .invited else {
                throw GroupRules.Refusal.notInvited
            }
            if accept {
                if let refusal = GroupRules.admissionRefusal(status: group.status, members: try AppDatabase.memberCount(groupId: groupId, in: db),
                                                             capacity: group.capacity) {
                    throw refusal
                }
                try admit(member, group: group, user: user, now: now, in: db)
            } else {
                member.status = .declined
                try member.update(db)
            }
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: .groupInvitationAnswered,
                                             target: "groupe \(groupId)", address: address, detail: accept ? "acceptée" : "refusée"), in: db)
        }
    }

    /// One mail per event, or the weekly digest.
    public func setDigest(_ digest: Bool, user: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard let userId = user.id else { throw NotFound() }
            try AppDatabase.setGroupDigest(userId: userId, digest: digest, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: userId, actorEmail: user.email, action: .groupMailChanged,
                                             address: address, detail: digest ? "résumé hebdomadaire" : "un message par événement"), in: db)
        }
    }

    // MARK: Pieces

    /// Makes `member` (or a new row) a member of `group`.
    func admit(_ existing: GroupMember?, group: ExchangeGroup, user: User, now: Date, in db: Database) throws {
        guard let groupId = group.id, let userId = user.id else { throw NotFound() }
        var member = existing ?? GroupMember(groupId: groupId, userId: userId, status: .member, createdAt: now)
        member.status = .member
        member.joinedAt = now
        try member.save(db)
    }

    /// The group `groupId` when `user` is one of its members; `NotFound` otherwise.
    static func memberGroup(groupId: Int64, user: User, in db: Database) throws -> (ExchangeGroup, GroupMember) {
        guard let userId = user.id, let member = try AppDatabase.membership(groupId: groupId, userId: userId, in: db), member.status == .member,
              let group = try ExchangeGroup.fetchOne(db, key: groupId) else { throw NotFound() }
        return (group, member)
    }

    /// The group `groupId` when `user` is one of its référents: `NotFound` for a non-member, a refusal for a member.
    static func referentGroup(groupId: Int64, user: User, in db: Database) throws -> ExchangeGroup {
        let (group, member) = try memberGroup(groupId: groupId, user: user, in: db)
        guard member.referent else { throw GroupRules.Refusal.notReferent }
        return group
    }

    /// Tells `user` of an event of their group: a mail now, or a line of their next weekly digest.
    func tell(_ kind: MailKind, to user: User, groupId: Int64, values: [String: Any] = [:], link: SiteURL, attachments: [MailAttachment] = [],
              now: Date, in db: Database) throws {
        guard let userId = user.id else { return }
        if try AppDatabase.groupDigest(userId: userId, in: db) {
            try AppDatabase.addDigestItem(userId: userId, groupId: groupId, kind: kind, at: now, in: db)
        } else {
            try notifier.notify(kind, to: user.notificationEmail, greeting: user.name, values: values, link: link, attachments: attachments,
                                date: now, in: db)
        }
    }
}
