/// What the audit log records (`auditEvent.action`), with the words staff read on `/equipe/journal`.
public enum AuditAction: String, Sendable, Hashable, CaseIterable, Codable {
    // Accounts and sign-in
    case signedIn = "connexion"
    case signInFailed = "connexion_echouee"
    case signInBlocked = "connexion_bloquee"
    case signedOutEverywhere = "deconnexion_partout"
    case signedUp = "inscription"
    case signUpBlocked = "inscription_bloquee"
    case signUpExistingAddress = "inscription_adresse_existante"
    case addressConfirmed = "confirmation_adresse"
    case accountCreated = "compte_cree"
    case accountDeleted = "compte_supprime"
    case invited = "invitation"
    case invitationAccepted = "invitation_acceptee"
    case roleChanged = "changement_de_role"
    case resetRequested = "reinitialisation_demandee"
    case passwordChanged = "mot_de_passe_modifie"
    /// A new password chosen through a reset link.
    case passwordReset = "mot_de_passe_change"
    case currentPasswordRefused = "mot_de_passe_actuel_refuse"
    case confirmationPasswordRefused = "confirmation_mot_de_passe_refuse"
    case profileChanged = "profil_modifie"
    case notificationAddressRequested = "adresse_notification_demandee"
    case notificationAddressConfirmed = "adresse_notification_confirmee"
    case dataExported = "export_donnees"

    // Second factor
    case secondFactorEnrolled = "double_authentification_activee"
    case secondFactorDisabled = "double_authentification_desactivee"
    case secondFactorReset = "double_authentification_reinitialisee"
    case codeAccepted = "code_accepte"
    case codeRefused = "code_refuse"
    case codeBlocked = "code_bloque"
    case recoveryCodeUsed = "code_secours_utilise"
    case trustedDeviceAdded = "appareil_de_confiance_ajoute"
    case trustedDeviceUsed = "appareil_de_confiance_utilise"
    case trustedDeviceRevoked = "appareil_de_confiance_revoque"

    // Cases
    case caseRead = "consultation_demande"
    /// A file of a case opened or downloaded by someone other than its director.
    case caseDocumentRead = "piece_consultee"
    /// A file of a case that failed its authentication on disk: never served.
    case caseDocumentDamaged = "piece_endommagee"
    case expertAdded = "expert_ajoute"
    case expertChanged = "expert_modifie"
    case caseWithExistingAddress = "demande_adresse_existante"
    case caseLimitReached = "limite_demandes"
    case availabilityChanged = "disponibilite"
    case correspondentChanged = "correspondant_modifie"

    // Curation and the network
    case sheetSaved = "fiche_enregistree"
    case sheetRestored = "fiche_restauree"
    case sheetSentForReview = "fiche_en_relecture"
    case sheetPublished = "fiche_publiee"
    case sheetArchived = "fiche_archivee"
    case situationChanged = "parcours_modifie"
    case partnerCreated = "partenaire_cree"
    case partnerChanged = "partenaire_modifie"
    case atelierCreated = "atelier_cree"
    case atelierChanged = "atelier_modifie"
    case atelierRegistration = "atelier_inscription"
    case atelierUnregistration = "atelier_desinscription"
    case atelierPromotion = "atelier_place_liberee"
    case atelierAttendance = "atelier_presences"
    case atelierClosed = "atelier_inscriptions_closes"
    case atelierCancelled = "atelier_annule"
    case atelierExported = "export_inscrits_atelier"
    case networkCreated = "reseau_cree"
    case networkChanged = "reseau_modifie"
    case synonymAdded = "synonyme_ajoute"
    case synonymRemoved = "synonyme_supprime"
    /// A reader's report on a sheet turned into a draft version, or marked handled.
    case sheetReportDrafted = "signalement_brouillon"
    case sheetReportHandled = "signalement_traite"

    // Pairs (« pairs aidants »): every step of a request, and each reading of an exchange by its two people.
    case peerVolunteered = "pair_profil"
    case peerPaused = "pair_pause"
    case peerResumed = "pair_reprise"
    case peerWithdrew = "pair_retrait"
    case peerAsked = "pair_demande"
    case peerAccepted = "pair_acceptation"
    case peerDeclined = "pair_refus"
    case peerRequestWithdrawn = "pair_demande_retiree"
    case peerEnded = "pair_fin"
    case peerRenewed = "pair_prolongation"
    case peerRead = "pair_consultation"

    // « Remontées »: sent by a member, answered, linked or filed by staff.
    case observationSent = "remontee_envoyee"
    case observationAnswered = "remontee_repondue"
    case observationLinked = "remontee_liee"
    case observationFiled = "remontee_classee"

    // Back office
    case mailRead = "lecture_courrier"
    case mailRetried = "courrier_renvoye"
    case directoryExported = "export_annuaire"
    case statisticsExported = "export_statistiques"

    /// The audit line of a fact sheet moved to `status` (`FactSheetWorkflow`).
    public static func sheetMoved(to status: FactSheetStatus) -> AuditAction {
        switch status {
        case .brouillon: .sheetSaved
        case .enRelecture: .sheetSentForReview
        case .publiee: .sheetPublished
        case .archivee: .sheetArchived
        }
    }

