import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct AboutPage: Page {
    static let template = Template.about

    let layout: LayoutModel
    let axes: [AxisLink]
}
