import Foundation

/// Every page of the site, used both to register routes and to build links, so no path is typed
/// twice. DESIGN §6 lists the URLs that must stay stable.
public enum SiteURL: Sendable, Hashable {
    case home
    case parcours
    case situation(String)
    /// The director's deadlines of a situation's calendar, as iCalendar (same query as the page).
    case situationDeadlines(String)
    /// Saves the calendar's dates to the signed-in director's account (« Mes échéances »).
    case situationDeadlinesSave(String)
    /// Reminders on or off, deadlines deleted, shared with a case: the forms of « Mes échéances ».
    case myDeadlines
    case axis(Axis)
    case vademecum
    case factSheet(String)
    case about
    case healthz
    case livez
    case stylesheet
    /// Writes the day a fact sheet is printed into its print header (`Public/js/impression.js`).
    case printScript
    case partners
    case networks
    /// An atelier's page, where members register (`/reseaux/ateliers/{id}`), and its forms.
    case atelier(Int64)
    case atelierRegistration(Int64)
    case atelierCancellation(Int64)
    /// Exchange groups: the member's list, proposing one, asking to join, answering an invitation.
    case groups
    case groupProposal
    case groupJoinRequest
    case groupInvitationAnswer
    /// Inside a group: members only (404 to anyone else).
    case group(Int64)
    case groupMemberDecision(Int64, Int64)
    case groupInvitation(Int64)
    case groupMeetingNew(Int64)
    case groupMeeting(Int64, Int64)
    case groupMeetingRole(Int64, Int64)
    case groupMeetingNotes(Int64, Int64)
    case groupMeetingNotesVersion(Int64, Int64, Int)
    case groupMeetingActions(Int64, Int64)
    case groupActionDone(Int64, Int64)
    /// « Fiches initiatives » of a group: writing one, reading, changing, proposing it to staff.
    case groupInitiativeNew(Int64)
    case groupInitiative(Int64, Int64)
    case groupInitiativeEdit(Int64, Int64)
    case groupInitiativeProposal(Int64, Int64)
    /// Per event or weekly digest: the member's choice on `/compte`.
    case accountGroupMail
    case signIn
    case signOut
    case signUp
    case signUpConfirmation
    case forgotPassword
    case newPassword
    case invitation
    case account
    case signOutEverywhere
    case accountProfile
    case accountAddress
    case addressConfirmation
    case accountPassword
    case myData
    case myDataExport
    case deleteAccount
    case correspondentDesk
    case staff
    case staffAudit
    case staffOutbox
    case newCase
    case myCases
    case myDraft
    case caseFile(String)
    case caseAction(String)
    case caseMessage(String)
    case caseNote(String)
    /// A file of a case: `caseDocument(reference, id)`.
    case caseDocument(String, Int64)
    case caseDocumentWithdrawal(String, Int64)
    /// Avis requests: on the case, and the expert's side.
    case caseReferralNew(String)
    case caseReferralDecision(String, Int64)
    case caseReferralRevocation(String, Int64)
    case caseReferralWithdrawal(String, Int64)
    case caseReferralMessage(String, Int64)
    case expertDesk
    case referral(Int64)
    case referralDeclaration(Int64)
    case referralMessage(Int64)
    case referralDocument(Int64, Int64)
    case staffExperts
    case staffExpert(Int64)
    case deskAvailability
    case staffCases
    case staffCaseExport
    case staffDirectoryExport
    case staffOutboxMessage(Int64)
    case staffOutboxRetry(Int64)
    case staffOutboxRetryFailed
    case staffCorrespondents
    case staffCorrespondent(Int64)
    case staffCorrespondentInvitation(Int64)
    case staffCorrespondentInvitations
    case staffPartners
    case staffPartner(String)
    case staffNetworks
    case staffNetwork(String)
    case staffAteliers
    case staffAtelier(String)
    /// Who registered, the waiting list, attendance, closing, cancelling, the CSV.
    case staffAtelierRegistrations(Int64)
    case staffAtelierAttendance(Int64)
    case staffAtelierClosing(Int64)
    case staffAtelierCancellation(Int64)
    case staffAtelierExport(Int64)
    /// Staff's moderation of groups: that they exist and who is in them, never what is inside.
    case staffGroups
    case staffGroupNew
    case staffGroup(Int64)
    case staffGroupDecision(Int64)
    /// The fiches initiatives their authors proposed, and one of them.
    case staffInitiatives
    case staffInitiative(Int64)
    case staffParcours
    case staffVademecum
    case staffSheet(String)
    case staffSheetState(String)
    case staffSheetHistory(String)
    case staffSituation(String)
    case directory
    case directoryDepartement(String)
    case search
    case signInCode
    case secondFactor
    case secondFactorStart
    case secondFactorConfirm
    case secondFactorDisable
    case trustedDevices
    case staffAccounts
    case staffAccountSecondFactorReset(Int64)
    /// The search's synonyms: the list and the form to add one.
    case staffSynonyms
    case staffSynonymRemoval(Int64)
    /// Closing feedback: the director's form (GET shows it, POST records), staff's figures.
    case caseFeedback(String)
    case staffFeedback
    /// Readers' feedback on a sheet: « Cette fiche vous a-t-elle aidé ? », « Signaler une erreur »,
    /// the thank-you page; and staff's queue of reports.
    case sheetVote(String)
    case sheetReport(String)
    case sheetThanks(String)
    case staffSheetReports
    case staffSheetReport(Int64)
    /// Pairs (« pairs aidants »): the space, the three proposals, the request, the volunteer's profile
    /// and its state (pause, resume, withdraw), one exchange and its forms.
    case peers
    case peerProposals
    case peerRequests
    case peerProfile
    case peerProfileState
    case peerExchange(Int64)
    case peerExchangeAnswer(Int64)
    case peerExchangeMessage(Int64)
    case peerExchangeState(Int64)
    /// « Remontées »: a member's form and list; staff's list by theme and one remontée.
    case observations
    case staffObservations
    case staffObservation(Int64)

