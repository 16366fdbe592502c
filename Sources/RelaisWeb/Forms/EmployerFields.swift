import RelaisCore
import RelaisStore
import RelaisUseCases

/// The « Votre employeur » block of the sign-up and case forms: a search over the seeded
/// collectivités that works without JavaScript, the results to choose from, a name typed freely when
/// the employer is not listed, and the département. Shown by `partials/employer`; checked by
/// `FormErrors.checkEmployer`.
struct EmployerFields: Encodable, Sendable {
    let query: FormField
    let results: [FormOption]
    let searched: Bool
    /// Named apart from `FormField.error`: a field without an error of its own would otherwise find
    /// this one in the enclosing Mustache context and print it a second time.
    let choiceError: String?
    let name: FormField
    let departements: [FormOption]
    let departementError: String?

    /// How a collectivité is named in lists: « Bordeaux (33) ».
    static func label(of collectivite: Collectivite) -> String {
        "\(collectivite.name) (\(collectivite.departementCode))"
    }

    static func make(query: String, code: String, name: String, departement: String, searched: Bool, errors: FormErrors,
                     database: AppDatabase) async throws -> EmployerFields {
        let results = try await database.employerChoices(query: query, chosen: code)
        return EmployerFields(
            query: FormField("employeur_recherche", label: "Rechercher votre collectivité", type: "search", value: query,
                             hint: "Commune, intercommunalité, département ou région\u{00A0}: tapez une partie du nom puis « Rechercher ».",
                             autocomplete: "organization", required: false, optionalShown: false),
            results: results.map { FormOption(value: $0.code, label: label(of: $0), selected: $0.code == code) },
            searched: searched,
            choiceError: errors["employeur_code"],
            name: FormField("employeur_nom", label: "Votre employeur n’est pas dans la liste\u{00A0}? Écrivez son nom", value: name,
                            hint: "Par exemple un établissement public territorial, un centre de gestion ou un SDIS.",
                            error: errors["employeur_nom"], required: false, optionalShown: false),
            departements: try await database.departements().map {
                FormOption(value: $0.code, label: "\($0.code) — \($0.name)", selected: $0.code == departement)
            },
            departementError: errors["departement"]
        )
    }
}
