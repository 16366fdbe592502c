import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct NetworksPage: Page {
    static let template = Template.networks

    struct Event: Encodable, Sendable {
        let item: AtelierItem
        let region: String?
    }

    let layout: LayoutModel
    let networks: [NetworkCard]
    let ateliers: [Event]
    let partnersURL: String
}
