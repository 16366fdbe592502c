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

extension SituationEditorPage {
    /// The situation `slug` as stored or as typed, each of its `steps` a group of fields and one
    /// more, empty, to add a step. `stepErrors`: what is wrong with a step, by its index.
    init(slug: String, title: String, summary: String, urgency: String, endOfFunctions: Bool, steps: [ParcoursEditorController.TypedStep],
         errors: FormErrors, stepErrors: [Int: String], notice: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let groups = (steps + [ParcoursEditorController.TypedStep()]).enumerated().map { index, step in
            StepGroup(
                index: index, legend: index < steps.count ? "Étape \(index + 1)" : "Ajouter une étape",
                axes: Axis.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == step.axis) },
                position: step.position, title: step.title, body: step.body, sheets: step.sheets,
                kinds: PartnerKind.allCases.map {
                    CheckField(name: "etape_\(index)_type_\($0.rawValue)", label: $0.label, hint: nil, checked: step.kinds.contains($0.rawValue))
                },
                removable: index < steps.count, error: stepErrors[index]
            )
        }
        self.init(
            layout: LayoutModel(title: "Parcours\u{00A0}: \(title)", section: .staff, demo: demo, viewer: viewer),
            csrf: csrf, notice: notice, action: SiteURL.staffSituation(slug).path, publicURL: SiteURL.situation(slug).path,
            title: FormField("titre", label: "Titre de la situation", value: title, error: errors["titre"]),
            summary: .init("resume", label: "Explication (une ou deux phrases)", value: summary, hint: nil, error: errors["resume"]),
            urgencies: SituationUrgency.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0.rawValue == urgency) },
            endOfFunctions: endOfFunctions, steps: groups, errors: errors.summary
        )
    }

    /// The notice that a redirection to the editor asks for with `?message=`.
    static func notice(_ code: String?) -> String? {
        code == "enregistre" ? "Parcours enregistré\u{00A0}: il est en ligne." : nil
    }
}
