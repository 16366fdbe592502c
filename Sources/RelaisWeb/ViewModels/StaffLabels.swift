/// The French words staff read for the machine names stored with mails and audit lines: the pages
/// never show « case-closed » or « fiche_publiee ».
enum StaffLabels {
    static let mailKinds: [String: String] = [
        "case-accepted": "Demande prise en charge", "case-assigned": "Demande attribuée", "case-closed": "Demande close",
        "case-late": "Demande en retard", "case-limit": "Limite de demandes", "case-message": "Nouveau message",
        "case-pending": "Demande à confirmer", "case-reassigned": "Demande réattribuée", "case-received": "Demande reçue",
        "case-reminder": "Rappel au directeur", "case-rerouted": "Changement de correspondant", "case-unrouted": "Demande sans correspondant",
        "case-waiting": "En attente du directeur", "case-withdrawn": "Demande retirée", "review-reminder": "Fiches à relire",
        "sheet-review": "Fiche en relecture", "confirmation": "Confirmation d’adresse", "invitation": "Invitation",
        "reset": "Nouveau mot de passe", "adresse": "Confirmation d’adresse", "account-notice": "Avis sur le compte",
        "signup-existing": "Compte existant", "test": "Message d’essai",
    ]

    static func mailKind(_ kind: String) -> String {
        mailKinds[kind] ?? kind.replacingOccurrences(of: "-", with: " ")
    }

    static let auditActions: [String: String] = [
        "fiche_publiee": "Fiche publiée", "fiche_en_relecture": "Fiche envoyée en relecture", "fiche_archivee": "Fiche archivée",
        "fiche_brouillon": "Fiche remise en brouillon", "fiche_enregistree": "Fiche enregistrée", "fiche_restauree": "Fiche restaurée",
        "connexion": "Connexion", "connexion_echouee": "Connexion échouée", "connexion_bloquee": "Connexion bloquée",
        "consultation_demande": "Consultation d’une demande", "invitation": "Invitation", "inscription": "Inscription",
        "compte_cree": "Compte créé", "compte_supprime": "Compte supprimé", "courrier_renvoye": "Courrier renvoyé",
        "lecture_courrier": "Lecture d’un courrier", "export_annuaire": "Export de l’annuaire", "export_donnees": "Export de données",
        "export_statistiques": "Export des statistiques", "mot_de_passe_modifie": "Mot de passe modifié",
        "profil_modifie": "Profil modifié", "parcours_modifie": "Parcours modifié", "correspondant_modifie": "Correspondant modifié",
        "synonyme_ajoute": "Synonyme de recherche ajouté", "synonyme_supprime": "Synonyme de recherche supprimé",
    ]

    /// A known action in words; any other with its underscores as spaces, readable if not perfect.
    static func auditAction(_ action: String) -> String {
        auditActions[action] ?? action.replacingOccurrences(of: "_", with: " ").capitalizedFirst
    }
}

private extension String {
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
