import Foundation

/// Where a « fiche initiative » stands (`groupInitiative.status`).
public enum InitiativeStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Read by the group's members only.
    case inGroup = "equipe"
    /// Its author agreed to show it to the association's staff, who may publish it.
    case proposed = "proposee"
    /// Staff took it up: a draft « retour d’expérience » exists in the vademecum, which the four-eyes
    /// curation publishes (or not).
    case takenUp = "reprise"
    /// Staff will not publish it; it stays in the group.
    case declined = "ecartee"

    public var label: String {
        switch self {
        case .inGroup: "Dans l’équipe"
        case .proposed: "Proposée à l’association"
        case .takenUp: "Reprise en retour d’expérience"
        case .declined: "Non retenue pour le vademecum"
        }
    }
}

/// The rules of « fiches initiatives »: an initiative or a practice a member writes up in their
/// exchange group — what, where, who to contact, what came of it — kept in the group or, with the
/// author's consent, proposed to staff, who may turn it into a « retour d’expérience » of the
/// vademecum through the usual curation.
public enum InitiativeRules {
    public static let titleLimit = 120
    public static let textLimit = 4_000
    public static let lineLimit = 300
    /// The vademecum theme and tags a « retour d’expérience » is filed under.
    public static let sheetTheme = "Retours d’expérience"
    public static let sheetTags = "retour d’expérience\ninitiative"

    /// The fields of a fiche, as typed.
    public struct Fields: Sendable, Equatable {
        public var title: String
        public var what: String
        public var place: String
        public var contact: String
        public var outcome: String

        public init(title: String, what: String, place: String, contact: String, outcome: String) {
            self.title = title
            self.what = what
            self.place = place
            self.contact = contact
            self.outcome = outcome
        }

        /// The problems, by field name, in the words shown beside each field.
        public var problems: [(field: String, message: String)] {
            var problems: [(String, String)] = []
            if title.isEmpty { problems.append(("titre", "Donnez un titre à l’initiative.")) }
            else if title.count > titleLimit { problems.append(("titre", "Le titre dépasse \(titleLimit) caractères.")) }
            if what.isEmpty { problems.append(("quoi", "Décrivez ce qui a été fait.")) }
            else if what.count > textLimit { problems.append(("quoi", "La description dépasse \(textLimit) caractères.")) }
            if place.count > lineLimit { problems.append(("ou", "Le lieu dépasse \(lineLimit) caractères.")) }
            if contact.count > lineLimit { problems.append(("contact", "Le contact dépasse \(lineLimit) caractères.")) }
            if outcome.count > textLimit { problems.append(("resultat", "Le résultat dépasse \(textLimit) caractères.")) }
            return problems
        }
    }

    /// Who may edit a fiche: its author, while it is not in staff's hands.
    public static func mayEdit(_ status: InitiativeStatus, isAuthor: Bool) -> Bool {
        isAuthor && (status == .inGroup || status == .declined)
    }

    /// Who may propose it to staff: its author, once.
    public static func mayPropose(_ status: InitiativeStatus, isAuthor: Bool) -> Bool {
        isAuthor && (status == .inGroup || status == .declined)
    }

    /// The Markdown of the draft « retour d’expérience »: the fiche's sections, each a heading, empty
    /// ones left out. Staff edit it before it goes through review.
    public static func sheetMarkdown(_ fields: Fields) -> String {
        [("Ce qui a été fait", fields.what), ("Où", fields.place), ("Qui contacter", fields.contact), ("Ce qui en est ressorti", fields.outcome)]
            .filter { !$0.1.isEmpty }
            .map { "## \($0.0)\n\n\($0.1)" }
            .joined(separator: "\n\n")
    }

    /// The draft's summary: the first sentence (or line) of what was done, at most 200 characters.
    public static func sheetSummary(_ fields: Fields) -> String {
        let firstLine = fields.what.split(separator: "\n").first.map(String.init) ?? ""
        let sentence = firstLine.split(separator: ".", maxSplits: 1).first.map { String($0) + "." } ?? firstLine
        return sentence.count <= 200 ? sentence : String(sentence.prefix(199)) + "…"
    }
}
