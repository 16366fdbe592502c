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
