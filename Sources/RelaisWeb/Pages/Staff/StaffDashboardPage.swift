import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct StaffDashboardPage: Page {
    static let template = Template.staff

    let layout: LayoutModel
    let queue: [CaseRow]
    /// Published sheets past their review date; nil when none.
    let reviewsDue: Int?
    /// Produced by `FranceMap.svg` from escaped text only: safe to insert raw.
    let mapSVG: String
    let attribution: String
    let legend: [CoverageLegendItem]
    let gaps: [String]
    let caseStatus: [Count]
    let late: Int
    let medianAcceptance: String
    let medianClosure: String
    let openedInPeriod: Int
    let byAxis: [Count]
    let bySituation: [Count]
    let byRegion: [Count]
    let load: [Count]
    let lastDelivery: String
    /// Nil when none (a zero would still open the Mustache section).
    let failedMail: Int?
    let csrf: String
    let retryFailedURL: String
    let casesURL: String
    let correspondentsURL: String
    /// Active correspondents routing passes over (no account that can sign in); nil when none.
    let unreachable: Int?
    let unreachableURL: String
    let caseExportURL: String
    let directoryExportURL: String
    let accounts: [Count]
    let mail: [Count]
    let mailServer: String
    let auditURL: String
    /// The accounts' page, for administrators only.
    let accountsURL: String?
    let outboxURL: String

    struct Count: Encodable, Sendable {
        let label: String
        let value: Int
    }
}
