import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// A group's space, for its members only: what it is, who is in it, its meetings; for its référent,
/// the requests to decide, the invitation form and planning a meeting.
struct GroupPage: Page {
    static let template = Template.group

    let layout: LayoutModel
    let title: String
    let audience: String
    let description: String?
    let facts: [Fact]
    let notice: String?
    let problem: String?
    let csrf: String
    let members: [Person]
    let referent: Bool
    let requests: [JoinRequest]
    let invited: [Person]
    let invitationURL: String?
    let errors: [FormErrors.ErrorLink]
    let invitation: FormField?
    let newMeetingURL: String?
    let upcoming: [MeetingLine]
    let past: [MeetingLine]
    let groupsURL: String
    /// « Fiches initiatives » written in the group, and writing one.
    var initiatives: [InitiativeLine] = []
    var newInitiativeURL: String?

    struct InitiativeLine: Encodable, Sendable {
        let title: String
        let url: String
        let meta: String
    }

    struct Fact: Encodable, Sendable {
        let label: String
        let value: String
    }

    struct Person: Encodable, Sendable {
        let name: String
        let role: String?
    }

    struct JoinRequest: Encodable, Sendable {
        let name: String
        let decisionURL: String
    }

    struct MeetingLine: Encodable, Sendable {
        let when: String
        let url: String
        let notes: String?
    }
}

extension GroupPage {
    static let notices: [String: String] = [
        "accepte": "La demande est acceptée\u{00A0}: la personne fait partie de l’équipe et en est prévenue.",
        "refuse": "La demande est refusée\u{00A0}; la personne en est prévenue.",
        "invite": "L’invitation est envoyée.",
        "reunion": "La réunion est planifiée\u{00A0}; les membres reçoivent une invitation à ajouter à leur agenda.",
    ]

    init(_ space: AppDatabase.GroupSpace, now: Date, notice: String?, problem: String? = nil, invitationValue: String = "",
         invitationErrors: FormErrors = FormErrors(), csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let group = space.group, id = group.id ?? 0
        let members = space.people.filter { $0.member.status == .member }
        let referent = space.me.referent
        let nowLocal = GroupRules.parisLocalText(now)
        let lines = space.meetings.map { line in
            (line.meeting.startsAt >= nowLocal,
             MeetingLine(when: AtelierTimes.when(startsAt: line.meeting.startsAt, endsAt: line.meeting.endsAt),
                         url: SiteURL.groupMeeting(id, line.meeting.id ?? 0).path,
                         notes: line.notesVersion > 0 ? "notes, version \(line.notesVersion)" : nil))
        }
        self.init(
            layout: LayoutModel(title: group.title, section: .account, demo: demo, viewer: viewer),
            title: group.title, audience: group.audience, description: group.description.nonEmpty,
            facts: [
                Fact(label: "Territoire", value: space.regionName ?? "Toute la France"),
                Fact(label: "Accueil", value: group.admission.label),
                Fact(label: "Membres", value: "\(members.count) sur \(group.capacity)"),
            ],
            notice: notice, problem: problem, csrf: csrf,
            members: members.map { Person(name: $0.name, role: $0.member.referent ? "référent" : nil) },
            referent: referent,
            requests: referent ? space.people.filter { $0.member.status == .requested }.map {
                JoinRequest(name: $0.name, decisionURL: SiteURL.groupMemberDecision(id, $0.member.id ?? 0).path)
            } : [],
            invited: referent ? space.people.filter { $0.member.status == .invited }.map { Person(name: $0.name, role: nil) } : [],
            invitationURL: referent ? SiteURL.groupInvitation(id).path : nil,
            errors: invitationErrors.summary,
            invitation: referent ? FormField("invite", label: "Adresse du compte à inviter", type: "email", value: invitationValue,
                                             hint: "La personne doit avoir un compte Relais. Elle reçoit un message et répond sur Relais.",
                                             error: invitationErrors["invite"], autocomplete: "off") : nil,
            newMeetingURL: referent ? SiteURL.groupMeetingNew(id).path : nil,
            upcoming: Array(lines.filter { $0.0 }.map { $0.1 }.reversed()),
            past: lines.filter { !$0.0 }.map { $0.1 },
            groupsURL: SiteURL.groups.path
        )
    }
}
