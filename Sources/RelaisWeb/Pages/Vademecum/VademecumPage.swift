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

extension VademecumPage {
    /// Every published sheet, by axis, then by theme in French alphabetical order (sheets without a
    /// theme last, under « Autres fiches »).
    init(sheets: [FactSheetHeading], viewer: LayoutModel.Viewer?, demo: Bool) {
        var themeNumber = 0
        let groups = Axis.allCases.compactMap { axis -> AxisGroup? in
            let onAxis = sheets.filter { $0.axis == axis }
            guard !onAxis.isEmpty else { return nil }
            let themes = Dictionary(grouping: onAxis, by: \.theme).sorted { lhs, rhs in
                if lhs.key.isEmpty != rhs.key.isEmpty { return !lhs.key.isEmpty }
                return Text.folded(lhs.key) < Text.folded(rhs.key)
            }
            return AxisGroup(axis: AxisLink(axis), themes: themes.map { theme, sheets in
                themeNumber += 1
                return ThemeGroup(id: "theme-\(themeNumber)", name: theme.isEmpty ? "Autres fiches" : theme,
                                  factSheets: sheets.map(FactSheetLink.init))
            })
        }
        self.init(
            layout: LayoutModel(title: "Vademecum juridique", section: .vademecum, demo: demo, viewer: viewer),
            groups: groups,
            count: sheets.count,
            searchURL: SiteURL.search.path
        )
    }
}
