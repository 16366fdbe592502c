import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// The list of experts staff keep: only those listed (and active) can be asked for an avis.
extension ReferralService {
    public struct ExpertForm: Sendable {
        public var name: String
        public var field: ExpertField
        public var organisation: String
        public var regions: [String]
        /// The partner or network they come from, where there is one.
        public var partnerId: Int64?
        public var networkId: Int64?

        public init(name: String, field: ExpertField, organisation: String, regions: [String], partnerId: Int64? = nil, networkId: Int64? = nil) {
            self.name = name
            self.field = field
            self.organisation = organisation
            self.regions = regions
            self.partnerId = partnerId
            self.networkId = networkId
        }
    }

    public enum ExpertError: Error, Equatable {
        /// The address belongs to an account that is not an expert's (a director, a correspondent).
        case addressTaken
        /// This account is already on the list.
        case alreadyListed
    }

    /// Adds an expert: a new account with the role `expert` and its invitation mail, or an expert's
    /// account that exists and is not listed yet.
    public func addExpert(email: String, _ form: ExpertForm, accounts: AccountService, by staff: User, address: String) async throws -> Int64 {
        let now = clock()
        let normalized = email.lowercased()
        if try await database.user(email: normalized) == nil {
            _ = try await accounts.invite(email: normalized, name: form.name, role: .expert, correspondentId: nil, invitedBy: staff.email)
        }
        return try await database.write { db in
            guard let user = try User.filter(User.Columns.email == normalized).fetchOne(db), user.role == .expert else { throw ExpertError.addressTaken }
            guard try Expert.filter(Expert.Columns.userId == user.id).fetchCount(db) == 0 else { throw ExpertError.alreadyListed }
            var expert = Expert(userId: user.id, name: form.name, field: form.field, organisation: form.organisation, regions: form.regions, createdAt: now)
            expert.partnerId = form.partnerId
            expert.networkId = form.networkId
            try expert.insert(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: staff.id, actorEmail: staff.email, action: .expertAdded,
                                             target: "expert \(expert.id!)", address: address, detail: "\(form.field.rawValue), \(user.email)"), in: db)
            return expert.id!
        }
    }

    /// Changes an expert's card; a deactivated expert can no longer be asked, and loses access to the
    /// requests addressed to them (`forExpert` checks `active`).
    public func updateExpert(id: Int64, _ form: ExpertForm, active: Bool, by staff: User, address: String) async throws {
        let now = clock()
        try await database.write { db in
            guard var expert = try Expert.fetchOne(db, key: id) else { throw Refusal(reason: .notFound) }
            expert.name = form.name
            expert.field = form.field
            expert.organisation = form.organisation
            expert.regions = form.regions.sorted().joined(separator: " ")
            expert.partnerId = form.partnerId
            expert.networkId = form.networkId
            expert.active = active
            try expert.update(db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: staff.id, actorEmail: staff.email, action: .expertChanged,
                                             target: "expert \(id)", address: address, detail: active ? form.field.rawValue : "désactivé"), in: db)
        }
    }
}
