import RelaisCore
import RelaisUseCases

/// One field of a form as templates show it: label, value typed, hint and the French error beside it.
struct FormField: Encodable, Sendable {
    let id: String
    let name: String
    let label: String
    let type: String
    let value: String
    let hint: String?
    let error: String?
    let autocomplete: String?
    let required: Bool
    /// Whether the label says « (facultatif) »: not for a field that is one of two ways to answer a
    /// required question (the employer found in the list, or its name typed).
    let optionalShown: Bool
    /// The ids of the hint and error, for `aria-describedby`.
    let describedBy: String?

    init(_ name: String, label: String, type: String = "text", value: String = "", hint: String? = nil,
         error: String? = nil, autocomplete: String? = nil, required: Bool = true, optionalShown: Bool? = nil, keepsSecret: Bool = false) {
        self.id = "champ-\(name)"
        self.name = name
        self.label = label
        self.type = type
        // A password comes back only when asked (after an employer search, never after an error).
        self.value = type == "password" && !keepsSecret ? "" : value
        self.hint = hint
        self.error = error
        self.autocomplete = autocomplete
        self.required = required
        self.optionalShown = optionalShown ?? !required
        let ids = [hint.map { _ in "champ-\(name)-aide" }, error.map { _ in "champ-\(name)-erreur" }].compactMap { $0 }
        self.describedBy = ids.isEmpty ? nil : ids.joined(separator: " ")
    }
}

extension FormField {
    /// A new password, with the rules said before typing.
    static func newPassword(error: String?, kept: String = "") -> FormField {
        FormField("motdepasse", label: "Mot de passe", type: "password", value: kept,
                  hint: "Au moins \(PasswordRules.minimumLength) caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner.",
                  error: error, autocomplete: "new-password", keepsSecret: !kept.isEmpty)
    }

    /// The same password typed a second time.
    static func passwordConfirmation(error: String?, kept: String = "") -> FormField {
        FormField("confirmation", label: "Le même mot de passe, une seconde fois", type: "password", value: kept, error: error,
                  autocomplete: "new-password", keepsSecret: !kept.isEmpty)
    }
}

/// A choice in a list of radio buttons or a select.
struct FormOption: Encodable, Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// Errors of a form, by field name, in the order they were found.
struct FormErrors: Sendable {
    private(set) var messages: [(field: String, message: String)] = []

    var isEmpty: Bool { messages.isEmpty }

    mutating func add(_ field: String, _ message: String) {
        if self[field] == nil { messages.append((field, message)) }
    }

    /// Checks a new password and its confirmation, and says what is wrong beside the right field.
    mutating func checkNewPassword(_ password: String, confirmation: String, email: String) {
        if let problem = PasswordRules.problem(with: password, email: email) {
            add("motdepasse", problem)
        } else if password != confirmation {
            add("confirmation", "Les deux mots de passe ne sont pas identiques.")
        }
    }

    subscript(field: String) -> String? {
        messages.first { $0.field == field }?.message
    }

    /// For the summary at the top of the form: each error links to its field.
    var summary: [ErrorLink] {
        messages.map { ErrorLink(href: "#champ-\($0.field)", message: $0.message) }
    }

    struct ErrorLink: Encodable, Sendable {
        let href: String
        let message: String
    }
}
