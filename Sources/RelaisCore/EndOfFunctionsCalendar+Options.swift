// The lines added by the legal review of 2026-12-01: a decision taken inside either protection, the
// indemnity request deadline and the early prise en charge.

extension EndOfFunctionsCalendarBuilder {
    /// A decision signed or notified inside either six-month window is illegal, even when it takes
    /// effect after both: the date of the act counts, not only its effect (CE, Commune d'Épinal).
    func decisionLines() -> [Line] {
        let windows = EndOfFunctionsCalendar.protectionWindows(nomination: facts.nomination, authorityDesignation: facts.authorityDesignation)
        let events: [(Day?, String, String)] = [
            (facts.decision, "Décision prise pendant la protection", "L'arrêté a été signé le"),
            (facts.notification, "Décision notifiée pendant la protection", "La décision vous a été notifiée le"),
        ]
        return events.compactMap { day, title, opening in
            guard let day else { return nil }
            let inside = windows.filter { $0.contains(day) }
            guard !inside.isEmpty else { return nil }
            let described = inside.map { window in
                let start = window.start == .nomination
                    ? "votre nomination dans l'emploi (\(window.first.frenchLong))"
                    : "la désignation de l'autorité territoriale (\(window.first.frenchLong))"
                return "la protection de six mois qui suit \(start), jusqu'au \(window.last.frenchLong) inclus"
            }
            var text = "\(opening) \(day.frenchLong), pendant " + described.joined(separator: ", et pendant ") + ". Une fin de fonctions ne peut pas être décidée pendant ces six mois : une décision prise ou notifiée dans cette période est illégale, même si elle ne prend effet qu'après. Signalez-le sans attendre à votre correspondant : c'est un motif de recours, dans le délai de recours."
            if inside.contains(where: { $0.last == day }) {
                text += " C'est le dernier jour de la protection, comptée de quantième à quantième : un cas limite, à faire vérifier."
            }
            return Line(.protection, title, date: day, text, source: Source.reelection, .alert)
        }
    }

    func optionLines() -> [Line] {
        indemnityLines() + priseEnChargeLines()
    }

    private func indemnityLines() -> [Line] {
        guard let notification = facts.notification else { return [] }
        guard let deadline = indemnityRequest else { return [outOfRange(.indemnityRequest, source: Source.indemnity)] }
        var text = "Si vous envisagez le licenciement avec indemnité, demandez-le par écrit au plus tard le \(long(deadline)) : un mois à compter du dernier jour du mois de la notification (le \(notification.lastOfMonth.frenchLong)). Sans demande dans ce délai, vous êtes pris en charge par le CNFPT ou le centre de gestion, et le licenciement avec indemnité ne vous est plus ouvert de cette façon."
        if EndOfFunctionsCalendar.indemnityDeadlineIsBorderline(notification: notification) {
            text += " Nous comptons le mois de quantième à quantième, ce qui donne la date la plus prudente ; une lecture « jusqu'à la fin du mois suivant » donnerait le \(deadline.lastOfMonth.frenchLong) : ne comptez pas dessus."
        }
        text += " Ce délai vient de la rédaction de 1988 du décret n° 88-614 ; sa version en vigueur est à vérifier. Envoyez la demande avant, par un moyen qui en prouve la date."
        return [Line(.indemnityRequest, "Dernier jour pour demander le licenciement avec indemnité", date: deadline, text, source: Source.indemnity)]
    }

    /// Shown once the procedure has begun; dated from today when the caller gave a clock.
    private func priseEnChargeLines() -> [Line] {
        guard facts.notification != nil || facts.decision != nil || effect != nil || facts.plannedEffect != nil else { return [] }
        var text = "Sans emploi de votre grade, vous pouvez demander une prise en charge directe par le CNFPT ou le centre de gestion, sans attendre la fin de l'année en surnombre. Une prise en charge anticipée commence le premier jour du troisième mois qui suit la demande."
        var date: Day?
        if let today, let start = EndOfFunctionsCalendar.earlyPriseEnCharge(request: today) {
            text += " Demandée aujourd'hui (\(today.frenchLong)), elle commencerait le \(start.frenchLong)."
            date = start
        }
        text += " Votre rémunération est alors celle de l'indice détenu dans votre grade, sans la rémunération de l'emploi fonctionnel : comparez avec les autres options avant de choisir."
        return [Line(.earlyPriseEnCharge, "Prise en charge anticipée", date: date, text, source: Source.priseEnCharge)]
    }
}
