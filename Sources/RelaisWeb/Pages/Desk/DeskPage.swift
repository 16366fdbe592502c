import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct DeskPage: Page {
    static let template = Template.desk

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    let name: String
    let linked: Bool
    let groups: [CaseGroup]
    let openCount: Int
    let position: String?
    let departements: [String]
    let axes: [String]
    let capacity: Int?
    let absentUntil: String?
    let available: Bool
    let availabilityAction: String
    let absentField: FormField
    let capacityField: FormField

    struct CaseGroup: Encodable, Sendable {
        let title: String
        let cases: [CaseRow]
    }
}
