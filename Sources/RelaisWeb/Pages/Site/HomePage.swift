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
