import RelaisCore
import RelaisStore
import RelaisUseCases

struct VademecumPage: Page {
    static let template = Template.vademecumIndex

    struct ThemeGroup: Encodable, Sendable {
        let id: String
        let name: String
        let factSheets: [FactSheetLink]
    }

    struct AxisGroup: Encodable, Sendable {
        let axis: AxisLink
        let themes: [ThemeGroup]
    }

    let layout: LayoutModel
    let groups: [AxisGroup]
    let count: Int
    let searchURL: String
}
