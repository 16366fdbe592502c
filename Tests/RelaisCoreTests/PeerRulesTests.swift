import Foundation
@testable import RelaisCore
import Testing

@Suite("Pairs: who is proposed, and how long an exchange lasts")
struct PeerRulesTests {
    static func candidate(_ id: Int64, _ experiences: [PeerExperience] = [.finDeFonctions], kind: PeerCollectiviteKind = .commune,
                          employer: String? = nil, employerName: String = "", departement: String? = "69", paused: Bool = false,
                          canSignIn: Bool = true, load: Int = 0) -> PeerRules.Candidate {
        PeerRules.Candidate(userId: id, experiences: experiences, kind: kind, employerCode: employer ?? "E\(id)", employerName: employerName,
                            departementCode: departement, paused: paused, canSignIn: canSignIn, load: load)
    }

    static func ask(same: Bool = false, excluded: Set<Int64> = [], employer: String? = "E0", employerName: String = "Mairie de Zéphyr",
                    kind: PeerCollectiviteKind? = .commune) -> PeerRules.Ask {
        PeerRules.Ask(userId: 1, experience: .finDeFonctions, employerCode: employer, employerName: employerName, departementCode: "33",
                      kind: kind, sameDepartementAllowed: same, excluded: excluded)
    }

    @Test("never the director, the same employer, a paused or full pair, one who cannot sign in, or one already asked")
    func exclusions() {
        let ask = Self.ask(excluded: [7])
        #expect(!PeerRules.isEligible(Self.candidate(1), for: ask), "the director themselves")
        #expect(!PeerRules.isEligible(Self.candidate(2, employer: "E0"), for: ask), "the same employer")
        #expect(!PeerRules.isEligible(Self.candidate(3, paused: true), for: ask))
        #expect(!PeerRules.isEligible(Self.candidate(4, load: PeerRules.maximumLoad), for: ask))
        #expect(PeerRules.isEligible(Self.candidate(4, load: PeerRules.maximumLoad - 1), for: ask))
        #expect(!PeerRules.isEligible(Self.candidate(5, canSignIn: false), for: ask))
        #expect(!PeerRules.isEligible(Self.candidate(6, []), for: ask), "a profile without any situation")
        #expect(!PeerRules.isEligible(Self.candidate(7), for: ask), "already asked, or declined")
        #expect(PeerRules.isEligible(Self.candidate(8), for: ask))
    }

    @Test("the same employer is found by its code, or by its typed name when either has no code")
    func sameEmployer() {
        #expect(PeerRules.sameEmployer("123", "", "123", "Autre nom"))
        #expect(!PeerRules.sameEmployer("123", "Mairie de Zéphyr", "456", "Mairie de Zéphyr"), "two codes decide")
        #expect(PeerRules.sameEmployer(nil, "Mairie de  Zéphyr", "456", "mairie de zephyr"))
        #expect(!PeerRules.sameEmployer(nil, "", nil, ""), "two empty names are not an employer")
        let ask = Self.ask(employer: nil, employerName: "Syndicat mixte Zéphyrin")
        #expect(!PeerRules.isEligible(Self.candidate(9, employer: nil, employerName: "syndicat mixte zephyrin"), for: ask))
    }

    @Test("the same département only when the director asks for it")
    func departement() {
        let sameDepartement = Self.candidate(10, departement: "33")
        #expect(!PeerRules.isEligible(sameDepartement, for: Self.ask()))
        #expect(PeerRules.isEligible(sameDepartement, for: Self.ask(same: true)))
        #expect(PeerRules.isEligible(Self.candidate(11, departement: nil), for: Self.ask()), "a pair without département is not excluded by it")
    }

    @Test("three at most: the same situation first, then the least loaded, then the same kind of collectivité")
    func order() {
        let candidates = [
            Self.candidate(20, [.conflit], load: 0),
            Self.candidate(21, [.finDeFonctions], kind: .region, load: 2),
            Self.candidate(22, [.finDeFonctions, .conflit], kind: .region, load: 0),
            Self.candidate(23, [.finDeFonctions], kind: .commune, load: 0),
            Self.candidate(24, [.finDeFonctions], employer: "E0", load: 0),
        ]
        let proposed = PeerRules.propose(candidates, for: Self.ask()).map(\.userId)
        #expect(proposed == [23, 22, 21], "same situation (commune first at equal load), then the loaded one; a different situation after")
        #expect(PeerRules.propose(Array(candidates.prefix(1)), for: Self.ask()).map(\.userId) == [20], "another situation when nobody lived it")
    }

