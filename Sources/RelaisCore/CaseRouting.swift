/// Chooses the correspondent of a case (DESIGN §5). Pure: the store gathers the facts, this decides.
///
/// Candidates cover the director's département (then its région, then anyone in France), handle an
/// axis asked for, are available and under capacity; never someone working for the same employer, nor
/// someone based in the director's département when the director asked for someone from elsewhere, nor
/// someone who already declined the case, nor someone who cannot sign in to read it. The lowest load ratio wins, then the one idle longest, then
/// the lowest id so the choice is stable.
public enum CaseRouting {
    /// The most cases a correspondent may hold at once, as they or staff set it.
    public static let maximumCapacity = 20

    /// What routing needs to know about a case.
    public struct Request: Sendable, Equatable {
        public var departementCode: String
        public var regionCode: String
        public var axes: Set<Axis>
        /// The seeded collectivité the director works for, when known.
        public var employerCode: String?
        public var outsideDepartement: Bool
        /// Correspondents who declined this case, never chosen again for it.
        public var declinedBy: Set<Int64>
        /// Set on a reopening: the previous correspondent is preferred when still eligible.
        public var preferred: Int64?

        public init(departementCode: String, regionCode: String, axes: Set<Axis>, employerCode: String? = nil,
                    outsideDepartement: Bool = false, declinedBy: Set<Int64> = [], preferred: Int64? = nil) {
            self.departementCode = departementCode
            self.regionCode = regionCode
            self.axes = axes
            self.employerCode = employerCode
            self.outsideDepartement = outsideDepartement
            self.declinedBy = declinedBy
            self.preferred = preferred
        }
    }

    /// What routing needs to know about a correspondent.
    public struct Candidate: Sendable, Equatable {
        public var id: Int64
        public var mainDepartementCode: String
        public var departementCodes: Set<String>
        /// The régions of the départements covered.
        public var regionCodes: Set<String>
        public var axes: Set<Axis>
        public var active: Bool
        public var absentUntil: Day?
        public var capacity: Int
        /// Cases assigned, accepted or waiting.
        public var load: Int
        /// When the correspondent was last given a case; nil when never.
        public var lastAssignedAt: Double?
        /// The collectivité the correspondent works for, when their account says so.
        public var employerCode: String?
        /// Whether an account that can sign in speaks for this correspondent: a case given to
        /// someone without one would wait unread while the staff queue showed nothing.
        public var canSignIn: Bool

        public init(id: Int64, mainDepartementCode: String, departementCodes: Set<String>, regionCodes: Set<String>, axes: Set<Axis>,
                    active: Bool = true, absentUntil: Day? = nil, capacity: Int, load: Int = 0, lastAssignedAt: Double? = nil,
                    employerCode: String? = nil, canSignIn: Bool = true) {
            self.id = id
            self.mainDepartementCode = mainDepartementCode
            self.departementCodes = departementCodes
            self.regionCodes = regionCodes
            self.axes = axes
            self.active = active
            self.absentUntil = absentUntil
            self.capacity = capacity
            self.load = load
            self.lastAssignedAt = lastAssignedAt
            self.employerCode = employerCode
            self.canSignIn = canSignIn
        }
    }

    /// How close the chosen correspondent is.
    public enum Level: String, Sendable, Equatable {
        case departement
        case region
        case national
    }

    public struct Choice: Sendable, Equatable {
        public var correspondentId: Int64
        public var level: Level

        public init(correspondentId: Int64, level: Level) {
            self.correspondentId = correspondentId
            self.level = level
        }
    }

    /// The correspondent for `request`, or nil when nobody can take it (staff are then alerted).
    public static func choose(for request: Request, among candidates: [Candidate], today: Day) -> Choice? {
        let eligible = candidates.filter { isEligible($0, for: request, today: today) }
        if let preferred = request.preferred, let previous = eligible.first(where: { $0.id == preferred }) {
            return Choice(correspondentId: previous.id, level: level(of: previous, for: request))
        }
        for level in [Level.departement, .region, .national] {
            let atLevel = eligible.filter { self.level(of: $0, for: request) == level }
            if let best = atLevel.min(by: isBetter) {
                return Choice(correspondentId: best.id, level: level)
            }
        }
        return nil
    }

    /// Whether `candidate` may take the case at all, at whatever distance.
    public static func isEligible(_ candidate: Candidate, for request: Request, today: Day) -> Bool {
        guard candidate.active, candidate.canSignIn, candidate.capacity > 0, candidate.load < candidate.capacity else { return false }
        if let absentUntil = candidate.absentUntil, absentUntil >= today { return false }
        guard !candidate.axes.isDisjoint(with: request.axes) else { return false }
        guard !request.declinedBy.contains(candidate.id) else { return false }
        if let employer = request.employerCode, candidate.employerCode == employer { return false }
        if request.outsideDepartement, candidate.mainDepartementCode == request.departementCode { return false }
        return true
    }

    static func level(of candidate: Candidate, for request: Request) -> Level {
        if candidate.departementCodes.contains(request.departementCode) { return .departement }
        if candidate.regionCodes.contains(request.regionCode) { return .region }
        return .national
    }

    /// Lower load ratio first, then idle longest (never assigned counts as idle longest), then id.
    static func isBetter(_ a: Candidate, _ b: Candidate) -> Bool {
        // Compare a.load / a.capacity with b.load / b.capacity without division.
        let left = a.load * b.capacity, right = b.load * a.capacity
        if left != right { return left < right }
        switch (a.lastAssignedAt, b.lastAssignedAt) {
        case (nil, .some): return true
        case (.some, nil): return false
        case let (.some(x), .some(y)) where x != y: return x < y
        default: return a.id < b.id
        }
    }
}
