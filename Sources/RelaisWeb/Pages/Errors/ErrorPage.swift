import Logging
import RelaisCore
import RelaisUseCases

struct ErrorPage: Page {
    static let template = Template.error

    let layout: LayoutModel
    let status: Int
    let heading: String
    let message: String
    /// Shown for server errors only, so people can quote it to the team.
    let requestId: String?
    let homeURL: String
    let parcoursURL: String
}
