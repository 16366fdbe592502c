// The recourse lines of the end-of-functions calendar: the court deadline, the notice it supposes, the
// recours gracieux and the référé.

extension EndOfFunctionsCalendarBuilder {
    func recourseLines() -> [Line] {
        guard let notification = facts.notification else {
            return [Line(.recourseDeadline, "Délai de recours",
                "Indiquez la date à laquelle la décision vous a été notifiée pour calculer le dernier jour pour saisir le tribunal administratif (deux mois, délai franc).",
                source: Source.recourse)]
        }
        guard let recourse else { return [outOfRange(.recourseDeadline, source: Source.recourse)] }
        var text = "La décision vous a été notifiée le \(notification.frenchLong). Pour la contester, le recours pour excès de pouvoir doit être déposé au tribunal administratif dans les deux mois. Le délai est franc : ni le jour de la notification ni le jour d'échéance ne comptent. Dernier jour : le \(long(recourse.lastDay)) inclus. Ce jour-là au plus tard, la requête doit être enregistrée au greffe du tribunal : un courrier posté ce jour-là arrive trop tard (par Télérecours citoyens, jusqu'à 23 h 59)."
        if let first = recourse.skipped.first {
            let others = recourse.skipped.dropFirst().map(describeNonWorkingDay)
            var skippedText = "Le calcul donne le \(describeNonWorkingDay(first)), qui n'est pas un jour ouvrable"
            if let second = others.first {
                skippedText += ", pas plus que le \(second)"
                for other in others.dropFirst() { skippedText += " ni le \(other)" }
            }
            text += " " + skippedText + " : le délai est reporté au premier jour ouvrable suivant."
        }
        if recourse.clamped {
            text += " Le mois d'échéance ne compte pas de \(notification.day) : nous avons retenu son dernier jour, puis ajouté le jour franc. Ce cas limite est à faire vérifier ; par prudence, déposez le recours avant."
        }
        if facts.departementCode.map({ $0.hasPrefix("97") }) == true {
            text += " Outre-mer : le jour férié commémorant l'abolition de l'esclavage n'est pas pris en compte ici, et l'article R421-7 du code de justice administrative peut allonger le délai pour qui demeure outre-mer ou à l'étranger : à vérifier avec un avocat."
        }
        text += " Par prudence, n'attendez pas le dernier jour."
        return [
            Line(.recourseDeadline, "Dernier jour pour saisir le tribunal administratif", date: recourse.lastDay, text, source: Source.recourse),
            Line(.recourseNotice, "Un délai qui suppose une notification complète",
                "Ce délai de deux mois ne vous est opposable que si la notification mentionne les voies et délais de recours. Sinon, le Conseil d'État retient en général un délai raisonnable d'un an. Regardez la fin de l'arrêté qui vous a été notifié.",
                source: Source.notice),
            gracieuxLine(deadline: recourse.lastDay),
            Line(.suspension, "Référé-suspension",
                "En cas d'urgence, le juge des référés peut suspendre la décision. Il faut une urgence, un doute sérieux sur sa légalité et un recours au fond déposé (au plus tard en même temps).",
                source: Source.suspension),
        ]
    }

    /// The recours gracieux, with a worked example from the latest day it can be sent: what the
    /// director most needs to know is how long silence lasts and that it interrupts only once.
    private func gracieuxLine(deadline: Day) -> Line {
        var text = "Un recours gracieux reçu par l'autorité territoriale au plus tard le \(deadline.frenchLong) interrompt le délai, une seule fois : un second recours gracieux ne l'interrompt pas à nouveau. Un nouveau délai de deux mois court à partir de la réponse écrite de l'autorité, ou, si elle ne répond pas, du refus implicite né de deux mois de silence après la réception de votre recours."
        if let outcome = EndOfFunctionsCalendar.recoursGracieux(received: deadline, alsaceMoselle: alsaceMoselle) {
            text += " Par exemple, reçu le \(deadline.frenchLong) et resté sans réponse, il est implicitement rejeté le \(outcome.implicitRefusal.frenchLong) ; le tribunal doit alors être saisi au plus tard le \(long(outcome.newDeadline.lastDay))."
        }
        text += " Gardez la preuve de la date de réception (lettre recommandée avec accusé de réception, ou remise contre récépissé) : entre un agent et son employeur, l'absence d'accusé de réception de l'administration ne prolonge pas le délai."
        return Line(.recoursGracieux, "Recours gracieux", date: deadline, text, source: Source.gracieux)
    }

    /// "samedi 4 avril 2026", "lundi 6 avril 2026 (lundi de Pâques, férié)".
    private func describeNonWorkingDay(_ day: Day) -> String {
        guard let holiday = FrenchHolidays.name(of: day, alsaceMoselle: alsaceMoselle) else { return long(day) }
        return "\(long(day)) (\(holiday), férié)"
    }
}
