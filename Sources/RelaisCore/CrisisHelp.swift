/// Help that cannot wait for a correspondent: on the situations where a director may be in danger
/// (exhaustion, a grave conflict or harassment), these numbers come before anything else on the page,
/// as links a phone can call. Which situations they are is a rule of the association, kept here
/// rather than in the seeds so that a curator's edit cannot drop it by accident.
public enum CrisisHelp {
    public struct Contact: Encodable, Sendable, Equatable {
        /// As dialled, for a `tel:` link.
        public let number: String
        public let label: String
        public let detail: String
    }

    public static let contacts: [Contact] = [
        Contact(number: "3114", label: "Prévention du suicide",
                detail: "Si des idées noires vous traversent\u{00A0}: des soignants vous répondent jour et nuit, gratuitement et en toute confidentialité."),
        Contact(number: "15", label: "SAMU", detail: "Une urgence médicale, pour vous ou un proche."),
        Contact(number: "112", label: "Numéro d’urgence européen", detail: "Depuis n’importe quel téléphone, en France comme à l’étranger."),
    ]

    static let crisisSituations: Set<String> = ["epuisement", "conflit-harcelement"]

    /// Whether the page of the situation `slug` leads with the urgent contacts.
    public static func applies(toSituation slug: String) -> Bool {
        crisisSituations.contains(slug)
    }
}
