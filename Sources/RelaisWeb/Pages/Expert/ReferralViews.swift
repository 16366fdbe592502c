import Foundation
import RelaisCore
import RelaisStore

/// The pieces of an avis request that the expert's page and the case page both show.
enum ReferralViews {
    struct Document: Encodable, Sendable {
        let name: String
        let url: String?
        let details: String
    }

    struct Message: Encodable, Sendable {
        let author: String
        let when: String
        let body: String
        let mine: Bool
        let documents: [Document]
    }

    /// `url`: where this reader opens a file, nil once withdrawn.
    static func document(_ document: CaseDocument, url: (Int64) -> String) -> Document {
        Document(name: document.name, url: document.isWithdrawn ? nil : url(document.id ?? 0),
                 details: document.isWithdrawn ? "retirée" : "\(document.kind.label), \(DocumentLimits.label(bytes: document.size))")
    }

    /// The thread as `reader` sees it; the expert is named with their organisation, the others by role.
    static func messages(_ detail: AppDatabase.ReferralDetail, reader: User, forExpert: Bool, url: (Int64) -> String) -> [Message] {
        detail.messages.map { item in
            let mine = item.message.authorUserId == reader.id
            let author: String = switch item.message.authorRole {
            case "expert": mine ? "Vous" : "\(detail.expert.name) (\(detail.expert.organisation))"
            case CaseActorRole.staff.rawValue: mine ? "Vous" : "L’équipe de l’association"
            default: mine ? "Vous" : (forExpert ? "Le correspondant" : (item.authorName ?? "Le correspondant"))
            }
            return Message(author: author, when: CaseDates.dateTime(item.message.at), body: item.message.body, mine: mine,
                           documents: item.documents.map { document($0, url: url) })
        }
    }
}
