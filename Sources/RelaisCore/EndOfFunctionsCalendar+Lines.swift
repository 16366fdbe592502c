// The lines of the end-of-functions calendar: what each date means, in French, with its source.


/// French typography for text written with plain ASCII punctuation in the source: typographic
/// apostrophes, a no-break space before ":" and inside « », a narrow no-break space before ; ! ?,
/// and after "n°".
enum FrenchTypography {
    static func apply(_ text: String) -> String {
        // Over UTF-8 bytes: every mark handled here is ASCII or a two-byte Latin-1 letter, and splitting
        // a text into Characters (then appending scalars one by one) made this the costliest part of a
        // personal parcours (bench/README.md).
        let bytes = Array(text.utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 16)
        func next(is ascii: UInt8, after index: Int) -> Bool { index + 1 < bytes.count && bytes[index + 1] == ascii }
        func next(isLatin1 second: UInt8, after index: Int) -> Bool {
            index + 2 < bytes.count && bytes[index + 1] == 0xC2 && bytes[index + 2] == second
        }
        func previous(isLatin1 second: UInt8, before index: Int) -> Bool {
            index >= 2 && bytes[index - 2] == 0xC2 && bytes[index - 1] == second
        }
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == UInt8(ascii: "'") {
                result += [0xE2, 0x80, 0x99]  // ’
            } else if byte == UInt8(ascii: " "),
                      next(is: UInt8(ascii: ":"), after: index) || next(isLatin1: 0xBB, after: index)  // »
                      || previous(isLatin1: 0xAB, before: index) || previous(isLatin1: 0xB0, before: index) {  // « °
                result += [0xC2, 0xA0]  // no-break space
            } else if byte == UInt8(ascii: " "),
                      next(is: UInt8(ascii: ";"), after: index) || next(is: UInt8(ascii: "!"), after: index)
                      || next(is: UInt8(ascii: "?"), after: index) {
                result += [0xE2, 0x80, 0xAF]  // narrow no-break space
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}

// MARK: - The lines

/// Writes the lines. Text is written with ASCII apostrophes and plain spaces; `Line.init` typesets it.
struct EndOfFunctionsCalendarBuilder {
    typealias Line = EndOfFunctionsCalendar.Line

    let facts: EndOfFunctionsFacts
    let protection: EndOfFunctionsCalendar.Protection?
    let effect: Day?
    let recourse: EndOfFunctionsCalendar.RecourseDeadline?
    let alsaceMoselle: Bool
    let indemnityRequest: Day?
    let today: Day?

    init(facts: EndOfFunctionsFacts, today: Day? = nil) {
        self.facts = facts
        self.today = today
        indemnityRequest = facts.notification.flatMap(EndOfFunctionsCalendar.indemnityRequestDeadline(notification:))
        // A start too far in the future to add six months is a typo; computing from the other start
        // alone could show a protection that is too short.
        let startsInRange = [facts.nomination, facts.authorityDesignation].allSatisfy { $0 == nil || $0?.adding(months: 6) != nil }
        protection = startsInRange
            ? EndOfFunctionsCalendar.protection(nomination: facts.nomination, authorityDesignation: facts.authorityDesignation)
            : nil
        effect = facts.assemblyInformation.flatMap(EndOfFunctionsCalendar.effectDate(assemblyInformation:))
        let alsaceMoselle = FrenchHolidays.isAlsaceMoselle(departementCode: facts.departementCode)
        self.alsaceMoselle = alsaceMoselle
        recourse = facts.notification.flatMap { EndOfFunctionsCalendar.recourseDeadline(notification: $0, alsaceMoselle: alsaceMoselle) }
    }

    func lines() -> [Line] {
        let all = dateOrderLines() + protectionLines() + decisionLines() + interviewLines() + effectLines() + plannedEffectLines()
            + transitionLines() + optionLines() + recourseLines()
        guard let today else { return all }
        return all.map { line in
            var line = line
            line.past = line.date.map { $0 < today } ?? false
            return line
        }
    }

    enum Source {
        static let protection = "CGFP, art. L544-1"
        static let reelection = "CGFP, art. L544-1 ; CE, 21 juillet 2006, Commune d'Épinal, n° 279502"
        static let interview = "CGFP, art. L544-1 ; guides des centres de gestion"
        static let effect = "CGFP, art. L544-1"
        static let transition = "CGFP, art. L544-3, L544-4, L542-5 et L542-8"
        static let indemnity = "CGFP, art. L544-6 ; décret n° 88-614, art. 1 (rédaction de 1988, à vérifier)"
        static let priseEnCharge = "CGFP, art. L542-5 et L542-8"
        static let recourse = "CJA, art. R421-1 ; CE, 19 septembre 2014, n° 362568 ; CE, 5 octobre 2018, n° 409579"
        static let notice = "CJA, art. R421-5 ; CE, Assemblée, 13 juillet 2016, Czabaj, n° 387763"
        static let gracieux = "CRPA, art. L411-2, L231-4 et L112-2"
        static let suspension = "CJA, art. L521-1"
    }

    private static let interviewPractice = "En pratique, l'entretien suit une convocation écrite, envoyée environ 15 jours avant, qui en précise l'objet et la date ; vous pouvez consulter votre dossier et demander à être assisté (c'est une pratique, pas un droit écrit dans la loi)."

    /// "le jeudi 21 mai 2026".
    func long(_ day: Day) -> String { "\(day.frenchWeekday) \(day.frenchLong)" }

    /// An impossible computation (a year typed as 9999) must be said, not hidden.
    func outOfRange(_ kind: EndOfFunctionsCalendar.Kind, source: String) -> Line {
        Line(kind, "Date impossible à calculer", "Une des dates indiquées est trop lointaine pour calculer ce délai : vérifiez l'année saisie.", source: source, .warning)
    }

    // MARK: Order of the dates

    private func dateOrderLines() -> [Line] {
        var lines: [Line] = []
        let procedure: [(Day?, String)] = [
            (facts.interview, "l'entretien préalable"),
            (facts.assemblyInformation, "l'information de l'assemblée délibérante"),
            (facts.decision, "la signature de l'arrêté"),
            (facts.notification, "la notification de la décision"),
        ]
        let known = procedure.compactMap { date, label in date.map { ($0, label) } }
        let withPlanned = known + (facts.plannedEffect.map { [($0, "la date d'effet prévue")] } ?? [])
        if let first = withPlanned.min(by: { $0.0 < $1.0 }), let last = withPlanned.max(by: { $0.0 < $1.0 }),
           first.0.days(until: last.0) > 366 {
            lines.append(Line(.dateOrder, "Plus d'un an d'écart", date: last.0,
                "Plus d'un an sépare \(first.1) (\(first.0.frenchLong)) et \(last.1) (\(last.0.frenchLong)). Une procédure de fin de fonctions dure d'ordinaire quelques mois : vérifiez l'année saisie.",
                source: Source.effect, .warning))
        }
        let starts: [(Day?, String)] = [
            (facts.nomination, "Votre nomination dans l'emploi"),
            (facts.authorityDesignation, "La désignation de l'autorité territoriale"),
        ]
        for case let (start?, label) in starts {
            guard let earlier = known.filter({ $0.0 < start }).min(by: { $0.0 < $1.0 }) else { continue }
            lines.append(Line(.dateOrder, "Dates à vérifier", date: start,
                "\(label) (\(start.frenchLong)) est postérieure à \(earlier.1) (\(earlier.0.frenchLong)). Vérifiez ces dates : la protection de six mois et tout le calendrier en dépendent. Si elles sont exactes, parlez-en à votre correspondant.",
                source: Source.protection, .warning))
        }
        if let notification = facts.notification, let information = facts.assemblyInformation, notification < information {
            let effectText = effect.map { ", soit le \($0.frenchLong)" } ?? ""
            lines.append(Line(.dateOrder, "Notification avant l'information de l'assemblée", date: notification,
                "La décision vous a été notifiée le \(notification.frenchLong), avant l'information de l'assemblée délibérante (\(information.frenchLong)). Vérifiez ces dates. Si elles sont exactes, la fin de fonctions ne peut de toute façon prendre effet que le premier jour du troisième mois suivant cette information\(effectText).",
                source: Source.effect, .warning))
        }
        if let notification = facts.notification, let planned = facts.plannedEffect, planned < notification {
            lines.append(Line(.dateOrder, "Effet prévu avant la notification", date: planned,
                "La date d'effet prévue (\(planned.frenchLong)) précède la notification de la décision (\(notification.frenchLong)). Vérifiez ces dates et celle qui figure dans l'arrêté.",
                source: Source.effect, .warning))
        }
        if let notification = facts.notification, let effect, notification > effect {
            lines.append(Line(.dateOrder, "Notification après la date d'effet", date: notification,
                "La décision vous a été notifiée le \(notification.frenchLong), après la date d'effet qui découle de l'information de l'assemblée (\(effect.frenchLong)). Vérifiez ces dates et la date d'effet écrite dans l'arrêté.",
                source: Source.effect, .warning))
        }
        return lines
    }

    // MARK: Six-month protection

    private func protectionLines() -> [Line] {
        let starts = [facts.nomination, facts.authorityDesignation].compactMap { $0 }
        if starts.contains(where: { $0.adding(months: 6) == nil }) {
            return [outOfRange(.protection, source: Source.protection)]
        }
        guard let protection else {
            return [Line(.protection, "Protection de six mois",
                "Pour calculer la fin de la protection de six mois, indiquez la date de votre nomination dans l'emploi et celle de l'élection ou de la désignation de l'autorité territoriale (une réélection compte aussi).",
                source: Source.reelection)]
        }
        var parts: [String] = []
        if let nomination = facts.nomination {
            parts.append("votre nomination dans l'emploi (\(nomination.frenchLong))")
        }
        if let designation = facts.authorityDesignation {
            parts.append("la désignation de l'autorité territoriale, même réélue (\(designation.frenchLong))")
        }
        let afterEnd = protection.end.adding(days: 1)
        var text = "Aucune fin de fonctions ne peut intervenir dans les six mois qui suivent " + parts.joined(separator: ", ni dans les six mois qui suivent ") + ". "
        if parts.count == 2 { text += "La date la plus tardive compte. " }
        text += "La protection court jusqu'au \(protection.end.frenchLong) inclus"
        if let afterEnd {
            text += " : la fin de fonctions ne peut pas prendre effet avant le \(afterEnd.frenchLong) et, en pratique, ne devrait pas être décidée avant."
        } else {
            text += "."
        }
        if protection.clamped {
            text += " Ce jour du mois n'existe pas six mois plus tard : nous avons retenu le dernier jour du mois. Ce cas limite est à faire vérifier."
        }
        if facts.authorityDesignation == nil {
            text += " Indiquez aussi la date de désignation de l'autorité territoriale : une désignation plus récente (après des élections, même en cas de réélection) prolongerait la protection."
        } else if facts.nomination == nil {
            text += " Indiquez aussi la date de votre nomination dans l'emploi : si elle est plus récente, elle prolonge la protection."
        }
        let lines = [Line(.protection, "Fin de la protection de six mois", date: protection.end, text,
                          source: facts.authorityDesignation == nil ? Source.protection : Source.reelection)]
        return lines
    }

    /// How an effect date stands against the protection: nil when it is clear of it.
    private func protectionProblem(_ day: Day) -> (String, EndOfFunctionsCalendar.Severity)? {
        guard let protection else { return nil }
        if day < protection.end {
            let earliest = protection.end.adding(days: 1).map { " : la fin de fonctions ne peut pas prendre effet avant le \($0.frenchLong)" } ?? ""
            return ("Cette date tombe pendant la protection de six mois, qui court jusqu'au \(protection.end.frenchLong) inclus\(earliest). Signalez-le sans attendre à votre correspondant.", .alert)
        }
        if day == protection.end {
            return ("Cette date est le dernier jour de la protection de six mois, comptée de quantième à quantième. C'est un cas limite, à faire vérifier par votre correspondant.", .warning)
        }
        return nil
    }

    // MARK: Prior interview

    private func interviewLines() -> [Line] {
        let later: [(Day?, String)] = [
            (facts.assemblyInformation, "l'information de l'assemblée délibérante"),
            (facts.notification, "la notification de la décision"),
        ]
        let known = later.compactMap { date, label in date.map { ($0, label) } }
        guard let interview = facts.interview else {
            if known.isEmpty {
                return [Line(.interview, "Entretien préalable",
                    "Avant toute fin de fonctions, l'autorité territoriale doit vous recevoir en entretien. Sans cet entretien, la décision est illégale. \(Self.interviewPractice) Indiquez sa date quand il aura eu lieu.",
                    source: Source.interview)]
            }
            return [Line(.interview, "Entretien préalable non indiqué",
                "Vous n'avez pas indiqué d'entretien avec l'autorité territoriale. Il est obligatoire avant toute fin de fonctions : sans entretien préalable, la décision est illégale. Si un entretien a eu lieu, indiquez sa date. Sinon, parlez-en vite à votre correspondant : ce point peut fonder un recours. \(Self.interviewPractice)",
                source: Source.interview, .alert)]
        }
        let before = known.filter { $0.0 < interview }
        if !before.isEmpty {
            let list = before.map { "\($0.1) (\($0.0.frenchLong))" }.joined(separator: " et ")
            return [Line(.interview, "Entretien trop tardif", date: interview,
                "Vous indiquez un entretien le \(interview.frenchLong), après \(list). L'entretien doit précéder la fin de fonctions : tenu après coup, il ne remplit pas cette condition. Vérifiez les dates ; si elles sont exactes, signalez-le à votre correspondant.",
                source: Source.interview, .alert)]
        }
        if let notification = facts.notification, notification == interview {
            return [Line(.interview, "Entretien le jour de la notification", date: interview,
                "L'entretien (\(interview.frenchLong)) a eu lieu le jour même de la notification. Il doit précéder la décision et permettre un véritable échange : notez comment il s'est déroulé et parlez-en à votre correspondant.",
                source: Source.interview, .warning)]
        }
        return [Line(.interview, "Entretien préalable", date: interview,
            "Entretien avec l'autorité territoriale le \(interview.frenchLong). Il doit précéder la décision ; aucune forme n'est imposée. \(Self.interviewPractice)",
            source: Source.interview)]
    }

    // MARK: Effect date

    private func effectLines() -> [Line] {
        guard let information = facts.assemblyInformation else {
            return [Line(.effect, "Date de prise d'effet",
                "Indiquez la date à laquelle l'assemblée délibérante (conseil municipal, communautaire, départemental ou régional) a été informée : la fin de fonctions prend effet le premier jour du troisième mois suivant cette information.",
                source: Source.effect)]
        }
        guard let effect else { return [outOfRange(.effect, source: Source.effect)] }
        var text = "L'assemblée délibérante a été informée le \(information.frenchLong). La fin de fonctions prend effet le premier jour du troisième mois suivant cette information : le \(effect.frenchLong). Le CNFPT ou le centre de gestion doit aussi être informé."
        var severity = EndOfFunctionsCalendar.Severity.info
        if let (problem, problemSeverity) = protectionProblem(effect) {
            text += " " + problem
            severity = problemSeverity
        }
        return [Line(.effect, "Prise d'effet de la fin de fonctions", date: effect, text, source: Source.effect, severity)]
    }

    private func plannedEffectLines() -> [Line] {
        guard let planned = facts.plannedEffect else { return [] }
        var sentences = ["L'autorité territoriale prévoit une prise d'effet le \(planned.frenchLong)."]
        var severity = EndOfFunctionsCalendar.Severity.info
        if let (problem, problemSeverity) = protectionProblem(planned) {
            sentences.append(problem)
            severity = max(severity, problemSeverity)
        }
        if let effect {
            if planned < effect {
                sentences.append("C'est avant le \(effect.frenchLong), premier jour du troisième mois suivant l'information de l'assemblée : la fin de fonctions ne peut pas prendre effet plus tôt.")
                severity = .alert
            } else if planned > effect {
                sentences.append("La loi fixe la prise d'effet au \(effect.frenchLong), premier jour du troisième mois suivant l'information de l'assemblée. Une date plus tardive est à faire vérifier.")
                severity = max(severity, .warning)
            } else {
                sentences.append("Elle correspond au premier jour du troisième mois suivant l'information de l'assemblée.")
            }
        } else {
            sentences.append("Pour la comparer à la date fixée par la loi, indiquez la date d'information de l'assemblée délibérante.")
        }
        if protection == nil {
            sentences.append("Pour vérifier qu'elle respecte la protection de six mois, indiquez vos dates de nomination et de désignation de l'autorité territoriale.")
        } else if severity == .info && effect != nil {
            sentences.append("Elle respecte la protection de six mois.")
        }
        return [Line(.plannedEffect, "Date d'effet prévue", date: planned, sentences.joined(separator: " "), source: Source.effect, severity)]
    }

    private func transitionLines() -> [Line] {
        guard let day = effect ?? facts.plannedEffect else { return [] }
        return [Line(.transition, "Préparer la suite", date: day,
            "L'autorité territoriale doit vous laisser rechercher un nouvel emploi, et un protocole peut organiser la transition : missions, temps de travail, moyens, rémunération, formation, recherche d'emploi. Demandez-le tôt. Le protocole prend acte du principe de la fin de fonctions : si vous envisagez un recours, demandez conseil avant de le signer. Si aucun emploi de votre grade ne vous est proposé, un fonctionnaire territorial a quatre options : le reclassement, la prise en charge directe, le congé spécial ou le licenciement avec indemnité (à demander dans un délai court, voir plus bas).",
            source: Source.transition)]
    }
}
