/// How a département is covered by the network of correspondents on a given day.
public enum CoverageStatus: CaseIterable, Sendable {
    /// At least one correspondent covering it is available.
    case available
    /// Correspondents cover it, but every one of them is absent today.
    case absent
    /// Nobody covers it: help comes from its région, then from elsewhere.
    case none

    public init(available: Int, absent: Int) {
        self = available > 0 ? .available : absent > 0 ? .absent : .none
    }
}
