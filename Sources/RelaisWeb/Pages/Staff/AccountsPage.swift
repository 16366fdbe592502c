import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct AccountsPage: Page {
    static let template = Template.staffAccounts

    struct Row: Encodable, Sendable {
        let name: String
        let email: String
        let role: String
        let secondFactor: String
        /// Where the reset form posts; nil without a second factor to reset.
        let resetURL: String?
    }

    let layout: LayoutModel
    let csrf: String
    let query: String
    let notice: String?
    let rows: [Row]
    let count: Int
}

extension AccountsPage {
    /// `users`: the accounts matching `query`. `reset`: a second factor was just reset, as the
    /// redirection after the reset says.
    init(users: [User], query: String, reset: Bool, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Comptes", section: .staff, demo: demo, viewer: viewer),
            csrf: csrf, query: query,
            notice: reset ? "La double authentification de ce compte est réinitialisée et ses sessions sont fermées." : nil,
            rows: users.compactMap { user in
                user.id.map { id in
                    Row(
                        name: user.name, email: user.email, role: user.role.label,
                        secondFactor: user.secondFactorAt.map { "activée le " + CaseDates.numeric($0) }
                            ?? (user.role.isStaff ? "non activée (obligatoire)" : "non activée"),
                        resetURL: user.secondFactorAt == nil ? nil : SiteURL.staffAccountSecondFactorReset(id).path
                    )
                }
            },
            count: users.count
        )
    }
}