    @Test("load spreads: among equals, each director gets a stable order of their own")
    func spread() {
        let candidates = (30...39).map { Self.candidate(Int64($0)) }
        var firsts = Set<Int64>()
        for director in Int64(100)...Int64(130) {
            var ask = Self.ask()
            ask.userId = director
            let once = PeerRules.propose(candidates, for: ask).map(\.userId)
            #expect(once == PeerRules.propose(candidates, for: ask).map(\.userId), "stable for one director")
            firsts.insert(once[0])
        }
        #expect(firsts.count >= 5, "not always the same first pair: \(firsts)")
    }

    @Test("an exchange lasts three months, renewable in its last thirty days or the thirty after")
    func duration() throws {
        let accepted = try #require(Day(iso: "2026-12-02"))
        let end = PeerRules.endsOn(acceptedOn: accepted)
        #expect(end.iso == "2027-03-02")
        #expect(PeerRules.stage(.accepted, endsOn: end, today: end) == .running)
        #expect(PeerRules.stage(.accepted, endsOn: end, today: try #require(end.adding(days: 1))) == .expired)
        #expect(PeerRules.renewed(.accepted, endsOn: end, today: accepted) == nil, "too early")
        #expect(PeerRules.renewed(.accepted, endsOn: end, today: try #require(end.adding(days: -30)))?.iso == "2027-06-02")
        #expect(PeerRules.renewed(.accepted, endsOn: end, today: try #require(end.adding(days: 30)))?.iso == "2027-07-01",
                "after the end, three months from the day renewed")
        #expect(PeerRules.renewed(.accepted, endsOn: end, today: try #require(end.adding(days: 31))) == nil, "too late")
        #expect(PeerRules.renewed(.ended, endsOn: end, today: end) == nil)
        #expect(PeerRules.renewed(.pending, endsOn: nil, today: end) == nil)
    }

    @Test("members volunteer and ask; staff and experts do not")
    func members() {
        #expect(PeerRules.isMember(.demandeur) && PeerRules.isMember(.correspondant))
        #expect(!PeerRules.isMember(.equipe) && !PeerRules.isMember(.admin) && !PeerRules.isMember(.expert))
        #expect(Policy.decide(Policy.Actor(userId: 1, role: .equipe, secondFactor: true), .usePeerSupport) == .notFound)
        #expect(Policy.decide(nil, .usePeerSupport) == .signIn)
    }

    @Test("the situations are the parcours' slugs, stored in a fixed order")
    func experiences() {
        #expect(PeerExperience.stored([.conflit, .finDeFonctions]) == "fin-de-fonctions,conflit-harcelement")
        #expect(PeerExperience.list("conflit-harcelement,inconnue,fin-de-fonctions") == [.conflit, .finDeFonctions])
        #expect(PeerCollectiviteKind(territoryKind: "CA") == .intercommunalite)
        #expect(PeerCollectiviteKind(territoryKind: "commune") == .commune)
        #expect(PeerCollectiviteSize(population: 3_499) == .moins3500 && PeerCollectiviteSize(population: 3_500) == .de3500a20000)
    }

    @Test("« remontées »: the themes that grow, most growth first; only members send them")
    func growingThemes() {
        let trends = [
            ObservationRules.ThemeTrend(theme: .textes, recent: 2, previous: 2),
            ObservationRules.ThemeTrend(theme: .finDeFonctions, recent: 5, previous: 2),
            ObservationRules.ThemeTrend(theme: .sante, recent: 4, previous: 0),
            ObservationRules.ThemeTrend(theme: .reorganisations, recent: 3, previous: 0),
            ObservationRules.ThemeTrend(theme: .mobilite, recent: 0, previous: 4),
        ]
        #expect(ObservationRules.growing(trends).map(\.theme) == [.sante, .finDeFonctions, .reorganisations], "+4, then +3 with more recent ones")
        #expect(ObservationRules.growing(trends, limit: 1).map(\.theme) == [.sante])
        #expect(ObservationRules.mayObserve(.correspondant) && ObservationRules.mayObserve(.demandeur))
        #expect(!ObservationRules.mayObserve(.equipe) && !ObservationRules.mayObserve(.expert))
    }
}
