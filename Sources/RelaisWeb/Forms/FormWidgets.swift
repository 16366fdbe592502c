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

/// A file input (`<input type="file" multiple>`) with what it accepts and, after a refusal, one line
/// per file refused. A browser never fills a file input again: the hint says to choose them again.
struct FileField: Encodable, Sendable {
    let id: String
    let name: String
    let label: String
    let hint: String
    let accept: String
    let errors: [String]
    let describedBy: String

    static let acceptList = ".pdf,.jpg,.jpeg,.png,.odt,.ods,.docx,.xlsx,.txt,.csv,.md"

    init(for form: String, limits: DocumentLimits, errors: [String]) {
        id = "champ-pieces-\(form)"
        name = UploadForm.fileField
        label = "Joindre des fichiers (facultatif)"
        hint = "Jusqu’à \(limits.maxFilesPerMessage) fichiers de \(DocumentLimits.label(bytes: limits.maxFileBytes)) chacun\u{00A0}: PDF, image JPEG ou PNG, "
            + "document OpenDocument, Word ou Excel, ou texte. Ils restent dans Relais, chiffrés, et ne partent jamais par courriel."
        accept = Self.acceptList
        self.errors = errors
        describedBy = errors.isEmpty ? "\(id)-aide" : "\(id)-aide \(id)-erreur"
    }
}
