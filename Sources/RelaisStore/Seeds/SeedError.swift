/// A problem in a seed file, located at a line. Messages are French: the people who curate seeds are
/// the association's staff.
public struct SeedError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { "\(file), ligne \(line) : \(message)" }
}

/// Every problem found in one run; nothing was imported.
public struct SeedErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [SeedError]

    public var description: String {
        let lines = errors.prefix(50).map(\.description)
        let more = errors.count > 50 ? ["… et \(errors.count - 50) autres erreurs"] : []
        return (["Import annulé, rien n’a été modifié (\(errors.count) erreur\(errors.count > 1 ? "s" : "")) :"] + lines + more)
            .joined(separator: "\n")
    }
}

/// What one import run did, per kind of row.
public struct SeedReport: Sendable, Equatable, CustomStringConvertible {
    public struct Counts: Sendable, Equatable {
        public var inserted = 0
        public var updated = 0
        public var unchanged = 0
        /// Rows edited in Relais since the last import: their text stays; a sheet gets the seed's text
        /// as a version to review.
        public var kept = 0

        public var changed: Int { inserted + updated }
    }

    public var kinds: [(name: String, counts: Counts)] = []

    public static func == (lhs: SeedReport, rhs: SeedReport) -> Bool {
        lhs.kinds.map(\.name) == rhs.kinds.map(\.name) && lhs.kinds.map(\.counts) == rhs.kinds.map(\.counts)
    }

    public subscript(name: String) -> Counts {
        kinds.first(where: { $0.name == name })?.counts ?? Counts()
    }

    /// Rows inserted or updated across all kinds.
    public var totalChanged: Int { kinds.reduce(0) { $0 + $1.counts.changed } }

    public var description: String {
        kinds.map { name, counts in
            var line = "\(name): \(counts.inserted) inserted, \(counts.updated) updated, \(counts.unchanged) unchanged"
            if counts.kept > 0 { line += ", \(counts.kept) kept (edited in Relais; sheets get the seed as a version to review)" }
            return line
        }.joined(separator: "\n")
    }
}
