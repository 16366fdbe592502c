import RelaisCore
import Testing

private func day(_ iso: String) -> Day {
    guard let day = Day(iso: iso) else {
        Issue.record("bad test literal \(iso)")
        return Day(year: 1970, month: 1, day: 1)!
    }
    return day
}

private extension EndOfFunctionsCalendar {
    func line(_ kind: Kind) -> Line? { lines.first { $0.kind == kind } }
    func lines(_ kind: Kind) -> [Line] { lines.filter { $0.kind == kind } }
}

/// The rules added by the legal review of 2026-12-01, on examples computed by hand.
@Suite("End of functions calendar after the legal review")
struct EndOfFunctionsCalendarReviewTests {
    // MARK: A decision inside either protection

    @Test("raises an alert for an arrêté signed inside the protection even when its notification and effect fall after it")
    func decisionSignedInside() throws {
        // Designation 22 March 2026 → protected until 22 September; signed 15 September, notified
        // 25 September, assembly informed 24 September → effect 1 December, after the protection.
        let facts = EndOfFunctionsFacts(authorityDesignation: day("2026-03-22"), interview: day("2026-09-01"),
                                        assemblyInformation: day("2026-09-24"), decision: day("2026-09-15"), notification: day("2026-09-25"))
        let calendar = endOfFunctionsCalendar(facts)
        let alert = try #require(calendar.lines(.protection).first { $0.title == "Décision prise pendant la protection" })
        #expect(alert.severity == .alert)
        #expect(alert.date == day("2026-09-15"))
        #expect(alert.source.contains("Commune d’Épinal, n°\u{00A0}279502"))
        #expect(!calendar.lines.contains { $0.title == "Décision notifiée pendant la protection" })
        #expect(calendar.effectDate == day("2026-12-01"))
    }

    @Test("checks the decision against both windows, nomination and designation, and names each")
    func bothWindows() throws {
        // Nominated 4 May 2026 (protected until 4 November), designation 22 March 2026 (until
        // 22 September): signed 1 September is inside both.
        let facts = EndOfFunctionsFacts(nomination: day("2026-05-04"), authorityDesignation: day("2026-03-22"), decision: day("2026-09-01"))
        let alert = try #require(endOfFunctionsCalendar(facts).lines(.protection).first { $0.severity == .alert })
        #expect(alert.explanation.contains("votre nomination dans l’emploi (4\u{00A0}mai 2026), jusqu’au 4\u{00A0}novembre 2026 inclus"))
        #expect(alert.explanation.contains("la désignation de l’autorité territoriale (22\u{00A0}mars 2026), jusqu’au 22\u{00A0}septembre 2026 inclus"))
    }

    @Test("raises an alert for a decision notified inside the earlier window only")
    func earlierWindowOnly() {
        // Nominated 10 January 2026 (until 10 July); designation 22 March 2026 (until 22 September).
        // Notified 5 April: inside both; notified 15 August: inside the designation window only.
        let windows = EndOfFunctionsCalendar.protectionWindows(nomination: day("2026-01-10"), authorityDesignation: day("2026-03-22"))
        #expect(windows.map(\.last) == [day("2026-07-10"), day("2026-09-22")])
        #expect(windows.filter { $0.contains(day("2026-08-15")) }.map(\.start) == [.designation])
        #expect(windows.filter { $0.contains(day("2026-07-11")) }.map(\.start) == [.designation])
        #expect(windows.allSatisfy { !$0.contains(day("2026-09-23")) })
    }

    @Test("calls a decision signed on the last protected day an alert and a borderline case")
    func lastProtectedDay() throws {
        let facts = EndOfFunctionsFacts(authorityDesignation: day("2026-03-22"), decision: day("2026-09-22"))
        let alert = try #require(endOfFunctionsCalendar(facts).lines(.protection).first { $0.severity == .alert })
        #expect(alert.explanation.contains("dernier jour de la protection"))
    }

    @Test("raises no alert for a decision signed the day after the protection")
    func dayAfter() {
        let facts = EndOfFunctionsFacts(authorityDesignation: day("2026-03-22"), interview: day("2026-09-10"), decision: day("2026-09-23"))
        #expect(endOfFunctionsCalendar(facts).lines.allSatisfy { $0.severity != .alert })
    }

    // MARK: Indemnity request

    @Test("gives the last day to ask for the indemnity: one month from the end of the month of notification", arguments: [
        ("2026-10-12", "2026-11-30", false),  // 31 October + 1 month: November has 30 days
        ("2026-11-10", "2026-12-30", true),   // 30 November + 1 month = 30 December, not 31
        ("2027-01-15", "2027-02-28", false),  // 31 January → 28 February of a common year
        ("2028-01-15", "2028-02-29", false),  // … 29 February of a leap year
        ("2028-02-03", "2028-03-29", true),   // 29 February 2028 + 1 month = 29 March
        ("2026-12-31", "2027-01-31", false),  // across the new year
    ])
    func indemnityDeadline(notified: String, deadline: String, borderline: Bool) {
        #expect(EndOfFunctionsCalendar.indemnityRequestDeadline(notification: day(notified)) == day(deadline))
        #expect(EndOfFunctionsCalendar.indemnityDeadlineIsBorderline(notification: day(notified)) == borderline)
    }

