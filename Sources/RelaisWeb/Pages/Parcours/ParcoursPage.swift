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
