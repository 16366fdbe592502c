import RelaisCore

/// A multi-line field with its label, hint and error, wired for screen readers (`aria-describedby`).
struct TextArea: Encodable, Sendable {
    let id: String
    let name: String
    let label: String
    let value: String
    let hint: String?
    let error: String?
    let describedBy: String?

    init(_ name: String, label: String, value: String, hint: String?, error: String?) {
        self.id = "champ-\(name)"
        self.name = name
        self.label = label
        self.value = value
        self.hint = hint
        self.error = error
        let ids = [hint.map { _ in "champ-\(name)-aide" }, error.map { _ in "champ-\(name)-erreur" }].compactMap { $0 }
        self.describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
    }
}

/// One box of a group of checkboxes (axes, régions).
struct CheckField: Encodable, Sendable {
    let name: String
    let label: String
    let hint: String?
    let checked: Bool
}
