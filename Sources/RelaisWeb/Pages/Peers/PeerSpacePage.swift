import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

/// `/pairs-aidants`: what peer support is; for a member, the form to ask for a pair, the exchanges
/// they asked for, those asked of them, and their own volunteer profile. Outside the page cache: a
/// member's page lists their exchanges.
struct PeerSpacePage: Page {
    static let template = Template.peers

    let layout: LayoutModel
    let notice: String?
    /// A visitor: where to sign in (and come back).
    let signInURL: String?
    let signUpURL: String?
    /// Signed in but not a member (staff, experts).
    let notMember: String?
    let member: Bool
    let proposalsURL: String
    let situations: [FormOption]
    let asked: [Line]
    let received: [Line]
    let profileURL: String
    let profileStateURL: String
    let volunteer: Volunteer?
    let csrf: String?

    struct Line: Encodable, Sendable {
        let title: String
        let with: String
        let stage: String
        let since: String
        let url: String
        let awaitsMe: Bool
    }

    struct Volunteer: Encodable, Sendable {
        let experiences: [String]
        let collectivite: String
        let availability: String
        let paused: Bool
    }
}

extension PeerSpacePage {
    static let notices: [String: String] = [
        "demande": "Votre demande est envoyée. Le pair reçoit un message l’invitant à se connecter pour la lire\u{00A0}; vous serez prévenu de sa réponse.",
        "profil": "Votre profil de pair est enregistré. Relais pourra le proposer aux membres qui traversent une situation que vous avez vécue.",
        "pause": "Votre profil est en pause\u{00A0}: Relais ne vous propose plus. Vos échanges en cours continuent.",
        "reprise": "Votre profil est de nouveau proposé.",
        "retrait": "Votre profil de pair est retiré. Vos échanges en cours continuent jusqu’à leur terme.",
    ]

    init(space: AppDatabase.PeerSpace?, user: User?, today: Day, situation: PeerExperience?, notice: String?, csrf: String?,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let member = user.map { PeerRules.isMember($0.role) } ?? false
        func line(_ item: AppDatabase.PeerExchangeLine, asDirector: Bool) -> Line {
            let request = item.request
            let stage = request.stage(today: today)
            var stageText = stage.label
            if stage == .running, let endsOn = request.endsOn { stageText += ", jusqu’au \(endsOn.frenchLong)" }
            return Line(title: request.experience.label,
                        with: asDirector ? "Avec \(item.otherName ?? "un pair")" : "Demande de \(item.otherName ?? "un membre de l’association")",
                        stage: stageText, since: "Demande du \(Day(request.createdAt).frenchLong)",
                        url: SiteURL.peerExchange(request.id ?? 0).path, awaitsMe: !asDirector && item.unanswered)
        }
        self.init(
            layout: LayoutModel(title: "Parler avec un pair", section: .network, demo: demo, viewer: viewer),
            notice: notice,
            signInURL: user == nil ? SiteURL.signIn.absolute(base: "", query: [("suite", SiteURL.peers.path)]) : nil,
            signUpURL: user == nil ? SiteURL.signUp.path : nil,
            notMember: user != nil && !member ? PeerService.Refusal.notMember.message : nil,
            member: member,
            proposalsURL: SiteURL.peerProposals.path,
            situations: PeerExperience.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == situation) },
            asked: (space?.asked ?? []).map { line($0, asDirector: true) },
            received: (space?.received ?? []).map { line($0, asDirector: false) },
            profileURL: SiteURL.peerProfile.path,
            profileStateURL: SiteURL.peerProfileState.path,
            volunteer: space?.volunteer.map {
                Volunteer(experiences: $0.experienceList.map(\.label), collectivite: "\($0.collectiviteKind.label), \($0.collectiviteSize.label.lowercasedFirst)",
                          availability: $0.availability, paused: $0.pausedAt != nil)
            },
            csrf: csrf
        )
    }
}

extension String {
    /// The first letter in lower case (« Moins de 3 500 habitants » inside a sentence).
    var lowercasedFirst: String { isEmpty ? self : prefix(1).lowercased() + dropFirst() }
}
