import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Staff's moderation list of exchange groups: proposals to decide, then every group with its
/// number of members. Nothing of what is inside a group.
struct StaffGroupsPage: Page {
    static let template = Template.staffGroups

    let layout: LayoutModel
    let notice: String?
    let newURL: String
    let proposed: [Line]
    let groups: [Line]

    struct Line: Encodable, Sendable {
        let title: String
        let url: String
        let scope: String
        let status: String
        let members: String
        let admission: String
    }

}

extension StaffGroupsPage {
    static let notices: [String: String] = [
        "creee": "L’équipe est créée\u{00A0}; son référent en est prévenu.",
        "approuvee": "La proposition est acceptée\u{00A0}: l’équipe est ouverte, et son auteur prévenu.",
        "refusee": "La proposition est refusée\u{00A0}; son auteur est prévenu.",
    ]

    init(_ lines: [AppDatabase.GroupLine], notice: String?, viewer: LayoutModel.Viewer?, demo: Bool) {
        let all = lines.map { line in
            (line.group.status, Line(title: line.group.title, url: SiteURL.staffGroup(line.group.id ?? 0).path, scope: line.regionName ?? "Toute la France",
                                     status: line.group.status.label, members: "\(line.members) sur \(line.group.capacity)",
                                     admission: line.group.admission.label))
        }
        self.init(
            layout: LayoutModel(title: "Équipes d’échanges", section: .staff, demo: demo, viewer: viewer), notice: notice,
            newURL: SiteURL.staffGroupNew.path,
            proposed: all.filter { $0.0 == .proposed }.map { $0.1 }, groups: all.filter { $0.0 != .proposed }.map { $0.1 }
        )
    }
}

/// Staff's moderation view of one group: that it exists, what it is about, who is in it; and, for a
/// proposal, the decision. Never its meetings, notes or action items.
struct StaffGroupPage: Page {
    static let template = Template.staffGroup

    let layout: LayoutModel
    let title: String
    let audience: String
    let description: String?
    let facts: [GroupPage.Fact]
    let people: [Person]
    let decisionURL: String?
    let csrf: String
    let problem: String?
    let backURL: String

    struct Person: Encodable, Sendable {
        let name: String
        let email: String
        let role: String
        let status: String
    }

}

extension StaffGroupPage {
    init(group: ExchangeGroup, regionName: String?, people: [AppDatabase.GroupPerson], problem: String? = nil, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: group.title, section: .staff, demo: demo, viewer: viewer),
            title: group.title, audience: group.audience, description: group.description.nonEmpty,
            facts: [
                GroupPage.Fact(label: "État", value: group.status.label),
                GroupPage.Fact(label: "Territoire", value: regionName ?? "Toute la France"),
                GroupPage.Fact(label: "Accueil", value: group.admission.label),
                GroupPage.Fact(label: "Taille", value: "\(group.capacity) membres au plus"),
                GroupPage.Fact(label: "Créée le", value: CaseDates.numeric(group.createdAt)),
            ],
            people: people.map {
                Person(name: $0.name, email: $0.email, role: $0.role.label,
                       status: $0.member.status.label + ($0.member.referent && $0.member.status == .member ? ", référent" : ""))
            },
            decisionURL: group.status == .proposed ? SiteURL.staffGroupDecision(group.id ?? 0).path : nil,
            csrf: csrf, problem: problem, backURL: SiteURL.staffGroups.path
        )
    }
}
