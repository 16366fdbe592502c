import RelaisCore
import RelaisStore

/// The view model of `equipe/synonymes`: the pairs in use and the form to add one.
struct StaffSynonymsPage: Page {
    static let template = Template.staffSynonyms

    struct Row: Encodable, Sendable {
        let term: String
        let expansion: String
        /// « 03/12/2026 18:30 · address of who added it ».
        let added: String
        /// The search for the term, to see what it finds now.
        let searchURL: String
        /// Where the row's removal form posts.
        let removeURL: String
    }

    let layout: LayoutModel
    let csrf: String
    let staffURL: String
    let action: String
    let notice: String?
    let errors: [FormErrors.ErrorLink]
    let fields: [FormField]
    let count: String
    let rows: [Row]

    /// « Aucun synonyme », « 1 synonyme », « 40 synonymes ».
    static func countText(_ count: Int) -> String {
        switch count {
        case 0: "Aucun synonyme pour le moment."
        case 1: "1 synonyme."
        default: "\(count) synonymes."
        }
    }
}

extension StaffSynonymsPage {
    /// The form's field names.
    enum Name {
        static let term = "terme"
        static let expansion = "equivalent"
    }

    /// The pairs in use (`synonyms`), and the form with what was `typed` in it.
    init(synonyms: [AppDatabase.SynonymEntry], typed: (term: String, expansion: String), errors: FormErrors, notice: String?, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Synonymes de la recherche",
                                section: .staff, demo: demo, viewer: viewer),
            csrf: csrf,
            staffURL: SiteURL.staff.path,
            action: SiteURL.staffSynonyms.path,
            notice: notice,
            errors: errors.summary,
            fields: [
                FormField(Name.term, label: "Mot tapé dans la recherche", value: typed.term,
                          hint: "Un mot ou une courte expression, tels que les directeurs l’écrivent, par exemple «\u{00A0}burn-out\u{00A0}». Accents et majuscules ne comptent pas.",
                          error: errors[Name.term], autocomplete: "off"),
                FormField(Name.expansion, label: "Cherché aussi comme", value: typed.expansion,
                          hint: "Le mot ou l’expression des fiches et du parcours, par exemple «\u{00A0}épuisement\u{00A0}». Une expression est cherchée telle quelle, le dernier mot pouvant être un début de mot.",
                          error: errors[Name.expansion], autocomplete: "off"),
            ],
            count: Self.countText(synonyms.count),
            rows: synonyms.map { synonym in
                Row(
                    term: synonym.term, expansion: synonym.expansion,
                    added: CaseDates.numeric(synonym.createdAt) + " · " + synonym.createdBy,
                    searchURL: SiteURL.search.absolute(base: "", query: [("q", synonym.term)]),
                    removeURL: SiteURL.staffSynonymRemoval(synonym.id).path
                )
            }
        )
    }

    /// The notice that a redirection to the page asks for with `?message=`.
    static func notice(_ code: String?) -> String? {
        switch code {
        case "ajoute": "Synonyme ajouté\u{202F}: la recherche en tient compte dès maintenant."
        case "supprime": "Synonyme supprimé\u{202F}: la recherche n’en tient plus compte."
        default: nil
        }
    }
}
