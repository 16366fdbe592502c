/// The kinds of partner the association works with (DESIGN §5).
public enum PartnerKind: String, CaseIterable, Sendable, Codable, Hashable {
    case coach
    case recrutement
    case outplacement
    case avocat
    case psychologue
    case formation
    case associationElus = "association_elus"
    case reseauProfessionnel = "reseau_professionnel"

    /// The label shown in the interface.
    public var label: String {
        switch self {
        case .coach: "Coach"
        case .recrutement: "Cabinet de recrutement"
        case .outplacement: "Accompagnement à la transition professionnelle"
        case .avocat: "Avocat en droit public"
        case .psychologue: "Psychologue du travail"
        case .formation: "Organisme de formation"
        case .associationElus: "Association d’élus"
        case .reseauProfessionnel: "Réseau professionnel"
        }
    }
}
