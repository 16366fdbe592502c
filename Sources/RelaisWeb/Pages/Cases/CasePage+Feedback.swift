import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// « Questions de clôture » on a case page, as each reader may see them: the director, a link to the
/// form or what they chose about their comment; the correspondent, the comment only when the
/// director allowed it (never the three answers); staff, everything (their reading of the case is
/// already written to its access history).
struct ClosingFeedbackBlock: Encodable, Sendable {
    let feedbackTitle: String
    let answerURL: String?
    let feedbackStatus: String?
    let answerLines: [ClosingFeedbackPage.Line]
    let feedbackComment: String?

    static func make(_ feedback: CaseFeedback?, role: CaseActorRole, reference: String, status: CaseStatus) -> ClosingFeedbackBlock? {
        guard let feedback else { return nil }
        let answers = feedback.answers
        switch role {
        case .director:
            guard let answers else {
                guard status == .close else { return nil }
                return ClosingFeedbackBlock(
                    feedbackTitle: "Trois questions sur cette demande", answerURL: SiteURL.caseFeedback(reference).path,
                    feedbackStatus: "L’association vous demande si vous avez eu une réponse à temps, si l’aide vous a été utile et si vous recommanderiez Relais.",
                    answerLines: [], feedbackComment: nil)
            }
            let shared = answers.comment.isEmpty ? nil
                : (answers.shareComment ? "Votre correspondant peut lire votre commentaire." : "Seule l’équipe de l’association lit votre commentaire.")
            return ClosingFeedbackBlock(
                feedbackTitle: "Vos réponses aux questions de clôture", answerURL: SiteURL.caseFeedback(reference).path,
                feedbackStatus: "Vous avez répondu le \(CaseDates.dateTime(feedback.answeredAt ?? feedback.requestedAt)). " + (shared ?? ""),
                answerLines: [], feedbackComment: nil)
        case .assignee:
            guard let answers, ClosingFeedbackRules.correspondentReadsComment(shared: answers.shareComment, comment: answers.comment) else { return nil }
            return ClosingFeedbackBlock(
                feedbackTitle: "Le mot du directeur à la clôture", answerURL: nil,
                feedbackStatus: "Le directeur a choisi de vous laisser lire ce commentaire.", answerLines: [], feedbackComment: answers.comment)
        case .staff, .system:
            guard let answers else {
                return ClosingFeedbackBlock(
                    feedbackTitle: "Questions de clôture", answerURL: nil,
                    feedbackStatus: "Posées le \(CaseDates.dateTime(feedback.requestedAt))\u{00A0}; pas de réponse pour l’instant.",
                    answerLines: [], feedbackComment: nil)
            }
            return ClosingFeedbackBlock(
                feedbackTitle: "Questions de clôture", answerURL: nil,
                feedbackStatus: "Réponses du \(CaseDates.dateTime(feedback.answeredAt ?? feedback.requestedAt))"
                    + (answers.comment.isEmpty ? "." : (answers.shareComment ? "\u{00A0}; commentaire partagé avec le correspondant." : "\u{00A0}; commentaire réservé à l’équipe.")),
                answerLines: FeedbackQuestion.allCases.map { ClosingFeedbackPage.Line(question: $0.label, answer: $0.answerLabel(answers.answer($0))) },
                feedbackComment: answers.comment.isEmpty ? nil : answers.comment)
        }
    }
}
