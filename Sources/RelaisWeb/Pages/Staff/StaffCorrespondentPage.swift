import Foundation
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

struct StaffCorrespondentPage: Page {
    static let template = Template.staffCorrespondent

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    let name: String
    let position: String
    let account: String?
    /// Set when the account exists but cannot sign in yet (invitation not accepted).
    let pendingInvitation: Bool
    let action: String
    let invitationAction: String
    let departements: FormField
    let axes: [CheckField]
    let axesError: String?
    let capacity: FormField
    let absent: FormField
    let active: Bool
    let load: Int
    let inviteEmail: FormField
    let errors: [FormErrors.ErrorLink]
}

extension StaffCorrespondentPage {
    /// The card of the correspondent `id`, as it is (`row`) or as `typed` when the form comes back
    /// with `errors`.
    init(id: Int64, row: AppDatabase.CorrespondentRow, typed: FormData?, errors: FormErrors, notice: String?, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let c = row.correspondent
        let checkedAxes = typed.map { form in Set(Axis.allCases.filter { form.has("axe_\($0.rawValue)") }) } ?? Set(row.axes)
        self.init(
            layout: LayoutModel(title: "\(c.firstName) \(c.lastName)", section: .staff, demo: demo, viewer: viewer),
            csrf: csrf, notice: notice, name: "\(c.firstName) \(c.lastName)", position: c.position, account: row.accountEmail,
            pendingInvitation: row.accountEmail != nil && !row.canSignIn,
            action: SiteURL.staffCorrespondent(id).path, invitationAction: SiteURL.staffCorrespondentInvitation(id).path,
            departements: FormField("departements", label: "Départements couverts", value: typed?["departements"] ?? row.departementCodes.joined(separator: " "),
                                    hint: "Codes séparés par des espaces, le département principal (\(c.mainDepartementCode)) compris\u{00A0}: par exemple « 33 24 47 ».",
                                    error: errors["departements"]),
            axes: Axis.allCases.map { CheckField(name: "axe_\($0.rawValue)", label: $0.label, hint: nil, checked: checkedAxes.contains($0)) },
            axesError: errors["axes"],
            capacity: FormField("capacite", label: "Capacité (demandes actives au plus)", type: "number",
                                value: typed?["capacite"] ?? String(c.capacity), error: errors["capacite"]),
            absent: FormField("absent_jusqu", label: "Absent jusqu’au", type: "date", value: typed?["absent_jusqu"] ?? c.absentUntil?.iso ?? "",
                              hint: "Vide\u{00A0}: disponible.", error: errors["absent_jusqu"], required: false),
            active: typed.map { $0.has("actif") } ?? c.active,
            load: row.load,
            inviteEmail: FormField("email", label: "Adresse pour l’invitation", type: "email", value: typed?["email"] ?? c.email,
                                   error: errors["email"], autocomplete: "off"),
            errors: errors.summary
        )
    }

    /// The notice that a redirection to the card asks for with `?message=`.
    static func notice(_ code: String?) -> String? {
        switch code {
        case "enregistre": "Modifications enregistrées."
        case "invite": "Invitation envoyée."
        default: nil
        }
    }
}
