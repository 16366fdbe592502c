import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct StaffCorrespondentsPage: Page {
    static let template = Template.staffCorrespondents

    let layout: LayoutModel
    let lines: [CorrespondentLine]
    let count: Int
    let pagination: Pagination?
    let directoryExportURL: String
    let csrf: String
    let notice: String?
    let unreachableOnly: Bool
    /// Nil when none: a zero would still open the Mustache section.
    let unreachableCount: Int?
    let unreachableURL: String
    let allURL: String
    let toInvite: Int?
    let invitationsAction: String

    struct CorrespondentLine: Encodable, Sendable {
        let url: String
        let name: String
        let departements: String
        let axes: String
        let load: String
        let state: String
        let account: String?
        /// Why routing passes over them, when it does.
        let unreachable: String?
    }
}
