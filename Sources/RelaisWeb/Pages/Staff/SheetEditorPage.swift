import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SheetEditorPage: Page {
    static let template = Template.staffSheet

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    /// Why the last action was refused. Not named `error`: Mustache would find it from inside the
    /// form fields, whose own `error` is nil, and mark them all invalid.
    let refusal: String?
    let isNew: Bool
    let heading: String
    let action: String
    let stateAction: String
    let historyURL: String?
    let publicURL: String?
    let status: String?
    let latest: String?
    let fourEyesNote: String?
    let title: FormField
    let summary: TextArea
    let axes: [FormOption]
    let axisError: String?
    let theme: FormField
    let tags: TextArea
    let references: TextArea
    let body: TextArea
    let related: FormField
    let nextReview: FormField
    /// HTML produced by `Markdown.sheetHTML` from the typed text: safe to insert raw.
    let preview: String?
    let actions: [Action]
    let errors: [FormErrors.ErrorLink]

    struct Action: Encodable, Sendable {
        let value: String
        let label: String
        let primary: Bool
    }
}
