import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct HomePage: Page {
    static let template = Template.home

    let layout: LayoutModel
    let axes: [AxisLink]
    let situations: [SituationLink]
    let figures: AppDatabase.SiteFigures
    let parcoursURL: String
    let vademecumURL: String
    let searchURL: String
}

extension HomePage {
    init(situations: [Situation], figures: AppDatabase.SiteFigures, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Relais — l’entraide entre directeurs généraux", section: .home, demo: demo, viewer: viewer),
            axes: Axis.allCases.map(AxisLink.init),
            situations: situations.map(SituationLink.init),
            figures: figures,
            parcoursURL: SiteURL.parcours.path,
            vademecumURL: SiteURL.vademecum.path,
            searchURL: SiteURL.search.path
        )
    }
}
