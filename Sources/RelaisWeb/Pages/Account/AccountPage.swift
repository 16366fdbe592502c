import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct AccountPage: Page {
    static let template = Template.account

    let layout: LayoutModel
    let csrf: String
    let name: String
    let email: String
    let notificationEmail: String
    let role: String
    let position: String?
    let employer: String?
    let departement: String?
    let phone: String?
    let notice: String?
    let signOutEverywhereURL: String
    let secondFactorURL: String
    let myDataURL: String
    let parcoursURL: String
    let profileURL: String
    let addressURL: String
    let passwordURL: String
    /// The browsers signed in to the account, this one first.
    let sessions: [SessionLine]
    let hasOtherSessions: Bool
    /// « Mes ateliers »: places held and places on a waiting list, soonest first.
    var ateliers: [AtelierLine] = []
    var networksURL = SiteURL.networks.path
    /// For members: talking with a pair, and telling staff what blocks people.
    var peersURL: String?
    var observationsURL: String?

    struct AtelierLine: Encodable, Sendable {
        let title: String
        let when: String
        let url: String
        /// « Inscrit », « Liste d’attente, position 2 », « Atelier annulé ».
        let status: String

        init(_ mine: AppDatabase.MyAtelier) {
            let atelier = mine.atelier
            title = atelier.title
            when = AtelierTimes.when(startsAt: atelier.startsAt, endsAt: atelier.endsAt)
            url = SiteURL.atelier(atelier.id ?? 0).path
            if atelier.cancelledAt != nil {
                status = "Atelier annulé"
            } else if mine.registration.status == .waiting {
                status = "Liste d’attente" + (mine.position.map { ", position \($0)" } ?? "")
            } else {
                status = "Inscrit"
            }
        }
    }

    struct SessionLine: Encodable, Sendable {
        let device: String
        let address: String
        let since: String
        let lastSeen: String
        let isCurrent: Bool
    }
}

extension AccountPage {
    static let notices: [String: String] = [
        "partout": "Vous avez été déconnecté de tous vos autres appareils.",
        "bienvenue": "Votre adresse est confirmée : bienvenue sur Relais.",
        "profil": "Vos informations sont enregistrées.",
        "adresse": "Un lien de confirmation est parti vers la nouvelle adresse. Elle servira dès que vous l’aurez ouvert\u{00A0}; d’ici là, rien ne change.",
        "adresse-confirmee": "Votre nouvelle adresse de notification est confirmée.",
        "mot-de-passe": "Votre mot de passe est changé. Vos autres appareils ont été déconnectés.",
    ]

    /// `user`'s account. `employer`: the collectivité of their employer code, when it is known;
    /// `sessions`: the account's, among which the one whose id hash is `currentSession` is this browser's.
    init(_ user: User, employer collectivite: Collectivite?, departements: [Departement], sessions: [Session], currentSession currentHash: String?,
         notice: String?, csrf: String, viewer: LayoutModel.Viewer?, demo: Bool) {
        var employer = user.employerName.isEmpty ? nil : user.employerName
        if let collectivite {
            employer = EmployerFields.label(of: collectivite)
        }
        let departement = departements.first { $0.code == user.departementCode }
        let lines = sessions.map { session in
            SessionLine(
                device: DeviceLabel.from(userAgent: session.userAgent), address: session.address,
                since: CaseDates.numeric(session.createdAt), lastSeen: CaseDates.numeric(session.lastSeenAt),
                isCurrent: session.idHash == currentHash
            )
        }.sorted { $0.isCurrent && !$1.isCurrent }
        self.init(
            layout: LayoutModel(title: "Mon compte", section: .account, demo: demo, viewer: viewer),
            csrf: csrf, name: user.name, email: user.email, notificationEmail: user.notificationEmail,
            role: user.role.label, position: user.position?.label, employer: employer,
            departement: departement.map { "\($0.code) — \($0.name)" }, phone: user.phone.isEmpty ? nil : user.phone,
            notice: notice,
            signOutEverywhereURL: SiteURL.signOutEverywhere.path, secondFactorURL: SiteURL.secondFactor.path, myDataURL: SiteURL.myData.path, parcoursURL: SiteURL.parcours.path,
            profileURL: SiteURL.accountProfile.path, addressURL: SiteURL.accountAddress.path, passwordURL: SiteURL.accountPassword.path,
            sessions: lines, hasOtherSessions: lines.count > 1
        )
    }
}
