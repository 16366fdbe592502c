import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct AboutPage: Page {
    static let template = Template.about

    let layout: LayoutModel
    let axes: [AxisLink]
}

extension AboutPage {
    init(viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "À propos et sources", section: .about, demo: demo, viewer: viewer),
            axes: Axis.allCases.map(AxisLink.init)
        )
    }
}
