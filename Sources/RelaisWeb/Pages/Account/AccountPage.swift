import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct AccountPage: Page {
    static let template = Template.account

    let layout: LayoutModel
    let csrf: String
    let name: String
    let email: String
    let notificationEmail: String
    let role: String
    let position: String?
    let employer: String?
    let departement: String?
    let phone: String?
    let notice: String?
    let signOutEverywhereURL: String
    let secondFactorURL: String
    let myDataURL: String
    let parcoursURL: String
    let profileURL: String
    let addressURL: String
    let passwordURL: String
    /// The browsers signed in to the account, this one first.
    let sessions: [SessionLine]
    let hasOtherSessions: Bool

    struct SessionLine: Encodable, Sendable {
        let device: String
        let address: String
        let since: String
        let lastSeen: String
        let isCurrent: Bool
    }
}
