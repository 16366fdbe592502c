import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct CaseConfirmPage: Page {
    static let template = Template.caseConfirm

    let layout: LayoutModel
    let csrf: String
    let title: String
    let explanation: String
    let actionURL: String
    let value: String
    let version: String
    let word: TextArea
    let reasons: [Reason]
    let confirmLabel: String
    let caseURL: String

    struct Reason: Encodable, Sendable {
        let id: String
        let value: String
    }
}
