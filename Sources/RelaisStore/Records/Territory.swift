import GRDB

/// One of the 18 régions.
public struct Region: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public var code: String
    public var name: String

    public enum Columns {
        public static let code = Column(CodingKeys.code)
        public static let name = Column(CodingKeys.name)
    }
}

/// One of the 101 départements.
public struct Departement: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public var code: String
    public var name: String
    public var regionCode: String

    public enum Columns {
        public static let code = Column(CodingKeys.code)
        public static let name = Column(CodingKeys.name)
        public static let regionCode = Column(CodingKeys.regionCode)
    }
}

/// A local authority where an emploi fonctionnel can exist: a possible employer.
public struct Collectivite: Codable, Sendable, Hashable, FetchableRecord, PersistableRecord {
    public var code: String
    public var kind: String
    public var name: String
    public var searchName: String
    public var departementCode: String
    public var population: Int?

    public enum Columns {
        public static let code = Column(CodingKeys.code)
        public static let name = Column(CodingKeys.name)
        public static let searchName = Column(CodingKeys.searchName)
        public static let departementCode = Column(CodingKeys.departementCode)
        public static let population = Column(CodingKeys.population)
    }
}
