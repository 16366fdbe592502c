/// French text for generated data: fact sheets, presentations, narratives, messages and notes.
/// Sentences are assembled from parts so that 10,000 sheets share a realistic vocabulary (the full-text
/// index then holds the long lists of common words a real vademecum has) without being identical.
extension ScaleGenerator {
    enum Text {
        static let firstNames = [
            "Anne", "Bernard", "Camille", "Claire", "Damien", "Delphine", "Éric", "Fabienne", "François", "Gaëlle", "Hélène",
            "Hugo", "Isabelle", "Jacques", "Julie", "Karim", "Laurence", "Léa", "Luc", "Malika", "Marc", "Martine", "Nathalie",
            "Nicolas", "Olivier", "Pascale", "Patrick", "Philippe", "Rachid", "Sandrine", "Sophie", "Stéphane", "Sylvie",
            "Thierry", "Valérie", "Vincent", "Yann", "Yasmina", "Zoé", "Agnès", "Benoît", "Cécile", "Denis", "Émilie",
        ]
        static let lastNames = [
            "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon",
            "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard",
            "André", "Lefèvre", "Mercier", "Dupont", "Lambert", "Bonnet", "François", "Martinez", "Legrand", "Garnier",
            "Faure", "Rousseau", "Blanc", "Guérin", "Muller", "Henry", "Roussel", "Nicolas", "Perrin", "Morin", "Mathieu",
            "Clément", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson", "Sanchez", "Benali",
        ]
        static let correspondentPositions = [
            "DGS honoraire", "DGS d’une commune de 20 000 habitants", "DGA ressources d’un département", "DGS d’une communauté d’agglomération",
            "DGST d’une métropole", "DGS d’une communauté de communes", "DGA d’une région", "DGS d’un établissement public territorial",
            "ancienne DGS, consultante", "DGS d’une ville moyenne", "DGA solidarités d’un département", "DGS d’un syndicat mixte",
        ]
        static let themes = [
            "La procédure de fin de fonctions", "Après la fin de fonctions", "Le statut des emplois fonctionnels",
            "Partir dans de bonnes conditions", "Protection et santé au travail", "Recours et contentieux",
            "Négocier et transiger", "Construire la suite", "Relations avec l’exécutif", "Rémunération et indemnités",
        ]
        static let subjects = [
            "le congé spécial", "la décharge de fonctions", "l’entretien préalable", "la protection fonctionnelle", "le détachement",
            "la fin de détachement", "la période de six mois", "l’information de l’assemblée délibérante", "le reclassement",
            "l’indemnité de licenciement", "la rupture conventionnelle", "le recours gracieux", "le référé-suspension",
            "la prise en charge par le centre de gestion", "le surnombre", "la perte de confiance", "le harcèlement moral",
            "la mise à l’écart", "la réorganisation des services", "le protocole de transition", "la baisse du régime indemnitaire",
            "le bilan de compétences", "l’outplacement", "le coaching", "la mobilité vers le secteur privé", "la disponibilité",
            "le congé de formation", "la médiation", "la conciliation", "le dialogue avec le maire", "le dialogue avec le président",
        ]
        static let verbs = [
            "doit être préparé avec soin", "ouvre des droits précis", "s’apprécie au cas par cas", "suppose un calendrier rigoureux",
            "engage la responsabilité de l’employeur", "se négocie souvent en amont", "se prépare avec un conseil", "protège l’agent",
            "ne peut intervenir qu’après un délai", "fait l’objet d’une jurisprudence abondante", "mérite d’être anticipé",
            "donne lieu à un arrêté motivé", "se discute en entretien", "relève du juge administratif", "reste encadré par le statut",
        ]
        static let complements = [
            "dans les six mois qui suivent l’élection", "avant toute décision de l’autorité territoriale", "selon le code général de la fonction publique",
            "au regard du décret n° 88-614", "en lien avec le centre de gestion", "lorsque la confiance est rompue", "sans attendre la notification",
            "dès l’annonce du changement d’exécutif", "en cas de réorganisation territoriale", "pour les emplois fonctionnels de direction",
            "à compter du premier jour du troisième mois", "avec l’appui du correspondant de l’association", "dans le respect du contradictoire",
            "quand un emploi de grade équivalent n’existe pas", "pour les communes de plus de 2 000 habitants", "au terme du détachement",
        ]
        static let advice = [
            "Conservez une copie de chaque courrier et notez les dates des échanges.",
            "Demandez un entretien écrit plutôt qu’une conversation de couloir.",
            "Ne signez rien dans l’urgence : un délai de réflexion est toujours possible.",
            "Prévenez votre correspondant dès les premiers signes de tension.",
            "Faites relire le projet d’arrêté par un avocat en droit public.",
            "Le calendrier légal est indicatif : vérifiez-le avec un conseil.",
            "Pensez à votre santé : un épuisement professionnel se soigne.",
            "Vos droits à rémunération continuent pendant la procédure.",
        ]
        static let headings = [
            "Ce qui se passe", "Vos droits", "Les délais", "Ce que dit le texte", "Ce qu’il faut faire", "Les pièges à éviter",
            "La jurisprudence", "Questions fréquentes", "Pour aller plus loin", "Exemples vécus", "Le rôle du centre de gestion",
        ]
        static let legalReferences = [
            "CGFP, art. L544-11", "CGFP, art. L544-4", "Décret n° 88-614, art. 6", "CGFP, art. L343-1", "CGFP, art. L544-1",
            "CGFP, art. L134-1", "Décret n° 87-1101", "CE, 9 juin 2017, n° 396718", "CJA, art. L521-1", "CGCT, art. L2121-29",
        ]
        static let tags = [
            "fin de fonctions", "congé spécial", "détachement", "entretien", "protection", "recours", "négociation", "santé",
            "mobilité", "rémunération", "centre de gestion", "élections", "confiance", "réorganisation", "retraite",
        ]
        static let narrativeOpenings = [
            "Depuis les dernières élections, le nouveau maire ne me convie plus aux réunions de direction.",
            "Le président m’a annoncé oralement qu’il souhaitait mettre fin à mon détachement.",
            "Je suis DGS depuis huit ans et la relation avec l’exécutif se dégrade depuis quelques mois.",
            "On m’a retiré plusieurs dossiers sans explication et mon adjoint est désormais reçu à ma place.",
            "Je souhaite changer de poste avant la fin du mandat, sans subir une décharge de fonctions.",
            "Une fusion d’intercommunalités supprime mon emploi fonctionnel au premier janvier.",
        ]
        static let messageOpenings = [
            "Bonjour,", "Merci pour votre appel d’hier.", "Je reviens vers vous comme convenu.", "Bonsoir,",
            "Suite à notre échange,", "Petite mise à jour :", "Merci pour votre message.",
        ]
        static let messageMiddles = [
            "L’entretien préalable est fixé à la semaine prochaine et je voudrais le préparer avec vous.",
            "J’ai reçu le projet d’arrêté ; pouvez-vous le relire avant que je réponde ?",
            "Le centre de gestion m’a confirmé la prise en charge, mais les délais restent flous.",
            "Je pense demander le congé spécial, j’ai plus de vingt ans de services.",
            "La situation s’est apaisée depuis la dernière réunion avec le maire.",
            "Je vous propose un échange téléphonique jeudi en fin de journée.",
            "Avez-vous le contact d’un avocat en droit public dans la région ?",
            "Je n’ai toujours pas de réponse écrite à mon courrier du mois dernier.",
            "Le conseil municipal doit être informé lors de sa prochaine séance.",
            "Je commence un bilan de compétences avec le cabinet que vous m’avez conseillé.",
        ]
        static let messageEndings = [
            "Bien cordialement.", "Merci encore.", "À bientôt.", "Je reste disponible.", "Belle journée.", "Cordialement.",
        ]
    }
}
