import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// `/groupes`: the member's exchange groups, their invitations and requests, and the open groups
/// they may ask to join (what a group is about, never what is inside it).
struct GroupsPage: Page {
    static let template = Template.groups

    let layout: LayoutModel
    let notice: String?
    let problem: String?
    let csrf: String
    let mine: [Line]
    let invitations: [Line]
    let requests: [Line]
    let open: [Line]
    /// Directors and correspondents may propose a group and ask to join one.
    let proposalURL: String?
    let joinURL: String
    let answerURL: String
    let accountURL: String

    struct Line: Encodable, Sendable {
        let id: Int64
        let title: String
        let audience: String
        let scope: String
        let admission: String
        let places: String
        let full: Bool
        /// The group's space, for its members.
        let url: String?
        /// « Proposée, en attente de l’équipe », « Référent ».
        let status: String?

        init(_ line: AppDatabase.GroupLine) {
            let group = line.group
            id = group.id ?? 0
            title = group.title
            audience = group.audience
            scope = line.regionName ?? "Toute la France"
            admission = group.admission.label
            let left = GroupRules.placesLeft(capacity: group.capacity, members: line.members)
            full = left == 0
            places = left == 0 ? "Complète (\(group.capacity) membres)" : "\(line.members) membre(s) sur \(group.capacity)"
            let member = line.mine?.status == .member
            url = member && group.status == .active ? SiteURL.group(id).path : nil
            if group.status == .proposed {
                status = GroupStatus.proposed.label
            } else if member, line.mine?.referent == true {
                status = "Vous en êtes le référent"
            } else {
                status = nil
            }
        }
    }
}

extension GroupsPage {
    static let notices: [String: String] = [
        "demande": "Votre demande est transmise au référent de l’équipe. Un message vous dira sa réponse.",
        "rejoint": "Vous faites maintenant partie de l’équipe.",
        "refusee": "Vous avez décliné l’invitation.",
        "proposee": "Votre proposition est transmise à l’équipe de l’association, qui vous répondra par message.",
    ]

    init(_ overview: AppDatabase.GroupsOverview, user: User, notice: String?, problem: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let member = GroupRules.mayPropose(user.role)
        self.init(
            layout: LayoutModel(title: "Mes équipes d’échanges", section: .account, demo: demo, viewer: viewer),
            notice: notice, problem: problem, csrf: csrf,
            mine: overview.mine.filter { $0.mine?.status == .member }.map(Line.init),
            invitations: overview.mine.filter { $0.mine?.status == .invited }.map(Line.init),
            requests: overview.mine.filter { $0.mine?.status == .requested }.map(Line.init),
            open: member ? overview.open.filter { $0.group.admission == .onRequest }.map(Line.init) : [],
            proposalURL: member ? SiteURL.groupProposal.path : nil,
            joinURL: SiteURL.groupJoinRequest.path, answerURL: SiteURL.groupInvitationAnswer.path, accountURL: SiteURL.account.path
        )
    }
}

/// The form describing a group: a member's proposal, or staff's creation (with the référent).
struct GroupFormPage: Page {
    static let template = Template.groupForm

    let layout: LayoutModel
    let title: String
    let intro: String
    let action: String
    let backURL: String
    let backLabel: String
    let csrf: String
    let errors: [FormErrors.ErrorLink]
    let theme: FormField
    let audience: FormField
    let description: TextArea
    let regionError: String?
    let regions: [FormOption]
    let capacity: FormField
    let admissionError: String?
    let admissions: [FormOption]
    let referent: FormField?
    let submitLabel: String

}

extension GroupFormPage {
    init(form: GroupForm, staff: Bool, regions allRegions: [Region], csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let values = form.values, errors = form.errors
        let title = staff ? "Créer une équipe d’échanges" : "Proposer une équipe d’échanges"
        let region = values["region"] ?? ""
        self.init(
            layout: LayoutModel(title: title, section: staff ? .staff : .account, demo: demo, viewer: viewer),
            title: title,
            intro: staff
                ? "L’équipe est ouverte dès sa création. Son référent, un membre de l’association, accueille les nouveaux membres et planifie les réunions."
                : "Votre proposition part vers l’équipe de l’association, qui l’examine. Une fois acceptée, l’équipe est ouverte et vous en êtes le référent.",
            action: staff ? SiteURL.staffGroupNew.path : SiteURL.groupProposal.path,
            backURL: staff ? SiteURL.staffGroups.path : SiteURL.groups.path,
            backLabel: staff ? "Équipes d’échanges" : "Mes équipes d’échanges",
            csrf: csrf, errors: errors.summary,
            theme: FormField("titre", label: "Thème de l’équipe", value: values["titre"] ?? "",
                             hint: "Par exemple «\u{00A0}Conduire une réorganisation après une fusion\u{00A0}».", error: errors["titre"]),
            audience: FormField("public", label: "À qui s’adresse-t-elle\u{00A0}?", value: values["public"] ?? "",
                                hint: "Par exemple «\u{00A0}DGS de communes de 10\u{00A0}000 à 50\u{00A0}000 habitants\u{00A0}».", error: errors["public"]),
            description: TextArea("description", label: "Présentation (facultatif)", value: values["description"] ?? "",
                                  hint: "Ce que l’équipe veut travailler, son rythme de réunions.", error: errors["description"]),
            regionError: errors["region"],
            regions: [FormOption(value: "", label: "Toute la France", selected: region.isEmpty)]
                + allRegions.map { FormOption(value: $0.code, label: $0.name, selected: $0.code == region) },
            capacity: FormField("places", label: "Nombre de membres au plus", type: "number", value: values["places"] ?? "",
                                hint: "Une douzaine permet à chacun de s’exprimer (de 2 à \(GroupRules.maximumCapacity)).", error: errors["places"]),
            admissionError: errors["admission"],
            admissions: GroupAdmission.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: values["admission"] == $0.rawValue) },
            referent: staff ? FormField("referent", label: "Adresse du compte du référent", type: "email", value: values["referent"] ?? "",
                                        hint: "Un directeur ou un correspondant qui a déjà son compte Relais.", error: errors["referent"], autocomplete: "off")
                : nil,
            submitLabel: staff ? "Créer l’équipe" : "Proposer l’équipe"
        )
    }
}