    /// The path of this page, percent-safe (slugs and codes are ASCII by construction).
    public var path: String {
        switch self {
        case .home: "/"
        case .parcours: "/parcours"
        case .situation(let slug): "/parcours/\(slug)"
        case .situationDeadlines(let slug): "/parcours/\(slug)/echeances.ics"
        case .situationDeadlinesSave(let slug): "/parcours/\(slug)/echeances"
        case .myDeadlines: "/mes-demandes/echeances"
        case .axis(let axis): "/axes/\(axis.rawValue)"
        case .vademecum: "/vademecum"
        case .factSheet(let slug): "/vademecum/\(slug)"
        case .about: "/a-propos"
        case .healthz: "/healthz"
        case .livez: "/livez"
        case .stylesheet: "/css/relais.css"
        case .printScript: "/js/impression.js"
        case .partners: "/partenaires"
        case .networks: "/reseaux"
        case .atelier(let id): "/reseaux/ateliers/\(id)"
        case .atelierRegistration(let id): "/reseaux/ateliers/\(id)/inscription"
        case .atelierCancellation(let id): "/reseaux/ateliers/\(id)/desinscription"
        case .groups: "/groupes"
        case .groupProposal: "/groupes/proposer"
        case .groupJoinRequest: "/groupes/demandes"
        case .groupInvitationAnswer: "/groupes/invitations"
        case .group(let id): "/groupes/\(id)"
        case .groupMemberDecision(let id, let member): "/groupes/\(id)/membres/\(member)/decision"
        case .groupInvitation(let id): "/groupes/\(id)/invitation"
        case .groupMeetingNew(let id): "/groupes/\(id)/reunions/nouvelle"
        case .groupMeeting(let id, let meeting): "/groupes/\(id)/reunions/\(meeting)"
        case .groupMeetingRole(let id, let meeting): "/groupes/\(id)/reunions/\(meeting)/roles"
        case .groupMeetingNotes(let id, let meeting): "/groupes/\(id)/reunions/\(meeting)/notes"
        case .groupMeetingNotesVersion(let id, let meeting, let version): "/groupes/\(id)/reunions/\(meeting)/notes/\(version)"
        case .groupMeetingActions(let id, let meeting): "/groupes/\(id)/reunions/\(meeting)/actions"
        case .groupActionDone(let id, let action): "/groupes/\(id)/actions/\(action)/fait"
        case .groupInitiativeNew(let id): "/groupes/\(id)/initiatives/nouvelle"
        case .groupInitiative(let id, let initiative): "/groupes/\(id)/initiatives/\(initiative)"
        case .groupInitiativeEdit(let id, let initiative): "/groupes/\(id)/initiatives/\(initiative)/modifier"
        case .groupInitiativeProposal(let id, let initiative): "/groupes/\(id)/initiatives/\(initiative)/proposition"
        case .accountGroupMail: "/compte/courriels-equipes"
        case .signIn: "/connexion"
        case .signOut: "/deconnexion"
        case .signUp: "/inscription"
        case .signUpConfirmation: "/inscription/confirmation"
        case .forgotPassword: "/mot-de-passe-oublie"
        case .newPassword: "/mot-de-passe/nouveau"
        case .invitation: "/invitation"
        case .account: "/compte"
        case .signOutEverywhere: "/compte/deconnexion-partout"
        case .accountProfile: "/compte/profil"
        case .accountAddress: "/compte/adresse"
        case .addressConfirmation: "/compte/adresse/confirmation"
        case .accountPassword: "/compte/mot-de-passe"
        case .myData: "/mes-donnees"
        case .myDataExport: "/mes-donnees/export.json"
        case .deleteAccount: "/mes-donnees/suppression"
        case .correspondentDesk: "/correspondant"
        case .staff: "/equipe"
        case .staffAudit: "/equipe/journal"
        case .staffOutbox: "/equipe/courrier"
        case .newCase: "/demandes/nouvelle"
        case .myCases: "/mes-demandes"
        case .myDraft: "/mes-demandes/brouillon"
        case .caseFile(let reference): "/demandes/\(reference)"
        case .caseAction(let reference): "/demandes/\(reference)/action"
        case .caseMessage(let reference): "/demandes/\(reference)/message"
        case .caseNote(let reference): "/demandes/\(reference)/note"
        case .caseDocument(let reference, let id): "/demandes/\(reference)/pieces/\(id)"
        case .caseDocumentWithdrawal(let reference, let id): "/demandes/\(reference)/pieces/\(id)/retrait"
        case .caseReferralNew(let reference): "/demandes/\(reference)/avis/nouveau"
        case .caseReferralDecision(let reference, let id): "/demandes/\(reference)/avis/\(id)/decision"
        case .caseReferralRevocation(let reference, let id): "/demandes/\(reference)/avis/\(id)/revocation"
        case .caseReferralWithdrawal(let reference, let id): "/demandes/\(reference)/avis/\(id)/retrait"
        case .caseReferralMessage(let reference, let id): "/demandes/\(reference)/avis/\(id)/message"
        case .expertDesk: "/expert"
        case .referral(let id): "/avis/\(id)"
        case .referralDeclaration(let id): "/avis/\(id)/declaration"
        case .referralMessage(let id): "/avis/\(id)/message"
        case .referralDocument(let id, let document): "/avis/\(id)/pieces/\(document)"
        case .staffExperts: "/equipe/experts"
        case .staffExpert(let id): "/equipe/experts/\(id)"
        case .deskAvailability: "/correspondant/disponibilite"
        case .staffCases: "/equipe/demandes"
        case .staffCaseExport: "/equipe/exports/demandes.csv"
        case .staffDirectoryExport: "/equipe/exports/annuaire.csv"
        case .staffOutboxMessage(let id): "/equipe/courrier/\(id)"
        case .staffOutboxRetry(let id): "/equipe/courrier/\(id)/renvoyer"
        case .staffOutboxRetryFailed: "/equipe/courrier/renvoyer-les-echecs"
        case .staffCorrespondents: "/equipe/correspondants"
        case .staffCorrespondent(let id): "/equipe/correspondants/\(id)"
        case .staffCorrespondentInvitation(let id): "/equipe/correspondants/\(id)/invitation"
        case .staffCorrespondentInvitations: "/equipe/correspondants/invitations"
        case .staffPartners: "/equipe/partenaires"
        case .staffPartner(let id): "/equipe/partenaires/\(id)"
        case .staffNetworks: "/equipe/reseaux"
        case .staffNetwork(let id): "/equipe/reseaux/\(id)"
        case .staffAteliers: "/equipe/ateliers"
        case .staffAtelier(let id): "/equipe/ateliers/\(id)"
        case .staffAtelierRegistrations(let id): "/equipe/ateliers/\(id)/inscriptions"
        case .staffAtelierAttendance(let id): "/equipe/ateliers/\(id)/presences"
        case .staffAtelierClosing(let id): "/equipe/ateliers/\(id)/cloture"
        case .staffAtelierCancellation(let id): "/equipe/ateliers/\(id)/annulation"
        case .staffAtelierExport(let id): "/equipe/ateliers/\(id)/inscrits.csv"
        case .staffGroups: "/equipe/groupes"
        case .staffGroupNew: "/equipe/groupes/nouvelle"
        case .staffGroup(let id): "/equipe/groupes/\(id)"
        case .staffGroupDecision(let id): "/equipe/groupes/\(id)/decision"
        case .staffInitiatives: "/equipe/initiatives"
        case .staffInitiative(let id): "/equipe/initiatives/\(id)"
        case .staffParcours: "/equipe/parcours"
        case .staffVademecum: "/equipe/vademecum"
        case .staffSheet(let slug): "/equipe/vademecum/\(slug)"
        case .staffSheetState(let slug): "/equipe/vademecum/\(slug)/etat"
        case .staffSheetHistory(let slug): "/equipe/vademecum/\(slug)/historique"
        case .staffSituation(let slug): "/equipe/parcours/\(slug)"
        case .directory: "/annuaire"
        case .directoryDepartement(let code): "/annuaire/\(code)"
        case .search: "/recherche"
        case .signInCode: "/connexion/code"
        case .secondFactor: "/compte/double-authentification"
        case .secondFactorStart: "/compte/double-authentification/debut"
        case .secondFactorConfirm: "/compte/double-authentification/confirmation"
        case .secondFactorDisable: "/compte/double-authentification/desactivation"
        case .trustedDevices: "/compte/double-authentification/appareils"
        case .staffAccounts: "/equipe/comptes"
        case .staffAccountSecondFactorReset(let id): "/equipe/comptes/\(id)/double-authentification"
        case .staffSynonyms: "/equipe/synonymes"
        case .staffSynonymRemoval(let id): "/equipe/synonymes/\(id)/suppression"
        case .caseFeedback(let reference): "/demandes/\(reference)/retour"
        case .staffFeedback: "/equipe/retours"
        case .sheetVote(let slug): "/vademecum/\(slug)/avis"
        case .sheetReport(let slug): "/vademecum/\(slug)/signalement"
        case .sheetThanks(let slug): "/vademecum/\(slug)/merci"
        case .staffSheetReports: "/equipe/signalements"
        case .staffSheetReport(let id): "/equipe/signalements/\(id)"
        case .peers: "/pairs-aidants"
        case .peerProposals: "/pairs-aidants/propositions"
        case .peerRequests: "/pairs-aidants/demandes"
        case .peerProfile: "/pairs-aidants/profil"
        case .peerProfileState: "/pairs-aidants/profil/etat"
        case .peerExchange(let id): "/pairs-aidants/echanges/\(id)"
        case .peerExchangeAnswer(let id): "/pairs-aidants/echanges/\(id)/reponse"
        case .peerExchangeMessage(let id): "/pairs-aidants/echanges/\(id)/message"
        case .peerExchangeState(let id): "/pairs-aidants/echanges/\(id)/etat"
        case .observations: "/remontees"
        case .staffObservations: "/equipe/remontees"
        case .staffObservation(let id): "/equipe/remontees/\(id)"
        }
    }

    /// The absolute address of this page on the public site, for mails.
    public func absolute(base: String, query: [(String, String)] = []) -> String {
        var url = base + path
        if !query.isEmpty {
            // RFC 3986 unreserved characters stay as they are: tokens read the same in a mail.
            url += "?" + query.map { "\($0.0)=\(Text.queryEncoded($0.1))" }.joined(separator: "&")
        }
        return url
    }
}

extension SiteURL {
    /// Where a person lands after signing in: their own space.
    public static func landing(for role: Role) -> SiteURL {
        switch role {
        case .demandeur: .account
        case .correspondant: .correspondentDesk
        case .equipe, .admin: .staff
        case .expert: .expertDesk
        }
    }
}
