/// How quickly a situation usually needs an answer; orders the questionnaire and the staff queue.
public enum SituationUrgency: String, CaseIterable, Sendable, Codable, Hashable {
    case haute
    case moyenne
    case normale

    public var label: String {
        switch self {
        case .haute: "Urgente"
        case .moyenne: "À traiter rapidement"
        case .normale: "À préparer"
        }
    }
}

/// The life cycle of a fact sheet in the vademecum (DESIGN §5).
public enum FactSheetStatus: String, CaseIterable, Sendable, Codable, Hashable {
    case brouillon
    case enRelecture = "en_relecture"
    case publiee
    case archivee

    public var label: String {
        switch self {
        case .brouillon: "Brouillon"
        case .enRelecture: "En relecture"
        case .publiee: "Publiée"
        case .archivee: "Archivée"
        }
    }
}

/// The kind of a network (a real institution the association works with).
public enum NetworkKind: String, CaseIterable, Sendable, Codable, Hashable {
    case associationProfessionnelle = "association_professionnelle"
    case associationElus = "association_elus"
    case institution

    public var label: String {
        switch self {
        case .associationProfessionnelle: "Association professionnelle"
        case .associationElus: "Association d’élus"
        case .institution: "Institution"
        }
    }
}
