/// A question answered by one of a few radio buttons, as templates show it: its legend, the
/// choices (the one typed checked), and the French error beside it.
struct ChoiceGroup: Encodable, Sendable {
    let id: String
    let name: String
    let legend: String
    let choices: [Choice]
    let error: String?

    struct Choice: Encodable, Sendable {
        let id: String
        let value: String
        let label: String
        let checked: Bool
    }

    init(_ name: String, legend: String, choices: [(value: String, label: String)], selected: String, error: String?) {
        id = "champ-\(name)"
        self.name = name
        self.legend = legend
        self.choices = choices.map { Choice(id: "\(name)-\($0.value)", value: $0.value, label: $0.label, checked: $0.value == selected) }
        self.error = error
    }
}
