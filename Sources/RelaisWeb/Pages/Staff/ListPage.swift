import RelaisCore

/// The staff's plain lists (partners, ateliers, networks, situations).
struct ListPage: Page {
    static let template = Template.staffList

    let layout: LayoutModel
    let title: String
    let newURL: String
    let newLabel: String
    let lines: [ListLine]
}

struct ListLine: Encodable, Sendable {
    let url: String
    let name: String
    let detail: String
    let archived: Bool
}
