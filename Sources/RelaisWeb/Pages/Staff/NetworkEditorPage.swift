import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct NetworkEditorPage: Page {
    static let template = Template.staffEditor

    let layout: LayoutModel
    let csrf: String
    let title: String
    let action: String
    let backURL: String
    let backLabel: String
    let notice: String?
    let fields: [Field]
    let errors: [FormErrors.ErrorLink]
    /// Pages about the record (an atelier's registrations).
    var related: [Related] = []

    struct Related: Encodable, Sendable {
        let url: String
        let label: String
    }

    /// One field of a generic editor; the template shows it by kind.
    struct Field: Encodable, Sendable {
        let name: String
        let label: String
        let value: String
        let hint: String?
        let error: String?
        let isText: Bool
        let isTextarea: Bool
        let isSelect: Bool
        let isCheckbox: Bool
        let isChecks: Bool
        let type: String
        let options: [FormOption]
        let checks: [CheckField]
        let checked: Bool

        static func text(_ name: String, _ label: String, _ value: String, type: String = "text", hint: String? = nil, errors: FormErrors) -> Field {
            Field(name: name, label: label, value: value, hint: hint, error: errors[name], isText: true, isTextarea: false, isSelect: false,
                  isCheckbox: false, isChecks: false, type: type, options: [], checks: [], checked: false)
        }

        static func textarea(_ name: String, _ label: String, _ value: String, hint: String? = nil, errors: FormErrors) -> Field {
            Field(name: name, label: label, value: value, hint: hint, error: errors[name], isText: false, isTextarea: true, isSelect: false,
                  isCheckbox: false, isChecks: false, type: "", options: [], checks: [], checked: false)
        }

        static func select(_ name: String, _ label: String, _ options: [FormOption], errors: FormErrors) -> Field {
            Field(name: name, label: label, value: "", hint: nil, error: errors[name], isText: false, isTextarea: false, isSelect: true,
                  isCheckbox: false, isChecks: false, type: "", options: options, checks: [], checked: false)
        }

        static func checkbox(_ name: String, _ label: String, _ checked: Bool, hint: String? = nil) -> Field {
            Field(name: name, label: label, value: "oui", hint: hint, error: nil, isText: false, isTextarea: false, isSelect: false,
                  isCheckbox: true, isChecks: false, type: "", options: [], checks: [], checked: checked)
        }

        static func checks(_ name: String, _ label: String, _ checks: [CheckField], errors: FormErrors) -> Field {
            Field(name: name, label: label, value: "", hint: nil, error: errors[name], isText: false, isTextarea: false, isSelect: false,
                  isCheckbox: false, isChecks: true, type: "", options: [], checks: checks, checked: false)
        }
    }
}

extension NetworkEditorPage {
    /// One of the generic editors: its title, where it posts, where it leads back, its fields.
    init(title: String, action: String, backURL: String, backLabel: String, fields: [Field], errors: FormErrors, notice: String?,
         csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(layout: LayoutModel(title: title, section: .staff, demo: demo, viewer: viewer), csrf: csrf,
                  title: title, action: action, backURL: backURL, backLabel: backLabel, notice: notice, fields: fields,
                  errors: errors.summary)
    }

