import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct StaffCasesPage: Page {
    static let template = Template.staffCases

    let layout: LayoutModel
    let statuses: [FormOption]
    let axes: [FormOption]
    let regions: [FormOption]
    let lateOnly: Bool
    let cases: [CaseRow]
    let count: Int
    let pagination: Pagination?
    let exportURL: String
}
