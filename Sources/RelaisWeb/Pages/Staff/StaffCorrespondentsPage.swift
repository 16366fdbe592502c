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

extension StaffCorrespondentsPage {
    /// Page `pageNumber` of the correspondents (`rows`, of `total`), all or only those routing passes
    /// over (`unreachableOnly`). `unreachable` and `toInvite` count the correspondents without an
    /// account that can sign in, and those who could be invited; `invited`: how many invitations just
    /// left, as the redirection after « Inviter » says.
    init(rows: [AppDatabase.CorrespondentRow], total: Int, pageNumber: Int, unreachableOnly: Bool, unreachable: Int, toInvite: Int,
         invited: Int?, today: Day, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Correspondants", section: .staff, demo: demo, viewer: viewer),
            lines: rows.map { row in
                let c = row.correspondent
                let state = !c.active ? "Désactivé" : (c.absentUntil.map { $0 >= today ? "Absent jusqu’au \($0.frenchLong)" : nil } ?? nil) ?? "Disponible"
                return CorrespondentLine(url: SiteURL.staffCorrespondent(c.id ?? 0).path, name: "\(c.firstName) \(c.lastName)",
                                         departements: row.departementCodes.joined(separator: ", "), axes: row.axes.map(\.label).joined(separator: ", "),
                                         load: "\(row.load)/\(c.capacity)", state: state, account: row.accountEmail,
                                         unreachable: Self.unreachableReason(row))
            },
            count: total,
            pagination: Pagination(page: pageNumber, hasNext: Pagination.offset(page: pageNumber) + rows.count < total, total: total) {
                SiteURL.staffCorrespondents.absolute(base: "", query: (unreachableOnly ? [("joignable", "non")] : []) + [("page", String($0))])
            },
            directoryExportURL: SiteURL.staffDirectoryExport.path,
            csrf: csrf,
            notice: invited.map { $0 == 1 ? "1 invitation envoyée." : "\($0) invitations envoyées." },
            unreachableOnly: unreachableOnly,
            unreachableCount: unreachable.nonZero,
            unreachableURL: SiteURL.staffCorrespondents.absolute(base: "", query: [("joignable", "non")]),
            allURL: SiteURL.staffCorrespondents.path,
            toInvite: toInvite.nonZero,
            invitationsAction: SiteURL.staffCorrespondentInvitations.path
        )
    }

    /// Why routing gives no case to a correspondent, in staff's words; nil when it may.
    static func unreachableReason(_ row: AppDatabase.CorrespondentRow) -> String? {
        guard row.correspondent.active, !row.canSignIn else { return nil }
        return row.accountEmail == nil ? "Pas de compte\u{00A0}: ne reçoit aucune demande" : "Invité, pas encore inscrit\u{00A0}: ne reçoit aucune demande"
    }
}
