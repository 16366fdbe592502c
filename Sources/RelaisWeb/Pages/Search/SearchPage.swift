import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SearchPage: Page {
    static let template = Template.search

    struct Hit: Encodable, Sendable {
        /// Built by `Highlight.html`: escaped text and `<mark>` only, safe to insert raw.
        let titleHTML: String
        let excerptHTML: String
        let href: String
    }

    struct Group: Encodable, Sendable {
        let id: String
        let label: String
        let count: Int
        let hits: [Hit]
    }

    let layout: LayoutModel
    let action: String
    let query: String
    /// Words were given and looked for.
    let searched: Bool
    let status: String?
    let groups: [Group]
    let nothingFound: Bool
    let situations: [SituationLink]
    let parcoursURL: String
    let directoryURL: String
    let vademecumURL: String
}
