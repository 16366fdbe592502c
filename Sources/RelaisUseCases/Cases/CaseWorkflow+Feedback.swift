import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) import RelaisStore

extension CaseWorkflow {
    /// Asks the director of a case just closed the three questions (`ClosingFeedbackRules`), once in
    /// the case's life: the request is written with the close, and so is its mail. The mail is as
    /// neutral as the other notices (a reference, no word of the case) and its link opens a form in
    /// the director's space: following it records nothing.
    func askForFeedback(_ caseFile: CaseFile, outcome: CaseOutcome, now: Date, in db: Database) throws {
        guard ClosingFeedbackRules.asks(after: outcome), caseFile.directorId != nil, caseFile.anonymisedAt == nil,
              let id = caseFile.id, let reference = caseFile.reference,
              try AppDatabase.requestClosingFeedback(caseId: id, now: now, in: db) else { return }
        // An anonymised case has no address left: the request stays for the page, no mail goes.
        guard !caseFile.notificationEmail.isEmpty else { return }
        try notifier.notify(.closingFeedback, to: caseFile.notificationEmail, values: ["reference": reference], link: .caseFeedback(reference),
                            date: now, in: db)
    }
}
