import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) import RelaisStore

/// Staff keep the network: partners, networks and ateliers. Each save is one transaction with its
/// audit line; a record saved here is marked as edited in Relais, so `relais seed` leaves it alone.
public struct NetworkEditing: Sendable {
    public let database: AppDatabase
    /// A larger capacity gives places to the waiting list, in the same transaction.
    public let ateliers: AtelierService
    public let clock: @Sendable () -> Date

    public init(database: AppDatabase, ateliers: AtelierService, clock: @escaping @Sendable () -> Date) {
        self.database = database
        self.ateliers = ateliers
        self.clock = clock
    }

    /// A partner as the staff form gives it, already checked.
    public struct PartnerInput: Sendable {
        public var name: String
        public var kind: PartnerKind
        public var national: Bool
        public var contactName: String
        public var email: String
        public var phone: String
        public var website: String
        public var offer: String
        public var description: String
        public var archived: Bool
        public var axes: [Axis]
        /// Région codes; ignored for a national partner.
        public var regions: [String]

        public init(name: String, kind: PartnerKind, national: Bool, contactName: String, email: String, phone: String, website: String,
                    offer: String, description: String, archived: Bool, axes: [Axis], regions: [String]) {
            self.name = name
            self.kind = kind
            self.national = national
            self.contactName = contactName
            self.email = email
            self.phone = phone
            self.website = website
            self.offer = offer
            self.description = description
            self.archived = archived
            self.axes = axes
            self.regions = regions
        }
    }

    /// Creates (`id` nil) or updates a partner; returns its id.
    public func savePartner(id: Int64?, _ input: PartnerInput, by user: User, address: String) async throws -> Int64 {
        let now = clock()
        return try await database.write { db in
            var partner = try id.flatMap { try Partner.fetchOne(db, key: $0) }
                ?? Partner(key: Self.newKey(), name: "", kind: input.kind, national: false, contactName: "", email: "",
                           phone: "", website: "", offer: "", description: "", archived: false)
            partner.name = input.name; partner.kind = input.kind; partner.national = input.national; partner.contactName = input.contactName
            partner.email = input.email; partner.phone = input.phone; partner.website = input.website; partner.offer = input.offer
            partner.description = input.description; partner.archived = input.archived; partner.seedHash = SeedImporter.editedInRelais
            try partner.save(db)
            let partnerId = partner.id!
            try AppDatabase.setPartnerAxes(input.axes, regions: input.national ? [] : input.regions, partnerId: partnerId, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email,
                                             action: id == nil ? AuditAction.partnerCreated : AuditAction.partnerChanged,
                                             target: "partenaire \(partnerId)", address: address, detail: input.archived ? "archivé" : ""), in: db)
            return partnerId
        }
    }

    /// An atelier as the staff form gives it, already checked; times are Paris local (`2026-12-03T18:30`).
    public struct AtelierInput: Sendable {
        public var title: String
        public var axis: Axis
        public var startsAt: String
        public var endsAt: String
        public var place: String
        public var online: Bool
        public var regionCode: String?
        public var networkId: Int64?
        public var description: String
        public var archived: Bool
        /// Places; nil: no limit.
        public var capacity: Int?
        /// The visio link or the exact address, for the people registered.
        public var accessDetails: String

        public init(title: String, axis: Axis, startsAt: String, endsAt: String, place: String, online: Bool, regionCode: String?,
                    networkId: Int64?, description: String, archived: Bool, capacity: Int? = nil, accessDetails: String = "") {
            self.capacity = capacity
            self.accessDetails = accessDetails
            self.title = title
            self.axis = axis
            self.startsAt = startsAt
            self.endsAt = endsAt
            self.place = place
            self.online = online
            self.regionCode = regionCode
            self.networkId = networkId
            self.description = description
            self.archived = archived
        }
    }

    /// Creates (`id` nil) or updates an atelier; returns its id.
    public func saveAtelier(id: Int64?, _ input: AtelierInput, by user: User, address: String) async throws -> Int64 {
        let now = clock()
        return try await database.write { db in
            var atelier = try id.flatMap { try Atelier.fetchOne(db, key: $0) }
                ?? Atelier(key: Self.newKey(), title: "", axis: input.axis, startsAt: input.startsAt, endsAt: input.endsAt, place: "",
                           online: input.online, description: "", archived: false)
            atelier.title = input.title; atelier.axis = input.axis; atelier.startsAt = input.startsAt; atelier.endsAt = input.endsAt
            atelier.place = input.place; atelier.online = input.online; atelier.regionCode = input.regionCode; atelier.networkId = input.networkId
            atelier.description = input.description; atelier.archived = input.archived; atelier.seedHash = SeedImporter.editedInRelais
            atelier.capacity = input.capacity; atelier.accessDetails = input.accessDetails
            try atelier.save(db)
            try ateliers.fillPlaces(atelier, now: now, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email,
                                             action: id == nil ? AuditAction.atelierCreated : AuditAction.atelierChanged,
                                             target: "atelier \(atelier.id!)", address: address), in: db)
            return atelier.id!
        }
    }

    /// A network as the staff form gives it, already checked.
    public struct NetworkInput: Sendable {
        public var name: String
        public var acronym: String
        public var kind: NetworkKind
        public var website: String
        public var description: String
        public var role: String
        public var archived: Bool
        public var axes: Set<Axis>

        public init(name: String, acronym: String, kind: NetworkKind, website: String, description: String, role: String, archived: Bool,
                    axes: Set<Axis>) {
            self.name = name
            self.acronym = acronym
            self.kind = kind
            self.website = website
            self.description = description
            self.role = role
            self.archived = archived
            self.axes = axes
        }
    }

    /// Creates (`id` nil) or updates a network; returns its id.
    public func saveNetwork(id: Int64?, _ input: NetworkInput, by user: User, address: String) async throws -> Int64 {
        let now = clock()
        return try await database.write { db in
            var network = try id.flatMap { try Network.fetchOne(db, key: $0) }
                ?? Network(slug: Self.newKey(), name: "", acronym: "", kind: input.kind, website: "", description: "", role: "", archived: false)
            network.name = input.name; network.acronym = input.acronym; network.kind = input.kind; network.website = input.website
            network.description = input.description; network.role = input.role; network.archived = input.archived
            network.seedHash = SeedImporter.editedInRelais
            try network.save(db)
            try AppDatabase.setNetworkAxes(Axis.allCases.filter(input.axes.contains), networkId: network.id!, in: db)
            try AppDatabase.audit(AuditEvent(at: now, actorUserId: user.id, actorEmail: user.email,
                                             action: id == nil ? AuditAction.networkCreated : AuditAction.networkChanged,
                                             target: "réseau \(network.id!)", address: address), in: db)
            return network.id!
        }
    }

    /// The key of a record made in Relais rather than by the seeds: never one the seeds use.
    static func newKey() -> String {
        "equipe-" + SecretToken.make().prefix(12).lowercased()
    }
}
