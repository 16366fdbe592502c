import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// The form that describes a group, shared by a member's proposal and staff's creation (with the
/// référent's address). Values come back as typed when something is wrong.
struct GroupForm: Sendable {
    var values: [String: String]
    var errors = FormErrors()
    /// Set when every field is acceptable.
    var fields: GroupService.Fields?
    /// Staff only: the référent's address, checked.
    var referentEmail: String?

    static let oneLine = ["titre", "public", "region", "places", "admission", "referent"]

    /// An empty form: national, 12 places, open to requests.
    static func blank() -> GroupForm {
        GroupForm(values: ["places": String(GroupRules.defaultCapacity), "admission": GroupAdmission.onRequest.rawValue])
    }

    /// Reads and checks `form`; `withReferent`: staff's form, which names the référent.
    init(reading form: FormData, regions: [Region], withReferent: Bool) {
        values = Dictionary(uniqueKeysWithValues: Self.oneLine.map { ($0, form[$0]) } + [("description", form.text("description"))])
        let title = values["titre"] ?? "", audience = values["public"] ?? "", description = values["description"] ?? ""
        if let problem = FieldRules.textProblem(title, maximum: 120, missing: "Indiquez le thème de l’équipe.",
                                                tooLong: "Le thème est trop long (120 caractères au plus).") {
            errors.add("titre", problem)
        }
        if let problem = FieldRules.textProblem(audience, maximum: 300, missing: "Indiquez à qui s’adresse l’équipe.",
                                                tooLong: "Ce texte est trop long (300 caractères au plus).") {
            errors.add("public", problem)
        }
        if description.count > 4000 { errors.add("description", "La présentation est trop longue (4 000 caractères au plus).") }
        let regionCode = values["region"] ?? ""
        if !regionCode.isEmpty, !regions.contains(where: { $0.code == regionCode }) { errors.add("region", "Choisissez une région, ou «\u{00A0}Toute la France\u{00A0}».") }
        let capacityText = values["places"] ?? ""
        let capacity = capacityText.isEmpty ? GroupRules.defaultCapacity : Int(capacityText)
        if capacity == nil || !(2...GroupRules.maximumCapacity).contains(capacity ?? 0) {
            errors.add("places", "Indiquez un nombre de places entre 2 et \(GroupRules.maximumCapacity).")
        }
        let admission = GroupAdmission(rawValue: values["admission"] ?? "")
        if admission == nil { errors.add("admission", "Choisissez comment l’équipe accueille ses membres.") }
        if withReferent {
            referentEmail = errors.checkEmail(values["referent"] ?? "", field: "referent", required: true,
                                              missing: "Indiquez l’adresse du compte du référent.")
        }
        if errors.isEmpty, let capacity, let admission {
            fields = GroupService.Fields(title: title, audience: audience, description: description, regionCode: regionCode.isEmpty ? nil : regionCode,
                                         capacity: capacity, admission: admission)
        }
    }

    init(values: [String: String]) {
        self.values = values
    }
}

/// The form of a meeting: when, where, the agenda.
struct MeetingForm: Sendable {
    var values: [String: String]
    var online: Bool
    var errors = FormErrors()
    var fields: GroupService.MeetingFields?

    static func blank() -> MeetingForm {
        MeetingForm(values: [:], online: false)
    }

    init(values: [String: String], online: Bool) {
        self.values = values
        self.online = online
    }

    init(reading form: FormData, now: Date) {
        values = ["debut": form["debut"], "fin": form["fin"], "lieu": form["lieu"], "ordre": form.text("ordre")]
        online = form.has("visio")
        let start = FieldRules.localDateTime(values["debut"] ?? ""), end = FieldRules.localDateTime(values["fin"] ?? "")
        if start == nil {
            errors.add("debut", "Indiquez la date et l’heure de début, par exemple 2027-01-14T18:30.")
        } else if let start, GroupRules.isPast(startsAt: start, now: now) {
            errors.add("debut", "La réunion doit être à venir.")
        }
        if end == nil { errors.add("fin", "Indiquez la date et l’heure de fin.") }
        if let start, let end, end <= start { errors.add("fin", "La fin doit venir après le début.") }
        let place = values["lieu"] ?? ""
        if let problem = FieldRules.textProblem(place, maximum: 300, missing: online ? "Indiquez le lien de la visio." : "Indiquez l’adresse de la réunion.",
                                                tooLong: "Ce texte est trop long (300 caractères au plus).") {
            errors.add("lieu", problem)
        }
        if (values["ordre"] ?? "").count > 4000 { errors.add("ordre", "L’ordre du jour est trop long (4 000 caractères au plus).") }
        if errors.isEmpty, let start, let end {
            fields = GroupService.MeetingFields(startsAt: start, endsAt: end, online: online, place: place, agenda: values["ordre"] ?? "")
        }
    }
}
