import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The three questions of a closed case, for its director (`demandes/retour`): the form while they
/// have not answered, their answers once they have.
struct ClosingFeedbackPage: Page {
    static let template = Template.closingFeedback

    let layout: LayoutModel
    let reference: String
    let caseURL: String
    let myCasesURL: String
    let csrf: String
    let action: String
    let errors: [FormErrors.ErrorLink]
    /// Why the answers were not recorded (answered already).
    let refusal: String?
    /// The form, while unanswered.
    let form: Form?
    /// The answers given, once answered.
    let answered: Answered?

    struct Form: Encodable, Sendable {
        let questions: [ChoiceGroup]
        let comment: TextArea
        let share: Bool
        let shareError: String?
    }

    struct Answered: Encodable, Sendable {
        let when: String
        let lines: [Line]
        let comment: String?
        let shared: Bool
    }

    struct Line: Encodable, Sendable {
        let question: String
        let answer: String
    }
}

extension ClosingFeedbackPage {
    /// The form's field names.
    enum Name {
        static func question(_ question: FeedbackQuestion) -> String { question.rawValue }
        static let comment = "commentaire"
        static let share = "partage"
    }

    /// What the director typed, kept when the form comes back.
    struct Typed: Sendable {
        var answers: [FeedbackQuestion: String] = [:]
        var comment = ""
        var share = false
    }

    init(reference: String, feedback: CaseFeedback, typed: Typed, errors: FormErrors, refusal: String?, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let choices = FeedbackAnswer.allCases
        let form: Form? = feedback.isAnswered ? nil : Form(
            questions: FeedbackQuestion.allCases.map { question in
                ChoiceGroup(Name.question(question), legend: question.label,
                            choices: choices.map { ($0.rawValue, question.answerLabel($0)) },
                            selected: typed.answers[question] ?? "", error: errors[Name.question(question)])
            },
            comment: TextArea(Name.comment, label: "Un commentaire (facultatif)", value: typed.comment,
                              hint: "Ce qui vous a aidé, ce qui a manqué. 2\u{00A0}000 caractères au plus.", error: errors[Name.comment]),
            share: typed.share, shareError: nil
        )
        let answered: Answered? = feedback.answers.map { answers in
            Answered(
                when: CaseDates.dateTime(feedback.answeredAt ?? feedback.requestedAt),
                lines: FeedbackQuestion.allCases.map { Line(question: $0.label, answer: $0.answerLabel(answers.answer($0))) },
                comment: answers.comment.isEmpty ? nil : answers.comment, shared: answers.shareComment
            )
        }
        self.init(
            layout: LayoutModel(title: "Trois questions sur la demande \(reference)", section: .account, demo: demo, viewer: viewer),
            reference: reference, caseURL: SiteURL.caseFile(reference).path, myCasesURL: SiteURL.myCases.path, csrf: csrf,
            action: SiteURL.caseFeedback(reference).path, errors: errors.summary, refusal: refusal, form: form, answered: answered
        )
    }
}
