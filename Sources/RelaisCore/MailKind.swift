/// What a queued mail is about, stored with it in the outbox (`outboxMessage.kind`) and shown to staff
/// in words. The case notices say that something happened and link to the case; their text is in
/// `Templates/mail/notices/<kind>.mustache`.
public enum MailKind: String, Sendable, Hashable, CaseIterable, Codable {
    // Account mails, each with a template of its own (`Templates/mail/<kind>.{text,html}.mustache`).
    case test
    case confirmation
    case signupExisting = "signup-existing"
    case reset
    case invitation
    case addressConfirmation = "adresse"
    case accountNotice = "account-notice"

    // Case notices (`Templates/mail/notices/`).
    case caseReceived = "case-received"
    case casePending = "case-pending"
    case caseAssigned = "case-assigned"
    case caseUnrouted = "case-unrouted"
    case caseAccepted = "case-accepted"
    case caseWaiting = "case-waiting"
    case caseClosed = "case-closed"
    case caseWithdrawn = "case-withdrawn"
    case caseRerouted = "case-rerouted"
    case caseReassigned = "case-reassigned"
    case caseMessage = "case-message"
    case caseLate = "case-late"
    case caseReminder = "case-reminder"
    case caseLimit = "case-limit"
    case deadlineReminder = "rappel-echeance"
    case sheetReview = "sheet-review"
    case reviewReminder = "review-reminder"

    // Avis requests to experts (`Templates/mail/notices/avis-*`): as neutral as the case notices;
    // an expert's mail names no case, no employer, no situation.
    case referralProposed = "avis-propose"
    case referralDecided = "avis-decision"
    case referralRequest = "avis-demande"
    case referralConflict = "avis-conflit"
    case referralAnswer = "avis-reponse"
    case referralMessage = "avis-message"
    case referralReminder = "avis-relance"
    case referralLate = "avis-retard"
    case referralEnded = "avis-fin"

    // Ateliers (`Templates/mail/notices/atelier-*`): the atelier's title and date, never the place's
    // exact address nor the visio link (those are on its page, for the people registered).
    case atelierRegistered = "atelier-inscription"
    case atelierWaiting = "atelier-attente"
    case atelierPromoted = "atelier-place"
    case atelierReminder = "atelier-rappel"
    case atelierCancelled = "atelier-annule"

    // Exchange groups (`Templates/mail/notices/groupe-*`): « votre équipe d’échanges » and a link,
    // never the group's name, its members, a meeting's agenda or its notes.
    case groupProposed = "groupe-proposition"
    case groupDecision = "groupe-decision"
    case groupJoinRequest = "groupe-demande"
    case groupAdmission = "groupe-admission"
    case groupInvitation = "groupe-invitation"
    case meetingPlanned = "groupe-reunion"
    case actionAssigned = "groupe-action"
    case groupDigest = "groupe-resume"
    /// To staff: a member proposes a « fiche initiative » for the vademecum (never its words).
    case initiativeProposed = "initiative-proposee"

    // Closing feedback (`Templates/mail/notices/retour-cloture`): asks the director, once, for the
    // three questions; the link opens a form, it never records an answer by itself.
    case closingFeedback = "retour-cloture"
    // Pairs (`Templates/mail/notices/pair-*`): that something happened, never who asked, what was
    // lived or what was written.
    case peerRequest = "pair-demande"
    case peerAnswer = "pair-reponse"
    case peerMessage = "pair-message"
    case peerEnded = "pair-fin"

    // « Remontées » (`Templates/mail/notices/remontee-*`): one arrived (to staff), staff answered (to
    // its author); never its words.
    case observationReceived = "remontee-nouvelle"
    case observationAnswered = "remontee-reponse"

    /// Mails queued by `relais dev bench-outbox`, never by the site.
    case bench

    /// The French words staff read in the outbox.
    public var label: String {
        switch self {
        case .test: "Message d’essai"
        case .confirmation: "Confirmation d’adresse"
        case .signupExisting: "Compte existant"
        case .reset: "Nouveau mot de passe"
        case .invitation: "Invitation"
        case .addressConfirmation: "Confirmation d’une nouvelle adresse"
        case .accountNotice: "Avis sur le compte"
        case .caseReceived: "Demande reçue"
        case .casePending: "Demande à confirmer"
        case .caseAssigned: "Demande attribuée"
        case .caseUnrouted: "Demande sans correspondant"
        case .caseAccepted: "Demande prise en charge"
        case .caseWaiting: "En attente du directeur"
        case .caseClosed: "Demande close"
        case .caseWithdrawn: "Demande retirée"
        case .caseRerouted: "Changement de correspondant"
        case .caseReassigned: "Demande réattribuée"
        case .caseMessage: "Nouveau message"
        case .caseLate: "Demande en retard"
        case .caseReminder: "Rappel au directeur"
        case .caseLimit: "Limite de demandes"
        case .deadlineReminder: "Rappel d’échéance"
        case .sheetReview: "Fiche en relecture"
        case .reviewReminder: "Fiches à relire"
        case .referralProposed: "Avis proposé au directeur"
        case .referralDecided: "Décision du directeur sur un avis"
        case .referralRequest: "Demande d’avis à un expert"
        case .referralConflict: "Conflit d’intérêts déclaré"
        case .referralAnswer: "Avis déposé"
        case .referralMessage: "Message à l’expert"
        case .referralReminder: "Relance de l’expert"
        case .referralLate: "Avis en retard"
        case .referralEnded: "Fin d’un accès d’expert"
        case .atelierRegistered: "Inscription à un atelier"
        case .atelierWaiting: "Liste d’attente d’un atelier"
        case .atelierPromoted: "Place libérée dans un atelier"
        case .atelierReminder: "Rappel d’atelier"
        case .atelierCancelled: "Atelier annulé"
        case .groupProposed: "Équipe d’échanges proposée"
        case .groupDecision: "Décision sur une équipe proposée"
        case .groupJoinRequest: "Demande pour rejoindre une équipe"
        case .groupAdmission: "Réponse à une demande d’équipe"
        case .groupInvitation: "Invitation dans une équipe"
        case .meetingPlanned: "Réunion d’équipe"
        case .actionAssigned: "Action confiée"
        case .groupDigest: "Résumé hebdomadaire des équipes"
        case .closingFeedback: "Questions après la clôture"
        case .peerRequest: "Demande d’échange entre pairs"
        case .peerAnswer: "Réponse d’un pair"
        case .peerMessage: "Message d’un échange entre pairs"
        case .peerEnded: "Fin d’un échange entre pairs"
        case .observationReceived: "Nouvelle remontée"
        case .observationAnswered: "Réponse à une remontée"
        case .initiativeProposed: "Fiche initiative proposée"
        case .bench: "Mesure"
        }
    }

    /// A stored kind in words; an unknown one (written by another version) as it is, dashes as spaces.
    public static func label(of stored: String) -> String {
        MailKind(rawValue: stored)?.label ?? stored.replacingOccurrences(of: "-", with: " ")
    }
}
