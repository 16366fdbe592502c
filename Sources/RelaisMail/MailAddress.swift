/// An e-mail address checked against a sane subset of RFC 5321 before anything is queued: a dot-atom
/// local part and a domain of letters, digits and hyphens. Quoted local parts, IP literals and
/// comments are refused on purpose: nobody needs them to receive a notification.
public struct MailAddress: Hashable, Sendable, CustomStringConvertible {
    /// `local@domain`, the domain lower-cased.
    public let address: String
    /// A display name for headers, optional.
    public let name: String?

    public var description: String { address }

    public var domain: String { String(address[address.index(after: address.lastIndex(of: "@")!)...]) }

    /// Validates `address` (surrounding spaces are trimmed) and an optional display name.
    public init(_ address: String, name: String? = nil) throws(MailError) {
        let trimmed = address.trimmingSpaces()
        try MailAddress.refuseControlCharacters(trimmed, field: "adresse")
        if let name { try MailAddress.refuseControlCharacters(name, field: "nom") }
        guard trimmed.utf8.count <= 254, let at = trimmed.lastIndex(of: "@") else {
            throw .invalidAddress(address)
        }
        let local = trimmed[..<at]
        let domain = trimmed[trimmed.index(after: at)...].lowercased()
        guard MailAddress.isDotAtom(local), local.utf8.count <= 64, MailAddress.isDomain(domain) else {
            throw .invalidAddress(address)
        }
        self.address = "\(local)@\(domain)"
        let cleanName = name?.trimmingSpaces()
        self.name = (cleanName?.isEmpty ?? true) ? nil : cleanName
    }

    /// Parses `Name <local@domain>` or a bare address, as written in `RELAIS_MAIL_FROM`.
    public init(parsing text: String) throws(MailError) {
        let trimmed = text.trimmingSpaces()
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            var name = String(trimmed[..<open]).trimmingSpaces()
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            try self.init(String(trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]), name: name)
        } else {
            try self.init(trimmed)
        }
    }

    static func refuseControlCharacters(_ value: String, field: String) throws(MailError) {
        if value.unicodeScalars.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
            throw .headerInjection(field: field)
        }
    }

    private static let atomSpecials = Set("!#$%&'*+-/=?^_`{|}~".unicodeScalars)

    private static func isDotAtom(_ local: Substring) -> Bool {
        guard !local.isEmpty, !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return false }
        return local.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || atomSpecials.contains(scalar))
        }
    }

    private static func isDomain(_ domain: String) -> Bool {
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.utf8.count <= 253 else { return false }
        return labels.allSatisfy { label in
            !label.isEmpty && label.utf8.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") }
        }
    }
}

/// Why a message could not be built or sent. `description` is French: it may reach a form.
public enum MailError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidAddress(String)
    case headerInjection(field: String)
    case emptyBody

    public var description: String {
        switch self {
        case .invalidAddress: "Cette adresse électronique n’est pas valide."
        case .headerInjection(let field): "Le champ « \(field) » contient un retour à la ligne, ce qui n’est pas permis."
        case .emptyBody: "Le message est vide."
        }
    }
}

extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }
}