    public var label: String {
        switch self {
        case .signedIn: "Connexion"
        case .signInFailed: "Connexion échouée"
        case .signInBlocked: "Connexion bloquée"
        case .signedOutEverywhere: "Déconnexion de tous les appareils"
        case .signedUp: "Inscription"
        case .signUpBlocked: "Inscription bloquée"
        case .signUpExistingAddress: "Inscription avec une adresse déjà connue"
        case .addressConfirmed: "Adresse confirmée"
        case .accountCreated: "Compte créé"
        case .accountDeleted: "Compte supprimé"
        case .invited: "Invitation"
        case .invitationAccepted: "Invitation acceptée"
        case .roleChanged: "Changement de rôle"
        case .resetRequested: "Nouveau mot de passe demandé"
        case .passwordChanged: "Mot de passe modifié"
        case .passwordReset: "Nouveau mot de passe choisi"
        case .currentPasswordRefused: "Mot de passe actuel refusé"
        case .confirmationPasswordRefused: "Mot de passe refusé à la confirmation"
        case .profileChanged: "Profil modifié"
        case .notificationAddressRequested: "Nouvelle adresse de notification demandée"
        case .notificationAddressConfirmed: "Adresse de notification confirmée"
        case .dataExported: "Export de données"
        case .secondFactorEnrolled: "Double authentification activée"
        case .secondFactorDisabled: "Double authentification désactivée"
        case .secondFactorReset: "Double authentification réinitialisée"
        case .codeAccepted: "Code accepté"
        case .codeRefused: "Code refusé"
        case .codeBlocked: "Code bloqué"
        case .recoveryCodeUsed: "Code de secours utilisé"
        case .trustedDeviceAdded: "Appareil de confiance ajouté"
        case .trustedDeviceUsed: "Appareil de confiance utilisé"
        case .trustedDeviceRevoked: "Appareil de confiance révoqué"
        case .caseRead: "Consultation d’une demande"
        case .caseDocumentRead: "Consultation d’une pièce"
        case .caseDocumentDamaged: "Pièce endommagée, non servie"
        case .expertAdded: "Expert ajouté"
        case .expertChanged: "Expert modifié"
        case .caseWithExistingAddress: "Demande avec une adresse déjà connue"
        case .caseLimitReached: "Limite de demandes atteinte"
        case .availabilityChanged: "Disponibilité modifiée"
        case .correspondentChanged: "Correspondant modifié"
        case .sheetSaved: "Fiche enregistrée"
        case .sheetRestored: "Fiche restaurée"
        case .sheetSentForReview: "Fiche envoyée en relecture"
        case .sheetPublished: "Fiche publiée"
        case .sheetArchived: "Fiche archivée"
        case .situationChanged: "Parcours modifié"
        case .partnerCreated: "Partenaire créé"
        case .partnerChanged: "Partenaire modifié"
        case .atelierCreated: "Atelier créé"
        case .atelierChanged: "Atelier modifié"
        case .atelierRegistration: "Inscription à un atelier"
        case .atelierUnregistration: "Désinscription d’un atelier"
        case .atelierPromotion: "Place d’atelier donnée à la liste d’attente"
        case .atelierAttendance: "Présences d’un atelier"
        case .atelierClosed: "Inscriptions d’un atelier closes"
        case .atelierCancelled: "Atelier annulé"
        case .sheetReportDrafted: "Signalement sur une fiche mis en brouillon"
        case .sheetReportHandled: "Signalement sur une fiche traité"
        case .atelierExported: "Export des inscrits d’un atelier"
        case .networkCreated: "Réseau créé"
        case .networkChanged: "Réseau modifié"
        case .synonymAdded: "Synonyme de recherche ajouté"
        case .synonymRemoved: "Synonyme de recherche supprimé"
        case .peerVolunteered: "Profil de pair enregistré"
        case .peerPaused: "Pair en pause"
        case .peerResumed: "Pair de nouveau disponible"
        case .peerWithdrew: "Profil de pair retiré"
        case .peerAsked: "Demande à un pair"
        case .peerAccepted: "Demande acceptée par le pair"
        case .peerDeclined: "Demande déclinée par le pair"
        case .peerRequestWithdrawn: "Demande à un pair retirée"
        case .peerEnded: "Échange entre pairs terminé"
        case .peerRenewed: "Échange entre pairs prolongé"
        case .peerRead: "Consultation d’un échange entre pairs"
        case .observationSent: "Remontée envoyée"
        case .observationAnswered: "Remontée répondue"
        case .observationLinked: "Remontée liée à une fiche ou un parcours"
        case .observationFiled: "Remontée classée"
        case .mailRead: "Lecture d’un courrier"
        case .mailRetried: "Courrier renvoyé"
        case .directoryExported: "Export de l’annuaire"
        case .statisticsExported: "Export des statistiques"
        }
    }

    /// A stored action in words; an unknown one (written by another version) with its underscores as spaces.
    public static func label(of stored: String) -> String {
        if let action = AuditAction(rawValue: stored) { return action.label }
        let words = stored.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
