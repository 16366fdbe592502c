import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Planning a meeting (the group's référent).
struct MeetingFormPage: Page {
    static let template = Template.meetingForm

    let layout: LayoutModel
    let groupTitle: String
    let groupURL: String
    let action: String
    let csrf: String
    let errors: [FormErrors.ErrorLink]
    let start: FormField
    let end: FormField
    let online: Bool
    let place: FormField
    let agenda: TextArea

}

extension MeetingFormPage {
    init(group: ExchangeGroup, form: MeetingForm, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let id = group.id ?? 0, values = form.values, errors = form.errors
        self.init(
            layout: LayoutModel(title: "Planifier une réunion", section: .account, demo: demo, viewer: viewer),
            groupTitle: group.title, groupURL: SiteURL.group(id).path, action: SiteURL.groupMeetingNew(id).path, csrf: csrf,
            errors: errors.summary,
            start: FormField("debut", label: "Début (heure de Paris)", type: "datetime-local", value: values["debut"] ?? "",
                             hint: "Par exemple 2027-01-14T18:30.", error: errors["debut"]),
            end: FormField("fin", label: "Fin (heure de Paris)", type: "datetime-local", value: values["fin"] ?? "", error: errors["fin"]),
            online: form.online,
            place: FormField("lieu", label: "Adresse, ou lien de la visio", value: values["lieu"] ?? "",
                             hint: "Visible des seuls membres, sur la page de la réunion. Jamais dans les messages.", error: errors["lieu"]),
            agenda: TextArea("ordre", label: "Ordre du jour (facultatif)", value: values["ordre"] ?? "",
                             hint: "Mise en forme Markdown possible. Visible des seuls membres.", error: errors["ordre"])
        )
    }
}

/// A meeting, for the group's members: when and where, the agenda, the roles, the notes and their
/// versions, the action items.
struct MeetingPage: Page {
    static let template = Template.meeting

    let layout: LayoutModel
    let groupTitle: String
    let groupURL: String
    let when: String
    let datetime: String
    let place: String
    let placeIsLink: Bool
    let online: Bool
    /// The agenda through `Markdown.html`: HTML Relais produced, safe to insert raw.
    let agendaHTML: String?
    let notice: String?
    let problem: String?
    let csrf: String
    let roles: [RoleLine]
    let roleURL: String
    /// The current notes through `Markdown.html`; nil before any.
    let notesHTML: String?
    let notesMeta: String?
    let notesURL: String
    let notesField: TextArea
    let notesVersion: Int
    let notesErrors: [FormErrors.ErrorLink]
    let versions: [VersionLine]
    let actions: [ActionLine]
    let actionURL: String
    let actionErrors: [FormErrors.ErrorLink]
    let actionTitle: FormField
    let actionOwnerError: String?
    let owners: [FormOption]
    let actionDue: FormField

    struct RoleLine: Encodable, Sendable {
        let value: String
        let label: String
        let duty: String
        let holder: String?
        let mine: Bool
    }

    struct VersionLine: Encodable, Sendable {
        let label: String
        let url: String
        let current: Bool
    }

    struct ActionLine: Encodable, Sendable {
        let title: String
        let owner: String
        let due: String
        let done: Bool
        let doneURL: String?
    }

    /// What the two forms of the page keep when one comes back with an error.
    struct Kept: Sendable {
        var notes: String?
        var notesErrors = FormErrors()
        var action: [String: String] = [:]
        var actionErrors = FormErrors()
    }
}

extension MeetingPage {
    static let notices: [String: String] = [
        "role": "Le rôle est à vous.",
        "notes": "Les notes sont enregistrées (nouvelle version).",
        "action": "L’action est ajoutée\u{00A0}; elle figure sur le compte de la personne qui en est chargée.",
        "fait": "L’action est marquée comme faite.",
    ]

    init(_ read: AppDatabase.MeetingPage, userId: Int64, notice: String?, problem: String? = nil, kept: Kept = Kept(), csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let group = read.group, meeting = read.meeting, groupId = group.id ?? 0, meetingId = meeting.id ?? 0
        let when = AtelierTimes.when(startsAt: meeting.startsAt, endsAt: meeting.endsAt)
        let members = read.people.filter { $0.member.status == .member }
        let current = read.notes?.version ?? 0
        self.init(
            layout: LayoutModel(title: "Réunion du \(AtelierRules.day(meeting.startsAt)?.frenchLong ?? meeting.startsAt)", section: .account, demo: demo, viewer: viewer),
            groupTitle: group.title, groupURL: SiteURL.group(groupId).path, when: when, datetime: meeting.startsAt,
            place: meeting.place, placeIsLink: webAddress(meeting.place) != nil, online: meeting.online,
            agendaHTML: meeting.agenda.nonEmpty.map(Markdown.html),
            notice: notice, problem: problem, csrf: csrf,
            roles: MeetingRole.allCases.map { role in
                let holder = read.roles[role]
                return RoleLine(value: role.rawValue, label: role.label, duty: role.duty, holder: holder?.name, mine: holder?.member.userId == userId)
            },
            roleURL: SiteURL.groupMeetingRole(groupId, meetingId).path,
            notesHTML: read.notes.map { Markdown.html($0.bodyMarkdown) },
            notesMeta: read.notes.map { notes in
                "Version \(notes.version), enregistrée le \(CaseDates.dateTime(notes.createdAt))"
                    + (read.versions.first?.authorName.map { " par \($0)" } ?? "")
            },
            notesURL: SiteURL.groupMeetingNotes(groupId, meetingId).path,
            notesField: TextArea("notes", label: current == 0 ? "Écrire les notes" : "Modifier les notes", value: kept.notes ?? read.notes?.bodyMarkdown ?? "",
                                 hint: "Ce qui a été dit, ce qui a été fait. Mise en forme Markdown possible («\u{00A0}## Titre\u{00A0}», «\u{00A0}- point\u{00A0}»). Chaque enregistrement garde la version précédente.",
                                 error: kept.notesErrors["notes"]),
            notesVersion: current, notesErrors: kept.notesErrors.summary,
            versions: read.versions.map {
                VersionLine(label: "Version \($0.version) · \(CaseDates.numeric($0.createdAt))" + ($0.authorName.map { " · \($0)" } ?? ""),
                            url: SiteURL.groupMeetingNotesVersion(groupId, meetingId, $0.version).path, current: $0.version == current)
            },
            actions: read.actions.map { line in
                ActionLine(title: line.item.title, owner: line.ownerName, due: Day(iso: line.item.dueDay)?.frenchLong ?? line.item.dueDay,
                           done: line.item.doneAt != nil,
                           doneURL: line.item.doneAt == nil ? SiteURL.groupActionDone(groupId, line.item.id ?? 0).path : nil)
            },
            actionURL: SiteURL.groupMeetingActions(groupId, meetingId).path,
            actionErrors: kept.actionErrors.summary,
            actionTitle: FormField("action", label: "Ce qui va être fait", value: kept.action["action"] ?? "", error: kept.actionErrors["action"]),
            actionOwnerError: kept.actionErrors["responsable"],
            owners: members.map { FormOption(value: String($0.member.userId), label: $0.name, selected: kept.action["responsable"] == String($0.member.userId)) },
            actionDue: FormField("echeance", label: "Pour le", type: "date", value: kept.action["echeance"] ?? "", hint: "Par exemple 2027-02-01.",
                                 error: kept.actionErrors["echeance"])
        )
    }
}

/// One earlier version of a meeting's notes.
struct NotesVersionPage: Page {
    static let template = Template.notesVersion

    let layout: LayoutModel
    let meetingURL: String
    let when: String
    let meta: String
    /// Through `Markdown.html`: HTML Relais produced, safe to insert raw.
    let notesHTML: String

}

extension NotesVersionPage {
    init(groupId: Int64, meeting: GroupMeeting, notes: MeetingNotesVersion, author: String?, viewer: LayoutModel.Viewer?, demo: Bool) {
        self.init(
            layout: LayoutModel(title: "Notes, version \(notes.version)", section: .account, demo: demo, viewer: viewer),
            meetingURL: SiteURL.groupMeeting(groupId, meeting.id ?? 0).path,
            when: AtelierTimes.when(startsAt: meeting.startsAt, endsAt: meeting.endsAt),
            meta: "Version \(notes.version), enregistrée le \(CaseDates.dateTime(notes.createdAt))" + (author.map { " par \($0)" } ?? ""),
            notesHTML: Markdown.html(notes.bodyMarkdown)
        )
    }
}
