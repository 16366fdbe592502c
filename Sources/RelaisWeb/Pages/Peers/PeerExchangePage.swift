import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// One exchange between a director and their pair, as one of the two reads it: the request and its
/// answer, then the private thread while it runs. The director's name reaches the pair only once
/// they accept; the pair's employer is never shown.
struct PeerExchangePage: Page {
    static let template = Template.peerExchange

    let layout: LayoutModel
    let csrf: String
    let backURL: String
    let situation: String
    let stage: String
    let period: String?
    let notice: String?
    let problem: String?
    /// The other person, in the words this reader may see.
    let other: String
    let otherDetails: [String]
    let otherPresentation: String?
    let declineReason: String?
    let declinedForDirector: Bool
    let newRequestURL: String?
    /// The pair, before answering.
    let answerURL: String?
    let reasonField: TextArea?
    /// The director, before the pair answers.
    let withdrawURL: String?
    let stateURL: String
    let messages: [Message]
    let canWrite: Bool
    let messageURL: String
    let messageField: TextArea
    let mayEnd: Bool
    let mayRenew: Bool
    let renewHint: String?

    struct Message: Encodable, Sendable {
        let author: String
        let when: String
        let body: String
        let mine: Bool
    }
}

extension PeerExchangePage {
    static let notices: [String: String] = [
        "acceptee": "Vous avez accepté l’échange. Vous pouvez écrire ci-dessous\u{00A0}; le directeur est prévenu.",
        "declinee": "Vous avez décliné la demande. Le directeur est prévenu et pourra choisir un autre pair.",
        "message": "Votre message est envoyé.",
        "retrait": "Votre demande est retirée.",
        "fin": "L’échange est terminé. Les messages restent lisibles ici.",
        "prolongation": "L’échange est prolongé de trois mois.",
    ]

    init(_ exchange: AppDatabase.PeerExchange, viewer user: User, today: Day, notice: String?, problem: String? = nil, typedMessage: String = "",
         messageError: String? = nil, typedReason: String = "", reasonError: String? = nil, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let request = exchange.request, id = request.id ?? 0
        let isDirector = user.id == request.directorUserId
        let stage = request.stage(today: today)
        let accepted = request.status == .accepted || request.status == .ended
        let other: String
        var details: [String] = []
        var presentation: String?
        if isDirector {
            other = exchange.pair.name
            if let volunteer = exchange.volunteer {
                details.append("\(volunteer.collectiviteKind.label), \(volunteer.collectiviteSize.label.lowercasedFirst)")
                if let region = exchange.pairRegionName { details.append(region) }
                if !volunteer.availability.isEmpty { details.append("Disponibilités\u{00A0}: \(volunteer.availability)") }
                presentation = volunteer.presentation
            }
        } else if accepted {
            other = exchange.director.name
            details = [exchange.director.employerName, exchange.director.departementName].compactMap { $0?.isEmpty == false ? $0 : nil }
        } else {
            other = "Un membre de l’association"
            if let departement = exchange.director.departementName { details.append("Département\u{00A0}: \(departement)") }
        }
        let period: String? = switch stage {
        case .running, .expired: request.endsOn.map { "Échange ouvert jusqu’au \($0.frenchLong)" + (request.renewals > 0 ? " (prolongé)" : "") }
        default: nil
        }
        let renewable = PeerRules.renewed(request.status, endsOn: request.endsOn, today: today) != nil
        // The director's first words open the thread.
        let opening = Message(author: isDirector ? "Vous" : (accepted ? exchange.director.name : "Le membre"),
                              when: CaseDates.dateTime(request.createdAt), body: request.message, mine: isDirector)
        let thread = exchange.messages.map { message in
            let mine = message.authorUserId == user.id
            let author = mine ? "Vous" : (message.authorUserId == request.directorUserId ? exchange.director.name : exchange.pair.name)
            return Message(author: author, when: CaseDates.dateTime(message.at), body: message.body, mine: mine)
        }
        self.init(
            layout: LayoutModel(title: "Échange entre pairs", section: .network, demo: demo, viewer: viewer),
            csrf: csrf, backURL: SiteURL.peers.path, situation: request.experience.label, stage: stage.label, period: period,
            notice: notice, problem: problem, other: other, otherDetails: details, otherPresentation: presentation,
            declineReason: isDirector && request.status == .declined && !request.declineReason.isEmpty ? request.declineReason : nil,
            declinedForDirector: isDirector && request.status == .declined,
            newRequestURL: isDirector && request.status == .declined
                ? SiteURL.peerProposals.absolute(base: "", query: [("situation", request.experience.rawValue)]
                    + (request.sameDepartementAllowed ? [("meme-departement", "oui")] : [])) : nil,
            answerURL: !isDirector && stage == .pending ? SiteURL.peerExchangeAnswer(id).path : nil,
            reasonField: !isDirector && stage == .pending
                ? TextArea("motif", label: "Si vous déclinez, un mot pour le membre (facultatif)", value: typedReason,
                           hint: "Par exemple\u{00A0}: « je ne suis pas disponible en ce moment ». \(PeerRules.reasonLimit) caractères au plus.",
                           error: reasonError)
                : nil,
            withdrawURL: isDirector && stage == .pending ? SiteURL.peerExchangeState(id).path : nil,
            stateURL: SiteURL.peerExchangeState(id).path,
            messages: stage == .pending || stage == .declined || stage == .withdrawn ? [opening] : [opening] + thread,
            canWrite: stage == .running,
            messageURL: SiteURL.peerExchangeMessage(id).path,
            messageField: TextArea("message", label: "Votre message", value: typedMessage,
                                   hint: "Seuls vous et \(isDirector ? "le pair" : "le membre") lisez cet échange. \(PeerRules.messageLimit) caractères au plus.",
                                   error: messageError),
            mayEnd: stage == .running, mayRenew: renewable,
            renewHint: renewable ? "Vous pouvez prolonger l’échange de trois mois." : nil
        )
    }
}
