import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct ParcoursPage: Page {
    static let template = Template.parcoursIndex

    struct Choice: Encodable, Sendable {
        let value: String
        let label: String
        let hint: String?
        let selected: Bool
    }

    struct DateField: Encodable, Sendable {
        let name: String
        let label: String
        let value: String
        let error: String?
    }

    let layout: LayoutModel
    let action: String
    let positions: [Choice]
    let situations: [Choice]
    let situationError: String?
    let urgencies: [Choice]
    let employerQuery: String
    let employerResults: [Choice]
    let searched: Bool
    let departements: [Choice]
    let dates: [DateField]
}

extension ParcoursPage {
    /// The questionnaire filled with `answers`. `query` is the questionnaire's query string: the dates
    /// as typed, shown again beside their field when they are not valid. `submitted`: « Voir mon
    /// parcours » was pressed; `searched`: « Rechercher » was, and `employers` are what it found.
    init(answers: ParcoursAnswers, query: [String: String], situations: [Situation], chosen: Situation?, submitted: Bool,
         searched: Bool, employerQuery: String, employers: [Collectivite], departements: [Departement],
         viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Mon parcours", section: .parcours, demo: demo, viewer: viewer),
            action: SiteURL.parcours.path,
            positions: Position.allCases.map { .init(value: $0.rawValue, label: $0.label, hint: nil, selected: $0 == answers.position) },
            situations: situations.map { .init(value: $0.slug, label: $0.title, hint: $0.summary, selected: $0.slug == chosen?.slug) },
            situationError: submitted && chosen == nil ? "Choisissez la situation qui ressemble le plus à la vôtre." : nil,
            urgencies: ParcoursAnswers.Urgency.allCases.map { .init(value: $0.rawValue, label: $0.label, hint: nil, selected: $0 == answers.urgency) },
            employerQuery: employerQuery,
            employerResults: employers.map { .init(value: $0.code, label: EmployerFields.label(of: $0), hint: nil, selected: $0.code == answers.employerCode) },
            searched: searched,
            departements: departements.map {
                .init(value: $0.code, label: "\($0.code) — \($0.name)", hint: nil, selected: $0.code == answers.departementCode)
            },
            dates: ParcoursAnswers.dateFields.map { field in
                .init(name: field.name, label: field.label, value: answers.dates[field.name]?.iso ?? query[field.name] ?? "",
                      error: answers.invalidDates.contains(field.name) ? Day.problem(with: query[field.name] ?? "") : nil)
            }
        )
    }
}
