/// The rules of the forms' fields, as the domain states them: each says in French what is wrong, or
/// nil when the value is acceptable. The web puts the message beside the field (`FormErrors`); the
/// rules themselves are here so that every form, and every use case, applies the same ones.
public enum FieldRules {
    /// A phone number: digits, spaces, `+ . - ( )`, 25 characters at most. Empty is acceptable.
    public static func phoneProblem(_ phone: String) -> String? {
        guard !phone.isEmpty else { return nil }
        guard phone.count <= 25, phone.allSatisfy({ $0.isNumber || " +.-()".contains($0) }) else {
            return "Ce numéro de téléphone n’est pas valide\u{00A0}: des chiffres, des espaces et le signe + seulement."
        }
        return nil
    }

    /// A web address: complete, http(s), nothing that could break out of an attribute. Empty is acceptable.
    public static func websiteProblem(_ url: String) -> String? {
        guard !url.isEmpty else { return nil }
        if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.count > 300 || url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" }) {
            return "Indiquez une adresse complète commençant par https://."
        }
        return nil
    }

    /// A person's first and last name.
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "Indiquez votre prénom et votre nom." }
        if name.count > 120 { return "Votre nom est trop long (120 caractères au plus)." }
        return nil
    }

    /// A required text of `maximum` characters at most: `missing` when empty, `tooLong` when over.
    public static func textProblem(_ text: String, maximum: Int, missing: String, tooLong: String? = nil) -> String? {
        if text.isEmpty { return missing }
        if text.count > maximum { return tooLong ?? missing }
        return nil
    }

    /// `2026-12-03T18:30`, as a `datetime-local` field sends it (seconds dropped), or nil.
    public static func localDateTime(_ text: String) -> String? {
        let trimmed = String(text.prefix(16))
        guard trimmed.count == 16, Day(iso: String(trimmed.prefix(10))) != nil, Array(trimmed)[10] == "T",
              let hour = Int(trimmed.dropFirst(11).prefix(2)), let minute = Int(trimmed.suffix(2)), Array(trimmed)[13] == ":",
              (0..<24).contains(hour), (0..<60).contains(minute) else { return nil }
        return trimmed
    }
}
