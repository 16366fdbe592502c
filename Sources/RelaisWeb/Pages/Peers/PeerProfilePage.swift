import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// A member volunteers as a pair, or changes their profile: what they lived, the kind and size of
/// collectivité, the région, their availability and a few lines of presentation.
struct PeerProfilePage: Page {
    static let template = Template.peerProfile

    let layout: LayoutModel
    let csrf: String
    let action: String
    let backURL: String
    let isNew: Bool
    let errorSummary: [FormErrors.ErrorLink]
    let experiences: [Check]
    let experiencesError: String?
    let kinds: [FormOption]
    let kindError: String?
    let sizes: [FormOption]
    let sizeError: String?
    let regions: [FormOption]
    let availabilityField: FormField
    let presentationField: TextArea

    struct Check: Encodable, Sendable {
        let id: String
        let label: String
        let checked: Bool
    }
}

extension PeerProfilePage {
    /// The form as typed, or as stored.
    struct Typed: Sendable {
        var experiences: Set<PeerExperience> = []
        var kind: PeerCollectiviteKind?
        var size: PeerCollectiviteSize?
        var regionCode: String?
        var availability = ""
        var presentation = ""

        init() {}

        init(_ volunteer: PeerVolunteer) {
            experiences = Set(volunteer.experienceList)
            kind = volunteer.collectiviteKind
            size = volunteer.collectiviteSize
            regionCode = volunteer.regionCode
            availability = volunteer.availability
            presentation = volunteer.presentation
        }
    }

    init(typed: Typed, isNew: Bool, regions: [Region], errors: FormErrors, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: isNew ? "Devenir pair aidant" : "Mon profil de pair", section: .network, demo: demo, viewer: viewer),
            csrf: csrf, action: SiteURL.peerProfile.path, backURL: SiteURL.peers.path, isNew: isNew,
            errorSummary: errors.summary,
            experiences: PeerExperience.allCases.map { Check(id: "experience-\($0.rawValue)", label: $0.label, checked: typed.experiences.contains($0)) },
            experiencesError: errors["experiences"],
            kinds: [FormOption(value: "", label: "Choisir", selected: typed.kind == nil)]
                + PeerCollectiviteKind.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == typed.kind) },
            kindError: errors["collectivite"],
            sizes: [FormOption(value: "", label: "Choisir", selected: typed.size == nil)]
                + PeerCollectiviteSize.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == typed.size) },
            sizeError: errors["taille"],
            regions: [FormOption(value: "", label: "Toute la France (pas de région)", selected: typed.regionCode == nil)]
                + regions.map { FormOption(value: $0.code, label: $0.name, selected: $0.code == typed.regionCode) },
            availabilityField: FormField("disponibilite", label: "Vos disponibilités", value: typed.availability,
                                         hint: "Par exemple\u{00A0}: « un appel d’une heure par mois, plutôt le soir ». \(PeerRules.availabilityLimit) caractères au plus.",
                                         error: errors["disponibilite"]),
            presentationField: TextArea("presentation", label: "Quelques lignes de présentation", value: typed.presentation,
                                        hint: "Ce que vous avez vécu et ce que vous pouvez partager, sans nommer personne. Les membres les lisent pour choisir\u{00A0}; "
                                            + "votre employeur n’est jamais montré. \(PeerRules.presentationLimit) caractères au plus.",
                                        error: errors["presentation"])
        )
    }
}
