import Foundation
import GRDB
import RelaisCore
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Network editing: partners, ateliers, networks")
struct NetworkEditingTests {
    static func partner(name: String = "Cabinet Émeraude", national: Bool = false, archived: Bool = false, axes: [Axis] = [.juridique, .trajectoires],
                        regions: [String] = ["84", "11"]) -> NetworkEditing.PartnerInput {
        NetworkEditing.PartnerInput(name: name, kind: .avocat, national: national, contactName: "Maître Dupuis", email: "contact@emeraude.example",
                                    phone: "01 23 45 67 89", website: "https://emeraude.example", offer: "Premier rendez-vous offert.",
                                    description: "Droit de la fonction publique territoriale.", archived: archived, axes: axes, regions: regions)
    }

    /// A partner's axes and régions as stored, sorted.
    func coverage(partner id: Int64, in database: AppDatabase) async throws -> (axes: [String], regions: [String]) {
        try await database.reader.read { db in
            (try String.fetchAll(db, sql: "SELECT axis FROM partnerAxis WHERE partnerId = ? ORDER BY axis", arguments: [id]),
             try String.fetchAll(db, sql: "SELECT regionCode FROM partnerRegion WHERE partnerId = ? ORDER BY regionCode", arguments: [id]))
        }
    }

    @Test("a new partner is stored with its axes and régions, marked as edited in Relais, and audited as created")
    func createPartner() async throws {
        // setup
        let world = try await World.make()

        // MUT
        let id = try await world.useCases.network.savePartner(id: nil, Self.partner(), by: world.staff, address: World.address)

        // validate
        let stored = try #require(try await world.database.reader.read { db in try Partner.fetchOne(db, key: id) })
        #expect(stored.name == "Cabinet Émeraude" && stored.kind == .avocat && !stored.national && !stored.archived)
        #expect(stored.key.hasPrefix("equipe-"), "never a key the seeds use")
        #expect(stored.seedHash == SeedImporter.editedInRelais)
        let coverage = try await coverage(partner: id, in: world.database)
        #expect(coverage.axes == ["juridique", "trajectoires"])
        #expect(coverage.regions == ["11", "84"])
        let line = try #require(try world.audit(.partnerCreated).first)
        #expect(line.target == "partenaire \(id)" && line.actorEmail == world.staff.email && line.address == World.address)
    }

    @Test("updating a partner replaces its axes; a national partner keeps no région; archiving is said in the audit line")
    func updatePartner() async throws {
        let world = try await World.make()
        let network = world.useCases.network
        let id = try await network.savePartner(id: nil, Self.partner(), by: world.staff, address: World.address)

        let same = try await network.savePartner(id: id, Self.partner(name: "Cabinet Émeraude et associés", national: true, archived: true,
                                                                     axes: [.solidarite], regions: ["84"]),
                                                 by: world.reviewer, address: World.address)

        #expect(same == id)
        let stored = try #require(try await world.database.reader.read { db in try Partner.fetchOne(db, key: id) })
        #expect(stored.name == "Cabinet Émeraude et associés" && stored.national && stored.archived)
        let coverage = try await coverage(partner: id, in: world.database)
        #expect(coverage.axes == ["solidarite"])
        #expect(coverage.regions.isEmpty)
        let line = try #require(try world.audit(.partnerChanged).first)
        #expect(line.target == "partenaire \(id)" && line.detail == "archivé" && line.actorEmail == world.reviewer.email)
        #expect(try world.audit(.partnerCreated).count == 1)
    }

    @Test("an atelier is created, then updated in place, each with its audit line")
    func atelier() async throws {
        let world = try await World.make()
        let network = world.useCases.network
        let networkId = try #require(try await world.database.networksByName().first?.id)
        var input = NetworkEditing.AtelierInput(title: "Préparer son entretien", axis: .juridique, startsAt: "2026-12-20T18:00",
                                                endsAt: "2026-12-20T19:30", place: "Lyon", online: false, regionCode: "84", networkId: networkId,
                                                description: "Une heure et demie.", archived: false)

        let id = try await network.saveAtelier(id: nil, input, by: world.staff, address: World.address)
        input.title = "Préparer son entretien préalable"
        input.online = true
        input.regionCode = nil
        let same = try await network.saveAtelier(id: id, input, by: world.staff, address: World.address)

        #expect(same == id)
        let stored = try #require(try await world.database.atelier(id: id))
        #expect(stored.title == "Préparer son entretien préalable" && stored.online && stored.regionCode == nil)
        #expect(stored.networkId == networkId && stored.startsAt == "2026-12-20T18:00" && stored.endsAt == "2026-12-20T19:30")
        #expect(stored.seedHash == SeedImporter.editedInRelais && stored.key.hasPrefix("equipe-"))
        #expect(try world.audit(.atelierCreated).map(\.target) == ["atelier \(id)"])
        #expect(try world.audit(.atelierChanged).map(\.target) == ["atelier \(id)"])
    }

    @Test("a network is created with its axes, which an update replaces, each save audited")
    func networkAxes() async throws {
        let world = try await World.make()
        let editing = world.useCases.network
        var input = NetworkEditing.NetworkInput(name: "Réseau des DG en transition", acronym: "RDGT", kind: .associationProfessionnelle,
                                                website: "https://rdgt.example", description: "Un réseau.", role: "Entraide.", archived: false,
                                                axes: [.reseaux, .solidarite])

        let id = try await editing.saveNetwork(id: nil, input, by: world.staff, address: World.address)
        let created = try #require(try await world.database.network(id: id))
        #expect(created.0.name == "Réseau des DG en transition" && created.0.kind == .associationProfessionnelle)
        #expect(Set(created.1) == [.reseaux, .solidarite])

        input.axes = [.trajectoires]
        input.archived = true
        #expect(try await editing.saveNetwork(id: id, input, by: world.staff, address: World.address) == id)

        let updated = try #require(try await world.database.network(id: id))
        #expect(updated.1 == [.trajectoires])
        #expect(updated.0.archived && updated.0.seedHash == SeedImporter.editedInRelais)
        #expect(try world.audit(.networkCreated).map(\.target) == ["réseau \(id)"])
        #expect(try world.audit(.networkChanged).map(\.target) == ["réseau \(id)"])
    }
}
