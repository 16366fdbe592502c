import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SituationEditorPage: Page {
    static let template = Template.staffSituation

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    let action: String
    let publicURL: String
    let title: FormField
    let summary: TextArea
    let urgencies: [FormOption]
    let endOfFunctions: Bool
    let steps: [StepGroup]
    let errors: [FormErrors.ErrorLink]

    struct StepGroup: Encodable, Sendable {
        let index: Int
        let legend: String
        let axes: [FormOption]
        let position: String
        let title: String
        let body: String
        let sheets: String
        let kinds: [CheckField]
        let removable: Bool
        let error: String?
    }
}
