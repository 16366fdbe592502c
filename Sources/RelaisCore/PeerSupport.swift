import Foundation

/// What a pair (« pair aidant ») has lived through and can talk about. The raw values are the slugs of
/// the parcours situations that match, so a situation's page can ask for a pair who lived it.
public enum PeerExperience: String, Sendable, Hashable, CaseIterable, Codable {
    case finDeFonctions = "fin-de-fonctions"
    case confianceDegradee = "confiance-degradee"
    case nouvelleEquipe = "nouvelle-equipe"
    case miseALEcart = "mise-a-l-ecart"
    case conflit = "conflit-harcelement"
    case reorganisation = "reorganisation-territoriale"
    case sansPoste = "sans-poste"
    case changerDePoste = "changer-de-poste"
    case epuisement

    public var label: String {
        switch self {
        case .finDeFonctions: "Une fin de fonctions (décharge, non-renouvellement)"
        case .confianceDegradee: "Une relation de confiance dégradée avec l’exécutif"
        case .nouvelleEquipe: "L’arrivée d’une nouvelle équipe élue"
        case .miseALEcart: "Une mise à l’écart"
        case .conflit: "Un conflit ou un harcèlement"
        case .reorganisation: "Une fusion ou une réorganisation territoriale"
        case .sansPoste: "Une période sans poste (surnombre, prise en charge)"
        case .changerDePoste: "Un changement de poste ou de métier"
        case .epuisement: "Un épuisement professionnel"
        }
    }

    /// The stored list (`peerVolunteer.experiences`): raw values separated by commas, unknown ones dropped.
    public static func list(_ stored: String) -> [PeerExperience] {
        stored.split(separator: ",").compactMap { PeerExperience(rawValue: String($0)) }
    }

    public static func stored(_ list: [PeerExperience]) -> String {
        allCases.filter(list.contains).map(\.rawValue).joined(separator: ",")
    }
}

/// The kind of collectivité a pair worked in, as they describe it.
public enum PeerCollectiviteKind: String, Sendable, Hashable, CaseIterable, Codable {
    case commune
    case intercommunalite
    case departement
    case region
    case autre

    public var label: String {
        switch self {
        case .commune: "Commune"
        case .intercommunalite: "Intercommunalité (communauté, métropole)"
        case .departement: "Département"
        case .region: "Région"
        case .autre: "Autre établissement public local (SDIS, syndicat, centre de gestion…)"
        }
    }

    /// The kind of a collectivité of the territory's list (`collectivite.kind`: commune, CC, CA, CU, ME, departement, region…).
    public init(territoryKind: String) {
        switch territoryKind.uppercased() {
        case "COMMUNE": self = .commune
        case "CC", "CA", "CU", "ME", "EPT": self = .intercommunalite
        case "DEPARTEMENT": self = .departement
        case "REGION", "COLLECTIVITE_UNIQUE": self = .region
        default: self = .autre
        }
    }
}

/// The size of that collectivité, in inhabitants.
public enum PeerCollectiviteSize: String, Sendable, Hashable, CaseIterable, Codable {
    case moins3500 = "moins-3500"
    case de3500a20000 = "3500-20000"
    case de20000a100000 = "20000-100000"
    case plus100000 = "plus-100000"

    public var label: String {
        switch self {
        case .moins3500: "Moins de 3\u{202F}500 habitants"
        case .de3500a20000: "De 3\u{202F}500 à 20\u{202F}000 habitants"
        case .de20000a100000: "De 20\u{202F}000 à 100\u{202F}000 habitants"
        case .plus100000: "Plus de 100\u{202F}000 habitants"
        }
    }

    public init(population: Int) {
        switch population {
        case ..<3_500: self = .moins3500
        case ..<20_000: self = .de3500a20000
        case ..<100_000: self = .de20000a100000
        default: self = .plus100000
        }
    }
}

/// Where a director's request to a pair stands (`peerRequest.status`).
public enum PeerRequestStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Sent to the pair, who has not answered.
    case pending = "en-attente"
    /// The pair accepted: both write in the thread until `endsOn`.
    case accepted = "acceptee"
    /// The pair declined, with or without a reason.
    case declined = "declinee"
    /// The director took it back before the pair answered.
    case withdrawn = "retiree"
    /// One of the two ended the exchange.
    case ended = "terminee"
}

/// The rules of peer support, as pure functions of the facts and the day: who may volunteer or ask,
/// whom Relais proposes, how long an exchange lasts.
public enum PeerRules {
    /// How many pairs Relais proposes at once.
    public static let proposed = 3
    /// Exchanges (pending or running) a pair carries at most: beyond, they are not proposed.
    public static let maximumLoad = 3
    /// Running or awaited exchanges a director may have at once.
    public static let maximumPerDirector = 2
    /// An exchange lasts three months, and is renewed by as much.
    public static let months = 3
    /// How long before and after its end an exchange may be renewed.
    public static let renewalGraceDays = 30
    public static let presentationLimit = 800
    public static let availabilityLimit = 200
    public static let messageLimit = 2_000
    public static let reasonLimit = 500

    /// Who may volunteer as a pair or ask for one: the association's members.
    public static func isMember(_ role: Role) -> Bool {
        role == .demandeur || role == .correspondant
    }

    /// Where an exchange stands on `today`: an accepted one past its last day is over.
    public enum Stage: Sendable, Equatable {
        case pending
        case running
        /// Accepted, past its last day: read-only, renewable for `renewalGraceDays`.
        case expired
        case declined
        case withdrawn
        case ended

        public var label: String {
            switch self {
            case .pending: "En attente de la réponse du pair"
            case .running: "En cours"
            case .expired: "Terminé (durée écoulée)"
            case .declined: "Déclinée"
            case .withdrawn: "Retirée"
            case .ended: "Terminé"
            }
        }

