import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Staff's view of an atelier's registrations: who holds a place, the waiting list in order, who
/// left; attendance once it has started; closing, cancelling (confirmed) and the CSV.
struct StaffAtelierPage: Page {
    static let template = Template.staffAtelier

    let layout: LayoutModel
    let csrf: String
    let title: String
    let when: String
    let state: String
    let places: String
    let notice: String?
    let errors: [FormErrors.ErrorLink]
    let cancelError: String?
    let registered: [Line]
    let waiting: [Line]
    let left: [Line]
    /// The attendance form, once the atelier has started.
    let attendanceURL: String?
    let closeURL: String?
    let cancelURL: String?
    /// How many people a cancellation tells.
    let toTell: Int
    let exportURL: String
    let editURL: String
    let publicURL: String?
    let backURL: String

    struct Line: Encodable, Sendable {
        let id: Int64
        let name: String
        let email: String
        let role: String
        let since: String
        let position: Int?
        let attended: Bool
        let absent: Bool
        let promoted: Bool
    }
}

extension StaffAtelierPage {
    static let notices: [String: String] = [
        "presences": "Les présences sont enregistrées.",
        "close": "Les inscriptions sont closes. La liste d’attente avance encore si une place se libère.",
        "annule": "L’atelier est annulé et les personnes inscrites ou en attente sont prévenues par message.",
    ]

    init(atelier: Atelier, attendees: [AppDatabase.AtelierAttendee], now: Date, notice: String?, cancelError: String?, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let id = atelier.id ?? 0
        let state = AtelierRules.state(startsAt: atelier.startsAt, closed: atelier.closedAt != nil, cancelled: atelier.cancelledAt != nil, now: now)
        func line(_ attendee: AppDatabase.AtelierAttendee, position: Int? = nil) -> Line {
            let r = attendee.registration
            return Line(id: r.id ?? 0, name: attendee.name, email: attendee.email, role: attendee.role.label,
                        since: CaseDates.numeric(r.promotedAt ?? r.createdAt), position: position,
                        attended: r.attended == true, absent: r.attended == false, promoted: r.promotedAt != nil)
        }
        let registered = attendees.filter { $0.registration.status == .registered }.map { line($0) }
        let waiting = attendees.filter { $0.registration.status == .waiting }.enumerated().map { line($1, position: $0 + 1) }
        let left = attendees.filter { $0.registration.status == .cancelled }.map { line($0) }
        let stateText: String = switch state {
        case .open: "Inscriptions ouvertes"
        case .closed: "Inscriptions closes"
        case .cancelled: "Annulé"
        case .past: "Passé"
        }
        let places = atelier.capacity.map { "\(registered.count) inscrit(s) sur \($0) places, \(waiting.count) en attente" }
            ?? "\(registered.count) inscrit(s), places sans limite"
        self.init(
            layout: LayoutModel(title: "Inscriptions · \(atelier.title)", section: .staff, demo: demo, viewer: viewer),
            csrf: csrf, title: atelier.title, when: AtelierTimes.when(startsAt: atelier.startsAt, endsAt: atelier.endsAt), state: stateText,
            places: places, notice: notice,
            errors: cancelError.map { [FormErrors.ErrorLink(href: "#champ-confirmation", message: $0)] } ?? [], cancelError: cancelError,
            registered: registered, waiting: waiting, left: left,
            attendanceURL: AtelierRules.mayMarkAttendance(startsAt: atelier.startsAt, cancelled: atelier.cancelledAt != nil, now: now) && !registered.isEmpty
                ? SiteURL.staffAtelierAttendance(id).path : nil,
            closeURL: state == .open ? SiteURL.staffAtelierClosing(id).path : nil,
            cancelURL: state == .open || state == .closed ? SiteURL.staffAtelierCancellation(id).path : nil,
            toTell: registered.count + waiting.count,
            exportURL: SiteURL.staffAtelierExport(id).path, editURL: SiteURL.staffAtelier(String(id)).path,
            publicURL: atelier.archived ? nil : SiteURL.atelier(id).path, backURL: SiteURL.staffAteliers.path
        )
    }
}
