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
    let peersURL = SiteURL.peers.path
}

extension NetworksPage {
    /// `ateliers`: the upcoming ones, each with the name of its région when it has one.
    init(networks: [Network], ateliers: [(Atelier, String?)], viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Réseaux et ateliers", section: .network, demo: demo, viewer: viewer),
            networks: networks.map(NetworkCard.init),
            ateliers: ateliers.map { Event(item: AtelierItem($0.0), region: $0.1) },
            partnersURL: SiteURL.partners.path
        )
    }
}