        /// Whether the exchange still counts in a pair's or a director's load.
        public var isLive: Bool { self == .pending || self == .running }
    }

    public static func stage(_ status: PeerRequestStatus, endsOn: Day?, today: Day) -> Stage {
        switch status {
        case .pending: .pending
        case .accepted: (endsOn.map { today > $0 } ?? false) ? .expired : .running
        case .declined: .declined
        case .withdrawn: .withdrawn
        case .ended: .ended
        }
    }

    /// The last day of an exchange accepted on `today`.
    public static func endsOn(acceptedOn today: Day) -> Day {
        today.adding(months: months) ?? today
    }

    /// The new last day when one of the two renews on `today`, or nil when it may not be renewed: not
    /// accepted, ended, more than `renewalGraceDays` before its end (nothing to renew yet) or over for
    /// more than `renewalGraceDays`.
    public static func renewed(_ status: PeerRequestStatus, endsOn: Day?, today: Day) -> Day? {
        guard status == .accepted, let endsOn else { return nil }
        if today > endsOn, endsOn.days(until: today) > renewalGraceDays { return nil }
        if today <= endsOn, today.days(until: endsOn) > renewalGraceDays { return nil }
        let from = today > endsOn ? today : endsOn
        return from.adding(months: months)
    }

    // MARK: Matching

    /// A volunteer as matching sees them.
    public struct Candidate: Sendable, Equatable {
        public var userId: Int64
        public var experiences: [PeerExperience]
        public var kind: PeerCollectiviteKind
        public var employerCode: String?
        public var employerName: String
        public var departementCode: String?
        public var paused: Bool
        public var canSignIn: Bool
        /// Pending and running exchanges.
        public var load: Int

        public init(userId: Int64, experiences: [PeerExperience], kind: PeerCollectiviteKind, employerCode: String?, employerName: String,
                    departementCode: String?, paused: Bool, canSignIn: Bool, load: Int) {
            self.userId = userId
            self.experiences = experiences
            self.kind = kind
            self.employerCode = employerCode
            self.employerName = employerName
            self.departementCode = departementCode
            self.paused = paused
            self.canSignIn = canSignIn
            self.load = load
        }
    }

    /// The director asking, and what they ask.
    public struct Ask: Sendable, Equatable {
        public var userId: Int64
        public var experience: PeerExperience
        public var employerCode: String?
        public var employerName: String
        public var departementCode: String?
        public var kind: PeerCollectiviteKind?
        /// The director accepts a pair from their own département.
        public var sameDepartementAllowed: Bool
        /// Pairs already asked by this director (pending, running, or who declined): not proposed again.
        public var excluded: Set<Int64>

        public init(userId: Int64, experience: PeerExperience, employerCode: String?, employerName: String, departementCode: String?,
                    kind: PeerCollectiviteKind?, sameDepartementAllowed: Bool, excluded: Set<Int64>) {
            self.userId = userId
            self.experience = experience
            self.employerCode = employerCode
            self.employerName = employerName
            self.departementCode = departementCode
            self.kind = kind
            self.sameDepartementAllowed = sameDepartementAllowed
            self.excluded = excluded
        }
    }

    /// Whether two people work for the same employer: the same collectivité code, or, when either
    /// typed a name instead, the same name (case and accents aside).
    public static func sameEmployer(_ codeA: String?, _ nameA: String, _ codeB: String?, _ nameB: String) -> Bool {
        if let codeA, let codeB, !codeA.isEmpty, !codeB.isEmpty { return codeA == codeB }
        let a = Text.folded(nameA), b = Text.folded(nameB)
        return !a.isEmpty && a == b
    }

    /// Whether `candidate` may be proposed to `ask` at all. Never the director themselves, never someone
    /// of the same employer, never (unless asked) the same département, never a paused pair, a pair
    /// already asked, one who cannot sign in, or one at full load.
    public static func isEligible(_ candidate: Candidate, for ask: Ask) -> Bool {
        guard candidate.userId != ask.userId, !candidate.paused, candidate.canSignIn, candidate.load < maximumLoad,
              !ask.excluded.contains(candidate.userId), !candidate.experiences.isEmpty else { return false }
        if sameEmployer(candidate.employerCode, candidate.employerName, ask.employerCode, ask.employerName) { return false }
        if !ask.sameDepartementAllowed, let mine = ask.departementCode, let theirs = candidate.departementCode, mine == theirs { return false }
        return true
    }

    /// The pairs Relais proposes, best first: those who lived the same situation first, then the least
    /// loaded (so that the same people are not asked every time), then the same kind of collectivité;
    /// ties are broken by a mix of both ids, stable for one director and different from one to another.
    public static func propose(_ candidates: [Candidate], for ask: Ask, count: Int = proposed) -> [Candidate] {
        let eligible = candidates.filter { isEligible($0, for: ask) }
        return eligible.sorted { a, b in
            let sameA = a.experiences.contains(ask.experience), sameB = b.experiences.contains(ask.experience)
            if sameA != sameB { return sameA }
            if a.load != b.load { return a.load < b.load }
            let kindA = a.kind == ask.kind, kindB = b.kind == ask.kind
            if kindA != kindB { return kindA }
            let mixA = tieBreak(ask.userId, a.userId), mixB = tieBreak(ask.userId, b.userId)
            return mixA != mixB ? mixA < mixB : a.userId < b.userId
        }.prefix(count).map { $0 }
    }

    /// A deterministic mix of two ids (SplitMix64's finaliser).
    static func tieBreak(_ director: Int64, _ pair: Int64) -> UInt64 {
        var z = UInt64(bitPattern: director) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(bitPattern: pair)
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
