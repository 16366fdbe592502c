/// How many cases one director may have in the network's hands. Every case is routed to a volunteer
/// and takes one of their few places: one account opening cases in a loop would leave nobody for the
/// next director in difficulty. A few open at once and a few opened a day is more than a real
/// situation needs (`RELAIS_MAX_OPEN_CASES`, `RELAIS_MAX_CASES_PER_DAY`).
public struct CaseLimits: Sendable, Equatable {
    public static let defaultMaxOpen = 3
    public static let defaultMaxPerDay = 3

    /// Cases opened and not closed, at once.
    public var maxOpen: Int
    /// Cases opened on one calendar day (Paris time), closed or not.
    public var maxPerDay: Int

    public init(maxOpen: Int = CaseLimits.defaultMaxOpen, maxPerDay: Int = CaseLimits.defaultMaxPerDay) {
        self.maxOpen = maxOpen
        self.maxPerDay = maxPerDay
    }

    /// What the rule needs to know of one of the director's cases.
    public struct Facts: Sendable, Equatable {
        /// The Paris day it was opened; nil for a draft not sent yet (it counts for nothing).
        public var openedOn: Day?
        public var isOpen: Bool

        public init(openedOn: Day?, isOpen: Bool) {
            self.openedOn = openedOn
            self.isOpen = isOpen
        }
    }

    public enum Decision: Sendable, Equatable {
        case allowed
        /// `open` cases are open already, the limit.
        case tooManyOpen(open: Int)
        /// `opened` cases were opened today, the limit; the next one waits for tomorrow.
        case tooManyToday(opened: Int)
    }

    /// Whether the director of `cases` may open one more `today`. The open-case limit is said first:
    /// it is the one the person can act on (by carrying on in the case they have).
    public func decide(cases: [Facts], today: Day) -> Decision {
        let open = cases.filter { $0.openedOn != nil && $0.isOpen }.count
        if open >= maxOpen { return .tooManyOpen(open: open) }
        let openedToday = cases.filter { $0.openedOn == today }.count
        if openedToday >= maxPerDay { return .tooManyToday(opened: openedToday) }
        return .allowed
    }
}
