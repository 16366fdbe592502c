import RelaisCore
import RelaisStore
import RelaisUseCases

/// Small view values shared by several pages.
struct AxisLink: Encodable, Sendable {
    let code: String
    let label: String
    let summary: String
    let href: String

    init(_ axis: Axis) {
        code = axis.rawValue
        label = axis.label
        summary = axis.summary
        href = SiteURL.axis(axis).path
    }
}

struct SituationLink: Encodable, Sendable {
    let title: String
    let summary: String
    let href: String
    let urgent: Bool
    let urgency: String

    init(_ situation: Situation) {
        title = situation.title
        summary = situation.summary
        href = SiteURL.situation(situation.slug).path
        urgent = situation.urgency == .haute
        urgency = situation.urgency.label
    }
}

struct FactSheetLink: Encodable, Sendable {
    let title: String
    let summary: String
    let href: String
    let axis: String
    let needsCheck: Bool

    init(_ sheet: FactSheetHeading) {
        title = sheet.title
        summary = sheet.summary
        href = SiteURL.factSheet(sheet.slug).path
        axis = sheet.axis.label
        needsCheck = sheet.needsCheck
    }
}

struct PartnerCard: Encodable, Sendable {
    /// The stable key, for the `#partenaire-KEY` anchor search results point to.
    let key: String
    let name: String
    let kind: String
    let description: String
    let offer: String?
    let website: String?
    let national: Bool

    init(_ partner: Partner) {
        key = partner.key
        name = partner.name
        kind = partner.kind.label
        description = partner.description
        offer = partner.offer.nonEmpty
        website = webAddress(partner.website)
        national = partner.national
    }
}

struct NetworkCard: Encodable, Sendable {
    let name: String
    let acronym: String?
    let kind: String
    let description: String
    let role: String?
    let website: String?

    init(_ network: Network) {
        name = network.name
        acronym = network.acronym.nonEmpty
        kind = network.kind.label
        description = network.description
        role = network.role.nonEmpty
        website = webAddress(network.website)
    }
}

struct AtelierItem: Encodable, Sendable {
    let title: String
    let when: String
    let datetime: String
    let place: String
    let online: Bool
    let description: String
    /// The atelier's page, where members register.
    let url: String
    /// « Annulé », « Inscriptions closes », or nil while registrations are open.
    let state: String?

    init(_ atelier: Atelier) {
        title = atelier.title
        datetime = atelier.startsAt
        let day = Day(iso: String(atelier.startsAt.prefix(10)))
        when = "\(day?.frenchLong ?? atelier.startsAt), de \(Self.time(atelier.startsAt)) à \(Self.time(atelier.endsAt))"
        // The public place only (« Lyon, lieu communiqué aux inscrits »): never `accessDetails`.
        place = atelier.online ? (atelier.place.isEmpty ? "En visioconférence" : "En visioconférence — \(atelier.place)") : atelier.place
        online = atelier.online
        description = atelier.description
        url = SiteURL.atelier(atelier.id ?? 0).path
        state = atelier.cancelledAt != nil ? "Annulé" : atelier.closedAt != nil ? "Inscriptions closes" : nil
    }

    /// "14 h", "9 h 30" from `YYYY-MM-DDTHH:MM`.
    static func time(_ dateTime: String) -> String {
        AtelierTimes.time(dateTime)
    }
}

/// Mustache renders a section for any non-nil value, empty strings included: optional text that may
/// be blank goes to templates as nil.
extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}

/// A web address safe to link to (http or https only), or nil.
func webAddress(_ text: String) -> String? {
    text.hasPrefix("https://") || text.hasPrefix("http://") ? text : nil
}
