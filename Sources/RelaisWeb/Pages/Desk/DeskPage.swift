import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct DeskPage: Page {
    static let template = Template.desk

    let layout: LayoutModel
    let csrf: String
    let notice: String?
    let name: String
    let linked: Bool
    let groups: [CaseGroup]
    let openCount: Int
    let position: String?
    let departements: [String]
    let axes: [String]
    let capacity: Int?
    let absentUntil: String?
    let available: Bool
    let availabilityAction: String
    let absentField: FormField
    let capacityField: FormField

    struct CaseGroup: Encodable, Sendable {
        let title: String
        let cases: [CaseRow]
    }
}

extension DeskPage {
    /// The desk of `user`: `profile` is their correspondent card (with its départements and axes) when
    /// the account has one, `summaries` the cases given to them, `recourse` the recourse deadlines their
    /// directors shared. `typedAbsent` and `typedCapacity`: the availability form as typed, when it
    /// comes back with `errors`.
    init(_ user: User, profile: (Correspondent, [Departement], [Axis])?, summaries: [AppDatabase.CaseSummary], recourse: [Int64: Day],
         deadlines: CaseDeadlines, now: Date, typedAbsent: String?, typedCapacity: String?, errors: FormErrors, notice: String?,
         csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        let today = Day(now)
        let absentUntil = profile?.0.absentUntil.flatMap { $0 >= today ? $0 : nil }
        let groups: [CaseGroup] = [
            ("À accepter", [CaseStatus.attribuee]), ("En cours", [.priseEnCharge]), ("En attente du directeur", [.enAttente]), ("Closes", [.close]),
        ].compactMap { title, statuses in
            let rows = summaries.filter { statuses.contains($0.status) }.map { summary in
                let urgent = CaseDeadlines.isStatutorilyUrgent(recourse: recourse[summary.id], today: today)
                return CaseRow(
                    summary, status: CaseRow.handlerStatus(summary), opened: CaseRow.openedAgo(summary, now: now),
                    late: deadlines.isLate(status: summary.status, since: (summary.assignedAt ?? summary.lastActivityAt).timeIntervalSince1970,
                                           now: now.timeIntervalSince1970, statutoryUrgent: urgent),
                    now: now
                ).flagged(recourse: recourse[summary.id], today: today)
            }
            return rows.isEmpty ? nil : CaseGroup(title: title, cases: rows)
        }
        self.init(
            layout: LayoutModel(title: "Mon espace correspondant", section: .desk, demo: demo, viewer: viewer),
            csrf: csrf, notice: notice,
            // The card's name, as the director sees it on the case.
            name: profile.map { "\($0.0.firstName) \($0.0.lastName)" } ?? user.name,
            linked: profile != nil,
            groups: groups,
            openCount: summaries.filter { $0.status.isOpen }.count,
            position: profile?.0.position,
            departements: profile?.1.map { "\($0.code) — \($0.name)" } ?? [],
            axes: profile?.2.map(\.label) ?? [],
            capacity: profile?.0.capacity,
            absentUntil: absentUntil?.frenchLong,
            available: profile != nil && absentUntil == nil,
            availabilityAction: SiteURL.deskAvailability.path,
            absentField: FormField("absent_jusqu", label: "Absent jusqu’au", type: "date", value: typedAbsent ?? absentUntil?.iso ?? "",
                                   hint: "Laissez vide si vous êtes disponible. D’ici cette date, aucune nouvelle demande ne vous est attribuée\u{00A0}; celles en cours restent les vôtres.",
                                   error: errors["absent_jusqu"], required: false),
            capacityField: FormField("capacite", label: "Nombre de demandes actives au plus", type: "number",
                                     value: typedCapacity ?? profile.map { String($0.0.capacity) } ?? "",
                                     hint: "Au-delà, les nouvelles demandes vont à d’autres correspondants.", error: errors["capacite"])
        )
    }

    /// The notice that a redirection to the desk asks for with `?message=`.
    static func notice(_ code: String?) -> String? {
        switch code {
        case "declinee": "Demande déclinée\u{00A0}: elle part vers un autre correspondant ou vers l’équipe."
        case "disponibilite": "Disponibilité enregistrée."
        default: nil
        }
    }
}
