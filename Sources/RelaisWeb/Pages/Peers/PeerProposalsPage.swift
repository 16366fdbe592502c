import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The three pairs Relais proposes for a situation, and the director's short message to the one they
/// choose. Each card says what the pair lived, where, and a few lines of their own; never their
/// employer. When nobody fits, the page says what to try.
struct PeerProposalsPage: Page {
    static let template = Template.peerProposals

    let layout: LayoutModel
    let csrf: String
    let action: String
    let backURL: String
    let situation: String
    let situationValue: String
    let sameDepartementAllowed: Bool
    let cards: [Card]
    let none: Bool
    let problem: String?
    let errorSummary: [FormErrors.ErrorLink]
    let pairError: String?
    let messageField: TextArea

    struct Card: Encodable, Sendable {
        let id: String
        let value: String
        let name: String
        let sameSituation: Bool
        /// « une fin de fonctions, une fusion… », in one sentence.
        let experiences: String
        let collectivite: String
        let region: String?
        let availability: String
        let presentation: String
        let checked: Bool
    }
}

extension PeerProposalsPage {
    struct Typed: Sendable {
        var pairId: Int64?
        var message = ""
    }

    init(cards: [AppDatabase.PeerCard], situation: PeerExperience, sameDepartementAllowed: Bool, typed: Typed, errors: FormErrors,
         problem: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Choisir un pair", section: .network, demo: demo, viewer: viewer),
            csrf: csrf, action: SiteURL.peerRequests.path, backURL: SiteURL.peers.path,
            situation: situation.label, situationValue: situation.rawValue, sameDepartementAllowed: sameDepartementAllowed,
            cards: cards.map { card in
                Card(id: "pair-\(card.userId)", value: String(card.userId), name: card.name, sameSituation: card.experiences.contains(situation),
                     experiences: card.experiences.map { $0.label.lowercasedFirst }.joined(separator: ", "), collectivite: "\(card.kind.label), \(card.size.label.lowercasedFirst)",
                     region: card.regionName, availability: card.availability, presentation: card.presentation,
                     checked: typed.pairId == card.userId)
            },
            none: cards.isEmpty, problem: problem,
            errorSummary: errors.summary, pairError: errors["pair"],
            messageField: TextArea("message", label: "Votre message au pair", value: typed.message,
                                   hint: "Quelques lignes pour vous présenter et dire ce que vous aimeriez partager. Le pair les lira avant d’accepter\u{00A0}; "
                                       + "votre nom ne lui sera donné que s’il accepte. \(PeerRules.messageLimit) caractères au plus.",
                                   error: errors["message"])
        )
    }
}