    /// The partner `id` (nil: a new one), as stored or as typed. `name`: the stored name, the page's
    /// title; nil when the form comes back with `errors`.
    init(partner id: Int64?, name: String?, values: [String: String], axes: Set<Axis>, regions: Set<String>, national: Bool, archived: Bool,
         allRegions: [Region], errors: FormErrors, notice: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(title: id == nil ? "Nouveau partenaire" : name ?? "Partenaire", action: SiteURL.staffPartner(id.map(String.init) ?? "nouveau").path,
                  backURL: SiteURL.staffPartners.path, backLabel: "Partenaires", fields: [
                      .text("nom", "Nom", values["nom"] ?? "", errors: errors),
                      .select("categorie", "Catégorie", PartnerKind.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == values["categorie"]) },
                              errors: errors),
                      .checks("axes", "Axes", Axis.allCases.map { CheckField(name: "axe_\($0.rawValue)", label: $0.label, hint: nil, checked: axes.contains($0)) },
                              errors: errors),
                      .checkbox("national", "Intervient partout en France", national),
                      .checks("regions", "Régions servies (si pas national)",
                              allRegions.map { CheckField(name: "region_\($0.code)", label: $0.name, hint: nil, checked: regions.contains($0.code)) },
                              errors: errors),
                      .text("contact", "Personne à contacter", values["contact"] ?? "", errors: errors),
                      .text("email", "Courriel", values["email"] ?? "", type: "email", errors: errors),
                      .text("telephone", "Téléphone", values["telephone"] ?? "", type: "tel", errors: errors),
                      .text("site", "Site web", values["site"] ?? "", type: "url", hint: "Adresse complète, commençant par https://", errors: errors),
                      .textarea("offre", "Offre aux membres", values["offre"] ?? "", errors: errors),
                      .textarea("description", "Présentation", values["description"] ?? "", errors: errors),
                      .checkbox("archive", "Archivé (n’apparaît plus sur le site)", archived),
                  ], errors: errors, notice: notice, csrf: csrf, viewer: viewer, demo: demo)
    }

    /// The atelier `id` (nil: a new one), as stored or as typed. `name`: the stored title, the page's
    /// title; nil when the form comes back with `errors`.
    init(atelier id: Int64?, name: String?, values: [String: String], online: Bool, archived: Bool, regions: [Region], networks: [Network],
         errors: FormErrors, notice: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(title: id == nil ? "Nouvel atelier" : name ?? "Atelier", action: SiteURL.staffAtelier(id.map(String.init) ?? "nouveau").path,
                  backURL: SiteURL.staffAteliers.path, backLabel: "Ateliers", fields: [
                      .text("titre", "Titre", values["titre"] ?? "", errors: errors),
                      .select("axe", "Axe", Axis.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == values["axe"]) }, errors: errors),
                      .text("debut", "Début", values["debut"] ?? "", type: "datetime-local", hint: "Heure de Paris, par exemple 2026-12-03T18:30.", errors: errors),
                      .text("fin", "Fin", values["fin"] ?? "", type: "datetime-local", errors: errors),
                      .checkbox("visio", "En visio", online),
                      .text("lieu", "Lieu", values["lieu"] ?? "", hint: "Public, sur le site (par exemple « Lyon, lieu communiqué aux inscrits »).", errors: errors),
                      .text("places", "Nombre de places", values["places"] ?? "", type: "number",
                            hint: "Vide\u{00A0}: sans limite. Au-delà, les inscriptions vont sur la liste d’attente.", errors: errors),
                      .textarea("acces", "Lien de visio ou adresse exacte", values["acces"] ?? "",
                                hint: "Montré seulement aux personnes inscrites, sur la page de l’atelier\u{00A0}; jamais sur les pages publiques ni dans les messages.",
                                errors: errors),
                      .select("region", "Région", [FormOption(value: "", label: "Toutes (national ou en visio)", selected: (values["region"] ?? "").isEmpty)]
                          + regions.map { FormOption(value: $0.code, label: $0.name, selected: $0.code == values["region"]) }, errors: errors),
                      .select("reseau", "Réseau organisateur", [FormOption(value: "", label: "L’association", selected: (values["reseau"] ?? "").isEmpty)]
                          + networks.map { FormOption(value: String($0.id ?? 0), label: $0.name, selected: String($0.id ?? 0) == values["reseau"]) }, errors: errors),
                      .textarea("description", "Description", values["description"] ?? "", errors: errors),
                      .checkbox("archive", "Archivé (les ateliers passés s’archivent d’eux-mêmes)", archived),
                  ], errors: errors, notice: notice, csrf: csrf, viewer: viewer, demo: demo)
    }

    /// The network `id` (nil: a new one), as stored or as typed. `name`: the stored name, the page's
    /// title; nil when the form comes back with `errors`.
    init(network id: Int64?, name: String?, values: [String: String], axes: Set<Axis>, archived: Bool, errors: FormErrors, notice: String?,
         csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(title: id == nil ? "Nouveau réseau" : name ?? "Réseau", action: SiteURL.staffNetwork(id.map(String.init) ?? "nouveau").path,
                  backURL: SiteURL.staffNetworks.path, backLabel: "Réseaux", fields: [
                      .text("nom", "Nom", values["nom"] ?? "", errors: errors),
                      .text("sigle", "Sigle", values["sigle"] ?? "", errors: errors),
                      .select("categorie", "Nature", NetworkKind.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == values["categorie"]) },
                              errors: errors),
                      .checks("axes", "Axes", Axis.allCases.map { CheckField(name: "axe_\($0.rawValue)", label: $0.label, hint: nil, checked: axes.contains($0)) },
                              errors: errors),
                      .text("site", "Site web", values["site"] ?? "", type: "url", hint: "Adresse complète, commençant par https://", errors: errors),
                      .textarea("description", "Présentation", values["description"] ?? "", errors: errors),
                      .textarea("role", "Ce qu’il apporte aux membres", values["role"] ?? "", errors: errors),
                      .checkbox("archive", "Archivé (n’apparaît plus sur le site)", archived),
                  ], errors: errors, notice: notice, csrf: csrf, viewer: viewer, demo: demo)
    }

    /// The notice that a redirection to an editor asks for with `?message=`.
    static func notice(_ code: String?) -> String? {
        code == "enregistre" ? "Modifications enregistrées." : nil
    }
}
