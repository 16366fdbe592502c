import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SheetHistoryPage: Page {
    static let template = Template.staffSheetHistory

    let layout: LayoutModel
    let csrf: String
    let title: String
    let editorURL: String
    let stateAction: String
    let versions: [VersionLine]
    let from: [FormOption]
    let to: [FormOption]
    let comparing: String?
    let diff: [DiffLine]

    struct VersionLine: Encodable, Sendable {
        let number: Int
        let label: String
        let restorable: Bool
    }

    struct DiffLine: Encodable, Sendable {
        let text: String
        let added: Bool
        let removed: Bool
        let sign: String
    }
}
