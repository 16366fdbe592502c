import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// An atelier's page: what, when, where in general words, how full, and for the reader their own
/// registration. The exact place or visio link (`access`) is set only for someone holding a place.
/// The page is never stored in the page cache (its route is outside the cached group): it shows how
/// many places are left, and to a member their own registration.
struct AtelierPage: Page {
    static let template = Template.atelier

    let layout: LayoutModel
    let item: AtelierItem
    let axis: String
    let region: String?
    let network: String?
    /// « 12 places, 4 encore libres », « Complet : liste d’attente », « Places sans limite ».
    let places: String
    let full: Bool
    /// Why registrations are not taken (cancelled, closed, past); nil while they are.
    let stateNotice: String?
    let notice: String?
    /// A refusal, in French.
    let problem: String?
    let csrf: String?
    /// For a visitor: where to sign in (and come back) or create an account.
    let signInURL: String?
    let signUpURL: String?
    /// For a member who may register: the one-click form.
    let registerURL: String?
    let registerLabel: String?
    /// For someone registered or waiting.
    let registered: Bool
    let waitingPosition: Int?
    /// The visio link or exact address: only for someone holding a place.
    let access: String?
    let accessIsLink: Bool
    let cancelURL: String?
    let cancelLabel: String?
    /// Why leaving online is no longer possible (the day itself).
    let cancelRefusal: String?
    /// Signed in but not a member (staff, experts).
    let notMember: String?
    /// Staff: the registrations' page.
    let staffURL: String?
    let networksURL: String
}

extension AtelierPage {
    static let notices: [String: String] = [
        "inscrit": "Votre inscription est enregistrée. Un message de confirmation, avec le fichier à ajouter à votre agenda, part vers votre adresse de notification.",
        "attente": "L’atelier est complet\u{00A0}: vous êtes sur la liste d’attente. Si une place se libère, elle vous sera donnée et un message vous le dira.",
        "desinscrit": "Votre désinscription est enregistrée.",
    ]

    /// `overview` as `user` (nil: a visitor) sees it at `now`.
    init(_ overview: AppDatabase.AtelierOverview, user: User?, now: Date, notice: String?, problem: String?, csrf: String?,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let atelier = overview.atelier, id = atelier.id ?? 0
        let state = AtelierRules.state(startsAt: atelier.startsAt, closed: atelier.closedAt != nil, cancelled: atelier.cancelledAt != nil, now: now)
        let left = AtelierRules.placesLeft(capacity: atelier.capacity, registered: overview.registered)
        let full = left == 0
        let places: String
        switch left {
        case nil: places = "Places sans limite"
        case 0?: places = "Complet\u{00A0}: les nouvelles inscriptions vont sur la liste d’attente"
            + (overview.waiting > 0 ? " (\(overview.waiting) personne\(overview.waiting > 1 ? "s" : "") en attente)." : ".")
        case let count?: places = "\(atelier.capacity ?? 0) places, \(count) encore libre\(count > 1 ? "s" : "")."
        }
        let stateNotice: String? = switch state {
        case .open: nil
        case .closed: "Les inscriptions à cet atelier sont closes."
        case .cancelled: "Cet atelier est annulé."
        case .past: "Cet atelier a déjà eu lieu."
        }
        let mine = overview.mine.flatMap { $0.status == .cancelled ? nil : $0 }
        let member = user.map { AtelierRules.mayRegister($0.role) } ?? false
        let mayRegister = member && mine == nil && state == .open
        let cancelRefusal = mine.flatMap { AtelierRules.cancellationRefusal(status: $0.status, state: state, startsAt: atelier.startsAt, now: now) }
        let holdsPlace = mine?.status == .registered && state != .cancelled
        let suite = SiteURL.atelier(id).path
        self.init(
            layout: LayoutModel(title: atelier.title, section: .network, demo: demo, viewer: viewer),
            item: AtelierItem(atelier), axis: atelier.axis.label, region: overview.regionName, network: overview.networkName,
            places: places, full: full, stateNotice: stateNotice, notice: notice, problem: problem, csrf: csrf,
            signInURL: user == nil && state == .open ? SiteURL.signIn.absolute(base: "", query: [("suite", suite)]) : nil,
            signUpURL: user == nil && state == .open ? SiteURL.signUp.path : nil,
            registerURL: mayRegister ? SiteURL.atelierRegistration(id).path : nil,
            registerLabel: mayRegister ? (full ? "M’inscrire sur la liste d’attente" : "S’inscrire") : nil,
            registered: mine?.status == .registered, waitingPosition: mine?.status == .waiting ? overview.myPosition : nil,
            access: holdsPlace ? atelier.accessDetails.nonEmpty ?? "L’association vous communiquera le lien ou l’adresse exacte avant l’atelier." : nil,
            accessIsLink: holdsPlace && webAddress(atelier.accessDetails) != nil,
            cancelURL: mine != nil && cancelRefusal == nil ? SiteURL.atelierCancellation(id).path : nil,
            cancelLabel: mine?.status == .waiting ? "Quitter la liste d’attente" : "Se désinscrire",
            cancelRefusal: cancelRefusal == .sameDay ? cancelRefusal?.message : nil,
            notMember: user != nil && !member ? AtelierRules.Refusal.notMember.message : nil,
            staffURL: user?.role.isStaff == true ? SiteURL.staffAtelierRegistrations(id).path : nil,
            networksURL: SiteURL.networks.path
        )
    }
}
