import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct NetworkEditorPage: Page {
    static let template = Template.staffEditor

    let layout: LayoutModel
    let csrf: String
    let title: String
    let action: String
    let backURL: String
    let backLabel: String
    let notice: String?
    let fields: [Field]
    let errors: [FormErrors.ErrorLink]

    /// One field of a generic editor; the template shows it by kind.
    struct Field: Encodable, Sendable {
        let name: String
        let label: String
        let value: String
        let hint: String?
        let error: String?
        let isText: Bool
        let isTextarea: Bool
        let isSelect: Bool
        let isCheckbox: Bool
        let isChecks: Bool
        let type: String
        let options: [FormOption]
        let checks: [CheckField]
        let checked: Bool

        static func text(_ name: String, _ label: String, _ value: String, type: String = "text", hint: String? = nil, errors: FormErrors) -> Field {
            Field(name: name, label: label, value: value, hint: hint, error: errors[name], isText: true, isTextarea: false, isSelect: false,
                  isCheckbox: false, isChecks: false, type: type, options: [], checks: [], checked: false)
        }

        static func textarea(_ name: String, _ label: String, _ value: String, hint: String? = nil, errors: FormErrors) -> Field {
            Field(name: name, label: label, value: value, hint: hint, error: errors[name], isText: false, isTextarea: true, isSelect: false,
                  isCheckbox: false, isChecks: false, type: "", options: [], checks: [], checked: false)
        }

        static func select(_ name: String, _ label: String, _ options: [FormOption], errors: FormErrors) -> Field {
            Field(name: name, label: label, value: "", hint: nil, error: errors[name], isText: false, isTextarea: false, isSelect: true,
                  isCheckbox: false, isChecks: false, type: "", options: options, checks: [], checked: false)
        }

        static func checkbox(_ name: String, _ label: String, _ checked: Bool, hint: String? = nil) -> Field {
            Field(name: name, label: label, value: "oui", hint: hint, error: nil, isText: false, isTextarea: false, isSelect: false,
                  isCheckbox: true, isChecks: false, type: "", options: [], checks: [], checked: checked)
        }

        static func checks(_ name: String, _ label: String, _ checks: [CheckField], errors: FormErrors) -> Field {
            Field(name: name, label: label, value: "", hint: nil, error: errors[name], isText: false, isTextarea: false, isSelect: false,
                  isCheckbox: false, isChecks: true, type: "", options: [], checks: checks, checked: false)
        }
    }
}
