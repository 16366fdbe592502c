import Foundation
import RelaisCore
import RelaisStore

/// `/equipe/experts`: the experts staff vetted, and the form to add one (an invitation to an account
/// with the role `expert`). Only listed, active experts can be asked for an avis.
struct StaffExpertsPage: Page {
    static let template = Template.staffExperts

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    let errors: [FormErrors.ErrorLink]
    let experts: [Row]
    let action: String
    let emailField: FormField
    let nameField: FormField
    let organisationField: FormField
    let fields: [FormOption]
    let fieldError: String?
    let regions: [CheckField]
    /// The partner or network an expert comes from: `partenaire-ID`, `reseau-ID` or nothing.
    let links: [FormOption]
    let figures: [Figure]

    struct Row: Encodable, Sendable {
        let name: String
        let email: String
        let field: String
        let organisation: String
        let regions: String
        let active: Bool
        let toggleURL: String
        let toggleLabel: String
        /// The form that changes the card, with this expert's values.
        let edit: Edit
    }

    struct Edit: Encodable, Sendable {
        let id: String
        let name: String
        let organisation: String
        let fields: [FormOption]
        let regions: [CheckField]
        let links: [FormOption]
    }

    struct Figure: Encodable, Sendable {
        let field: String
        let asked: Int
        let given: Int
        let refused: Int
        let conflicts: Int
        let median: String
    }
}

extension StaffExpertsPage {
    /// The form's typed values when it comes back.
    struct Typed: Sendable {
        var email = "", name = "", organisation = "", field = "", link = "", regions: Set<String> = []
    }

    /// The value of an expert's link in the form.
    static func linkValue(partnerId: Int64?, networkId: Int64?) -> String {
        partnerId.map { "partenaire-\($0)" } ?? networkId.map { "reseau-\($0)" } ?? ""
    }

    static func linkOptions(partners: [Partner], networks: [Network], selected: String) -> [FormOption] {
        [FormOption(value: "", label: "Aucun", selected: selected.isEmpty)]
            + partners.map { FormOption(value: "partenaire-\($0.id ?? 0)", label: "Partenaire\u{00A0}: \($0.name)", selected: selected == "partenaire-\($0.id ?? 0)") }
            + networks.map { FormOption(value: "reseau-\($0.id ?? 0)", label: "Réseau\u{00A0}: \($0.name)", selected: selected == "reseau-\($0.id ?? 0)") }
    }

    init(experts: [(expert: Expert, email: String?)], regions: [Region], partners: [Partner], networks: [Network], figures: [AppDatabase.ReferralFigures],
         typed: Typed, errors: FormErrors,
         notice: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let names = Dictionary(uniqueKeysWithValues: regions.map { ($0.code, $0.name) })
        self.init(
            layout: LayoutModel(title: "Experts", section: .staff, demo: demo, viewer: viewer),
            csrf: csrf, notice: notice, errors: errors.summary,
            experts: experts.map { item in
                let expert = item.expert
                let link = expert.partnerId.flatMap { id in partners.first { $0.id == id }.map { " (partenaire\u{00A0}: \($0.name))" } }
                    ?? expert.networkId.flatMap { id in networks.first { $0.id == id }.map { " (réseau\u{00A0}: \($0.name))" } } ?? ""
                return Row(name: expert.name, email: item.email ?? "compte supprimé", field: expert.field.label, organisation: expert.organisation + link,
                           regions: expert.regionCodes.isEmpty ? "national" : expert.regionCodes.map { names[$0] ?? $0 }.joined(separator: ", "),
                           active: expert.active, toggleURL: SiteURL.staffExpert(expert.id ?? 0).path,
                           toggleLabel: expert.active ? "Retirer de la liste" : "Remettre dans la liste",
                           edit: Edit(id: String(expert.id ?? 0), name: expert.name, organisation: expert.organisation,
                                      fields: ExpertField.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == expert.field) },
                                      regions: regions.map { CheckField(name: "region-\($0.code)", label: $0.name, hint: nil,
                                                                         checked: expert.regionCodes.contains($0.code)) },
                                      links: Self.linkOptions(partners: partners, networks: networks,
                                                              selected: Self.linkValue(partnerId: expert.partnerId, networkId: expert.networkId))))
            },
            action: SiteURL.staffExperts.path,
            emailField: FormField("email", label: "Adresse électronique", type: "email", value: typed.email,
                                  hint: "Une invitation y part\u{00A0}; l’expert choisit son mot de passe.", error: errors["email"], autocomplete: "off"),
            nameField: FormField("nom", label: "Nom", value: typed.name, error: errors["nom"]),
            organisationField: FormField("organisation", label: "Structure", value: typed.organisation,
                                         hint: "Cabinet, partenaire, centre de gestion, CNFPT…", error: errors["organisation"]),
            fields: [FormOption(value: "", label: "Choisir un domaine", selected: typed.field.isEmpty)]
                + ExpertField.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: typed.field == $0.rawValue) },
            fieldError: errors["domaine"],
            regions: regions.map { CheckField(name: "region-\($0.code)", label: $0.name, hint: nil, checked: typed.regions.contains($0.code)) },
            links: Self.linkOptions(partners: partners, networks: networks, selected: typed.link),
            figures: Self.figures(figures)
        )
    }

    /// The figures of avis requests by field, as the experts' page and the dashboard show them.
    static func figures(_ figures: [AppDatabase.ReferralFigures]) -> [Figure] {
        figures.map {
            Figure(field: $0.field.label, asked: $0.asked, given: $0.given, refused: $0.refusedByDirectors, conflicts: $0.conflicts,
                   median: $0.medianDaysToAvis.map { String(format: "%.1f", $0).replacingOccurrences(of: ".", with: ",") + "\u{00A0}j" } ?? "—")
        }
    }

    static func notice(_ code: String?) -> String? {
        switch code {
        case "ajoute": "L’expert est ajouté à la liste. S’il n’avait pas de compte, une invitation lui est envoyée."
        case "modifie": "C’est fait."
        default: nil
        }
    }
}
