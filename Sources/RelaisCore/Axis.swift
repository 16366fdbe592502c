/// The four axes along which the association supports a member (DESIGN §1).
public enum Axis: String, CaseIterable, Sendable, Codable, Hashable {
    case solidarite
    case juridique
    case trajectoires
    case reseaux

    /// The label shown in the interface.
    public var label: String {
        switch self {
        case .solidarite: "Solidarités professionnelles"
        case .juridique: "Conseil juridique et contentieux"
        case .trajectoires: "Trajectoires professionnelles"
        case .reseaux: "Réseaux"
        }
    }

    /// One sentence saying what the axis offers, for cards and summaries.
    public var summary: String {
        switch self {
        case .solidarite:
            "Écoute, négociation, conciliation et soutien moral par des pairs, DG en poste ou anciens DG, présents dans chaque région."
        case .juridique:
            "Un appui juridique expert dans les conflits\u{00A0}: les fiches pratiques du vademecum, les correspondants et les avocats de l’association."
        case .trajectoires:
            "Faire le point sur ses compétences et sa posture, et choisir en connaissance de cause\u{00A0}: rester ou partir, sans subir."
        case .reseaux:
            "Les partenariats avec les associations d’élus et d’autres professions, et les passerelles entre public et privé, pour apaiser et ouvrir des portes."
        }
    }

    /// What Relais concretely offers on this axis, for the axis page.
    public var offers: [String] {
        switch self {
        case .solidarite:
            [
                "Un correspondant local, pair et bénévole, qui vous écoute sans jugement et en toute confidentialité.",
                "Une aide pour préparer un entretien difficile avec l’exécutif, et si besoin une médiation.",
                "Un soutien dans la durée, y compris psychologique, avec des psychologues du travail partenaires.",
            ]
        case .juridique:
            [
                "Le vademecum\u{00A0}: des fiches pratiques, datées et relues, sur la fin de fonctions, les recours et la protection fonctionnelle.",
                "Une première analyse de votre situation par un correspondant formé aux questions statutaires.",
                "L’appui des avocats en droit public partenaires de l’association lorsqu’un contentieux se profile.",
            ]
        case .trajectoires:
            [
                "Un bilan de vos compétences et de votre posture avec des coachs partenaires.",
                "Les cabinets de recrutement et d’outplacement qui connaissent les emplois de direction.",
                "Des ateliers et des formations pour préparer la suite, dans la fonction publique ou ailleurs.",
            ]
        case .reseaux:
            [
                "Les associations d’élus et de professionnels avec lesquelles l’association dialogue.",
                "Les institutions qui accompagnent les cadres sans poste\u{00A0}: CNFPT et centres de gestion.",
                "Des rencontres et des ateliers pour rompre l’isolement et ouvrir des portes.",
            ]
        }
    }

    /// Parses a code coming from a seed file or a URL.
    public init?(code: String) {
        self.init(rawValue: code)
    }
}