    @Test("explains the indemnity deadline, what happens without a request, and that the decree is to check")
    func indemnityLine() throws {
        let calendar = endOfFunctionsCalendar(EndOfFunctionsFacts(notification: day("2026-10-12")))
        let line = try #require(calendar.line(.indemnityRequest))
        #expect(line.date == day("2026-11-30"))
        #expect(calendar.indemnityRequestDeadline == day("2026-11-30"))
        #expect(line.explanation.contains("le lundi 30\u{00A0}novembre 2026"))
        #expect(line.explanation.contains("Sans demande dans ce délai, vous êtes pris en charge"))
        #expect(line.explanation.contains("à vérifier"))
        #expect(line.source.contains("88-614"))
    }

    // MARK: Early prise en charge

    @Test("starts an early prise en charge on the first day of the third month after the request", arguments: [
        ("2027-01-10", "2027-04-01"),
        ("2026-12-31", "2027-03-01"),
        ("2027-11-30", "2028-02-01"),
        ("2028-02-29", "2028-05-01"),
    ])
    func earlyPriseEnCharge(request: String, start: String) {
        #expect(EndOfFunctionsCalendar.earlyPriseEnCharge(request: day(request)) == day(start))
    }

    @Test("dates the early prise en charge from today once the procedure has begun")
    func priseEnChargeLine() throws {
        let calendar = endOfFunctionsCalendar(EndOfFunctionsFacts(notification: day("2026-11-20")), today: day("2026-12-01"))
        let line = try #require(calendar.line(.earlyPriseEnCharge))
        #expect(line.date == day("2027-03-01"))
        #expect(line.explanation.contains("premier jour du troisième mois qui suit la demande"))
        #expect(endOfFunctionsCalendar(EndOfFunctionsFacts()).line(.earlyPriseEnCharge) == nil)
    }

    // MARK: Recours gracieux and filing

    @Test("restarts the two months from the implicit refusal born of two months of silence", arguments: [
        ("2026-04-10", "2026-06-10", "2026-08-11"),  // DOMAIN's rule, a Tuesday
        ("2026-05-13", "2026-07-13", "2026-09-14"),  // 14 September 2026 is a Monday
        ("2026-03-13", "2026-05-13", "2026-07-15"),  // 14 July 2026, a Tuesday holiday → Wednesday
        ("2027-12-29", "2028-02-29", "2028-05-02"),  // leap day; Sunday 30 April, then 1 May → Tuesday 2 May
        ("2027-12-31", "2028-02-29", "2028-05-02"),  // 31 December + 2 months stops at 29 February
    ])
    func gracieux(received: String, refusal: String, lastDay: String) throws {
        let outcome = try #require(EndOfFunctionsCalendar.recoursGracieux(received: day(received)))
        #expect(outcome.implicitRefusal == day(refusal))
        #expect(outcome.newDeadline.lastDay == day(lastDay))
    }

    @Test("says the recours gracieux interrupts once and how silence counts, with a worked example")
    func gracieuxLine() throws {
        // Notified 20 March 2026 → last day 21 May; a recours received that day and left unanswered
        // is refused on 21 July; the new last day is 22 September 2026, a Tuesday.
        let line = try #require(endOfFunctionsCalendar(EndOfFunctionsFacts(notification: day("2026-03-20"))).line(.recoursGracieux))
        #expect(line.explanation.contains("une seule fois"))
        #expect(line.explanation.contains("refus implicite né de deux mois de silence"))
        #expect(line.explanation.contains("implicitement rejeté le 21\u{00A0}juillet 2026"))
        #expect(line.explanation.contains("au plus tard le mardi 22\u{00A0}septembre 2026"))
        #expect(line.source.contains("L231-4"))
    }

    @Test("says the claim must be registered at the court by the last day")
    func registered() throws {
        let line = try #require(endOfFunctionsCalendar(EndOfFunctionsFacts(notification: day("2026-03-20"))).line(.recourseDeadline))
        #expect(line.explanation.contains("enregistrée au greffe du tribunal"))
        #expect(line.source.contains("n°\u{00A0}409579"))
    }

    // MARK: Past dates

    @Test("marks the dates already past on the day the calendar is computed, and only those")
    func pastDates() throws {
        // Notified 20 October 2026, seen on 1 December 2026: the indemnity request (30 November) is
        // past, the recourse (21 December) is not.
        let facts = EndOfFunctionsFacts(authorityDesignation: day("2026-03-22"), interview: day("2026-09-28"),
                                        assemblyInformation: day("2026-10-12"), notification: day("2026-10-20"))
        let calendar = endOfFunctionsCalendar(facts, today: day("2026-12-01"))
        #expect(calendar.line(.indemnityRequest)?.past == true)
        #expect(calendar.line(.recourseDeadline)?.past == false)
        #expect(calendar.line(.effect)?.past == false)
        #expect(calendar.lines(.protection).first?.past == true)
        #expect(endOfFunctionsCalendar(facts).lines.allSatisfy { !$0.past })
    }
}

@Suite("Typed dates")
struct TypedDateTests {
    @Test("names a day that does not exist, with the length of its month")
    func impossibleDay() {
        #expect(Day.problem(with: "2026-02-30") == "Le 30\u{00A0}février 2026 n’existe pas\u{00A0}: ce mois compte 28\u{00A0}jours. Vérifiez le jour et le mois.")
        #expect(Day.problem(with: "2027-02-29")?.contains("ce mois compte 28") == true)
        #expect(Day.problem(with: "2026-04-31")?.hasPrefix("Le 31\u{00A0}avril 2026 n’existe pas") == true)
        #expect(Day.problem(with: "2028-02-29") == nil)
    }

    @Test("asks for the format when the text is not a date at all")
    func notADate() {
        #expect(Day.problem(with: "30/02/2026")?.contains("format") == true)
        #expect(Day.problem(with: "2026-13-01")?.contains("format") == true)
    }
}
