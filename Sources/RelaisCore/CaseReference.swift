/// The human reference of a case, `R-2026-00042`: the year it was opened and a sequence in that year.
public struct CaseReference: Sendable, Hashable, CustomStringConvertible, Comparable {
    public let year: Int
    public let sequence: Int

    public init(year: Int, sequence: Int) {
        self.year = year
        self.sequence = sequence
    }

    /// Parses `R-2026-00042`; anything else (including lower case or extra characters) is nil.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0] == "R", parts[1].count == 4, (5...6).contains(parts[2].count),
              parts[1].allSatisfy(\.isASCII), parts[2].allSatisfy(\.isASCII),
              let year = Int(parts[1]), let sequence = Int(parts[2]), sequence > 0 else { return nil }
        self.init(year: year, sequence: sequence)
    }

    public var description: String {
        let digits = String(sequence)
        return "R-\(year)-" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
    }

    public static func < (lhs: CaseReference, rhs: CaseReference) -> Bool {
        (lhs.year, lhs.sequence) < (rhs.year, rhs.sequence)
    }
}

/// The deadlines of open cases, as pure rules; the deadline jobs (`RelaisUseCases/Jobs/`) apply them on a clock.
public struct CaseDeadlines: Sendable, Equatable {
    /// A case assigned (or waiting in the staff queue) this long without being accepted is late.
    public var acceptance: Double = 48 * 3600
    /// A case waiting on the director this long gets one reminder to the director.
    public var waitingReminder: Double = 30 * 24 * 3600

    public init(acceptance: Double = 48 * 3600, waitingReminder: Double = 30 * 24 * 3600) {
        self.acceptance = acceptance
        self.waitingReminder = waitingReminder
    }

    /// Whether a case is late: opened or assigned more than `acceptance` ago and still not accepted.
    /// `since` is when it was last (re)assigned or put in the queue, in seconds since any fixed origin.
    public func isLate(status: CaseStatus, since: Double, now: Double, statutoryUrgent: Bool = false) -> Bool {
        (status == .nouvelle || status == .attribuee) && now - since >= (statutoryUrgent ? urgentAcceptance : acceptance)
    }

    /// A director whose recourse deadline is this close, and shared on the case, cannot wait for the
    /// ordinary acceptance delay: the case is flagged urgent (issue 14).
    public static let statutoryUrgencyDays = 10

    /// The acceptance delay of a statutorily urgent case: a quarter of the ordinary one, 12 hours at most.
    public var urgentAcceptance: Double { min(acceptance / 4, 12 * 3600) }

    /// Whether a shared recourse deadline makes a case urgent on `today`: still ahead, within ten days.
    public static func isStatutorilyUrgent(recourse: Day?, today: Day) -> Bool {
        guard let recourse else { return false }
        let remaining = today.days(until: recourse)
        return remaining >= 0 && remaining <= statutoryUrgencyDays
    }

    /// Whether the director of a case waiting since `waitingSince` should get the reminder now.
    public func needsReminder(status: CaseStatus, waitingSince: Double?, reminded: Bool, now: Double) -> Bool {
        guard status == .enAttente, !reminded, let waitingSince else { return false }
        return now - waitingSince >= waitingReminder
    }
}
