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

@Suite("End of functions calendar")
struct EndOfFunctionsCalendarTests {
    /// A re-elected mayor after the March 2026 elections, a director nominated long before, and a
    /// procedure run by the book in the autumn.
    static let regular = EndOfFunctionsFacts(
        nomination: day("2019-02-01"), authorityDesignation: day("2026-03-22"), interview: day("2026-09-28"),
        assemblyInformation: day("2026-10-12"), notification: day("2026-10-20"), plannedEffect: day("2027-01-01"),
        departementCode: "44"
    )

    // MARK: Effect date

    @Test("takes effect on 1 December when the assembly is informed on 15 September (DOMAIN example)")
    func effectFromSeptember() {
        let calendar = endOfFunctionsCalendar(EndOfFunctionsFacts(assemblyInformation: day("2026-09-15")))
        #expect(calendar.effectDate == day("2026-12-01"))
        #expect(calendar.line(.effect)?.date == day("2026-12-01"))
        #expect(calendar.line(.effect)?.explanation.contains("1er\u{00A0}décembre 2026") == true)
    }

    @Test("takes effect on the first day of the third month across the new year", arguments: [
        ("2026-11-30", "2027-02-01"), ("2026-12-01", "2027-03-01"), ("2026-10-31", "2027-01-01"), ("2027-01-01", "2027-04-01"),
    ])
    func effectAcrossYears(informed: String, effect: String) {
        #expect(EndOfFunctionsCalendar.effectDate(assemblyInformation: day(informed)) == day(effect))
    }

    // MARK: Recourse

    @Test("gives 21 May 2026 for a decision notified on 20 March 2026 (DOMAIN example, a Thursday)")
    func recourseDomainExample() throws {
        let deadline = try #require(EndOfFunctionsCalendar.recourseDeadline(notification: day("2026-03-20")))
        #expect(deadline.lastDay == day("2026-05-21"))
        #expect(deadline.lastDay.weekday == 4)
        #expect(deadline.skipped.isEmpty)
        let line = try #require(endOfFunctionsCalendar(EndOfFunctionsFacts(notification: day("2026-03-20"))).line(.recourseDeadline))
        #expect(line.explanation.contains("jeudi 21\u{00A0}mai 2026 inclus"))
    }

    @Test("moves a deadline falling on a Sunday to the Monday")
    func recourseSunday() throws {
        let deadline = try #require(EndOfFunctionsCalendar.recourseDeadline(notification: day("2026-03-30")))
        #expect(deadline.computed == day("2026-05-31"))
        #expect(deadline.lastDay == day("2026-06-01"))
    }

    @Test("moves a deadline falling on 11 November to the next day")
    func recourseHoliday() throws {
        let deadline = try #require(EndOfFunctionsCalendar.recourseDeadline(notification: day("2026-09-10")))
        #expect(deadline.computed == day("2026-11-11"))
        #expect(deadline.lastDay == day("2026-11-12"))
        let line = try #require(endOfFunctionsCalendar(EndOfFunctionsFacts(notification: day("2026-09-10"))).line(.recourseDeadline))
        #expect(line.explanation.contains("Armistice 1918, férié"))
    }

    @Test("moves a Saturday deadline past Sunday and Easter Monday to the Tuesday")
    func recourseEasterChain() throws {
        let deadline = try #require(EndOfFunctionsCalendar.recourseDeadline(notification: day("2026-02-03")))
        #expect(deadline.computed == day("2026-04-04"))
        #expect(deadline.skipped == [day("2026-04-04"), day("2026-04-05"), day("2026-04-06")])
        #expect(deadline.lastDay == day("2026-04-07"))
    }

    @Test("moves a Saturday deadline past Whit Monday to the Tuesday")
    func recourseWhitMondayChain() throws {
        let deadline = try #require(EndOfFunctionsCalendar.recourseDeadline(notification: day("2026-03-22")))
        #expect(deadline.computed == day("2026-05-23"))
        #expect(deadline.lastDay == day("2026-05-26"))
    }

    @Test("moves a deadline on 26 December only in Alsace-Moselle")
    func recourseAlsaceMoselle() {
        let paris = endOfFunctionsCalendar(EndOfFunctionsFacts(notification: day("2025-10-25"), departementCode: "75"))
        let metz = endOfFunctionsCalendar(EndOfFunctionsFacts(notification: day("2025-10-25"), departementCode: "57"))
        #expect(paris.recourseDeadline == day("2025-12-26"))
        #expect(metz.recourseDeadline == day("2025-12-29"))
    }

    @Test("counts from 31 December to the end of February, then the extra day, and asks to check")
    func recourseMonthEnd() throws {
        let deadline = try #require(EndOfFunctionsCalendar.recourseDeadline(notification: day("2026-12-31")))
        #expect(deadline.computed == day("2027-03-01"))
        #expect(deadline.clamped)
        let line = try #require(endOfFunctionsCalendar(EndOfFunctionsFacts(notification: day("2026-12-31"))).line(.recourseDeadline))
        #expect(line.explanation.contains("à faire vérifier"))
    }

    @Test("explains when the two months are opposable, the recours gracieux and the référé")
    func recourseCompanions() {
        let calendar = endOfFunctionsCalendar(EndOfFunctionsFacts(notification: day("2026-03-20")))
        #expect(calendar.line(.recourseNotice)?.source.contains("R421-5") == true)
        #expect(calendar.line(.recoursGracieux)?.source.contains("L411-2") == true)
        #expect(calendar.line(.suspension)?.source.contains("L521-1") == true)
    }

    // MARK: Protection

    @Test("ends the protection six months after the later of nomination and designation")
    func protectionLaterWins() throws {
        let facts = EndOfFunctionsFacts(nomination: day("2026-01-05"), authorityDesignation: day("2026-03-22"))
        let calendar = endOfFunctionsCalendar(facts)
        #expect(calendar.protectionEnd == day("2026-09-22"))
        let line = try #require(calendar.line(.protection))
        #expect(line.explanation.contains("23\u{00A0}septembre 2026"))
        #expect(line.source.contains("21 juillet 2006"))
        let reversed = EndOfFunctionsFacts(nomination: day("2026-04-10"), authorityDesignation: day("2026-03-22"))
        #expect(endOfFunctionsCalendar(reversed).protectionEnd == day("2026-10-10"))
    }

    @Test("ends the protection on 29 February of a leap year")
    func protectionLeapYear() {
        let calendar = endOfFunctionsCalendar(EndOfFunctionsFacts(nomination: day("2027-08-29")))
        #expect(calendar.protectionEnd == day("2028-02-29"))
    }

    @Test("ends the protection on the last day of February after a 31 August start, and asks to check")
    func protectionMonthEnd() throws {
        #expect(endOfFunctionsCalendar(EndOfFunctionsFacts(nomination: day("2026-08-31"))).protectionEnd == day("2027-02-28"))
        let leap = endOfFunctionsCalendar(EndOfFunctionsFacts(authorityDesignation: day("2027-08-31")))
        #expect(leap.protectionEnd == day("2028-02-29"))
        #expect(try #require(leap.line(.protection)).explanation.contains("à faire vérifier"))
    }

    @Test("raises an alert when the planned effect falls inside the protection")
    func plannedEffectInsideProtection() throws {
        let facts = EndOfFunctionsFacts(authorityDesignation: day("2026-03-22"), plannedEffect: day("2026-09-01"))
        let line = try #require(endOfFunctionsCalendar(facts).line(.plannedEffect))
        #expect(line.severity == .alert)
        #expect(line.explanation.contains("23\u{00A0}septembre 2026"))
    }

    @Test("raises an alert when the legal effect date falls inside the protection")
    func effectInsideProtection() {
        let facts = EndOfFunctionsFacts(
            authorityDesignation: day("2026-03-22"), interview: day("2026-04-20"), assemblyInformation: day("2026-05-04")
        )
        let calendar = endOfFunctionsCalendar(facts)
        #expect(calendar.effectDate == day("2026-08-01"))
        #expect(calendar.line(.effect)?.severity == .alert)
        #expect(calendar.warnings.first?.kind == .effect)
    }

    @Test("treats an effect on the last protected day as a borderline case to check")
    func effectOnProtectionBoundary() {
        let facts = EndOfFunctionsFacts(nomination: day("2026-03-01"), plannedEffect: day("2026-09-01"))
        #expect(endOfFunctionsCalendar(facts).line(.plannedEffect)?.severity == .warning)
    }

    @Test("raises an alert when the planned effect comes before the legal effect date")
    func plannedEffectTooEarly() {
        let facts = EndOfFunctionsFacts(interview: day("2026-09-01"), assemblyInformation: day("2026-09-15"), plannedEffect: day("2026-11-01"))
        #expect(endOfFunctionsCalendar(facts).line(.plannedEffect)?.severity == .alert)
    }

    @Test("raises an alert, not a warning, when a decision is notified during the protection")
    func notifiedDuringProtection() {
        let facts = EndOfFunctionsFacts(authorityDesignation: day("2026-03-22"), interview: day("2026-05-01"), notification: day("2026-06-15"))
        let during = endOfFunctionsCalendar(facts).lines(.protection).filter { $0.severity == .alert }
        #expect(during.map(\.title) == ["Décision notifiée pendant la protection"])
    }

    @Test("does not call a decision notified before the designation a decision during the protection")
    func notifiedBeforeDesignation() {
        let facts = EndOfFunctionsFacts(authorityDesignation: day("2026-03-22"), interview: day("2026-01-10"), notification: day("2026-02-03"))
        let calendar = endOfFunctionsCalendar(facts)
        #expect(calendar.lines(.protection).count == 1)
        #expect(calendar.lines(.dateOrder).count == 1)
    }

    // MARK: Interview

    @Test("raises an alert when there is no interview before the decision")
    func missingInterview() throws {
        let facts = EndOfFunctionsFacts(assemblyInformation: day("2026-10-12"), notification: day("2026-10-20"))
        let line = try #require(endOfFunctionsCalendar(facts).line(.interview))
        #expect(line.severity == .alert)
        #expect(line.explanation.contains("illégale"))
        #expect(line.source.contains("L544-1"))
    }

    @Test("raises an alert when the interview comes after the notification")
    func interviewAfterNotification() {
        let facts = EndOfFunctionsFacts(interview: day("2026-10-25"), notification: day("2026-10-20"))
        let line = endOfFunctionsCalendar(facts).line(.interview)
        #expect(line?.severity == .alert)
        #expect(line?.title == "Entretien trop tardif")
    }

    // MARK: Odd input

    @Test("warns instead of failing when the notification precedes the assembly information")
    func wrongOrderWarns() {
        let facts = EndOfFunctionsFacts(interview: day("2026-09-01"), assemblyInformation: day("2026-10-12"), notification: day("2026-09-20"))
        let calendar = endOfFunctionsCalendar(facts)
        #expect(calendar.lines(.dateOrder).map(\.severity) == [.warning])
        #expect(calendar.effectDate == day("2027-01-01"))
    }

    @Test("warns when the nomination comes after the decision")
    func nominationAfterDecision() {
        let facts = EndOfFunctionsFacts(nomination: day("2026-12-01"), interview: day("2026-09-01"), notification: day("2026-09-20"))
        let order = endOfFunctionsCalendar(facts).lines(.dateOrder)
        #expect(order.count == 1)
        #expect(order.first?.explanation.contains("Votre nomination dans l’emploi") == true)
    }

    @Test("warns about a mistyped year instead of crashing")
    func farFuture() {
        let facts = EndOfFunctionsFacts(
            nomination: day("9999-08-31"), interview: day("2026-09-01"), assemblyInformation: day("9999-12-15"), notification: day("9999-12-20")
        )
        let calendar = endOfFunctionsCalendar(facts)
        #expect(calendar.effectDate == nil && calendar.recourseDeadline == nil && calendar.protectionEnd == nil)
        #expect(calendar.line(.protection)?.severity == .warning)
        #expect(calendar.line(.effect)?.severity == .warning)
        #expect(calendar.line(.recourseDeadline)?.severity == .warning)
        #expect(calendar.lines(.dateOrder).contains { $0.title == "Plus d’un an d’écart" })
    }

    @Test("gives only guidance when no date is known")
    func noDates() {
        let calendar = endOfFunctionsCalendar(EndOfFunctionsFacts())
        #expect(calendar.lines.allSatisfy { $0.severity == .info && $0.date == nil })
        #expect(calendar.lines.map(\.kind) == [.protection, .interview, .effect, .recourseDeadline])
        #expect(calendar.protectionEnd == nil && calendar.effectDate == nil && calendar.recourseDeadline == nil)
        #expect(calendar.disclaimer.hasPrefix("Calendrier indicatif"))
    }

    @Test("raises nothing for a procedure run by the book")
    func regularProcedure() {
        let calendar = endOfFunctionsCalendar(Self.regular)
        #expect(calendar.warnings.isEmpty)
        #expect(calendar.protectionEnd == day("2026-09-22"))
        #expect(calendar.effectDate == day("2027-01-01"))
        #expect(calendar.recourseDeadline == day("2026-12-21"))
        #expect(calendar.line(.transition) != nil)
    }

    // MARK: Every line

    @Test("cites a source on every line, whatever the dates")
    func everyLineHasSource() {
        for facts in Self.samples {
            for line in endOfFunctionsCalendar(facts).lines {
                #expect(!line.source.isEmpty, "\(line.kind) has no source")
                #expect(!line.title.isEmpty && !line.explanation.isEmpty)
            }
        }
    }

    @Test("writes French typography: curly apostrophes and no-break spaces before : ; ? !")
    func typography() {
        var texts = [EndOfFunctionsCalendar.disclaimer]
        for facts in Self.samples {
            texts += endOfFunctionsCalendar(facts).lines.flatMap { [$0.title, $0.explanation, $0.source] }
        }
        for text in texts {
            #expect(!text.contains("'"), "\(text)")
            for mark in [" :", " ;", " ?", " !", "« ", " »"] {
                #expect(!text.contains(mark), "\(text)")
            }
        }
        #expect(EndOfFunctionsCalendar.disclaimer.contains("juriste\u{00A0}:"))
    }

    static let samples: [EndOfFunctionsFacts] = [
        EndOfFunctionsFacts(),
        regular,
        EndOfFunctionsFacts(nomination: day("2027-08-31"), plannedEffect: day("2027-12-01")),
        EndOfFunctionsFacts(authorityDesignation: day("2026-03-22"), assemblyInformation: day("2026-05-04"), notification: day("2026-02-03"), plannedEffect: day("2026-06-01"), departementCode: "67"),
        EndOfFunctionsFacts(interview: day("2026-10-25"), assemblyInformation: day("2026-10-12"), notification: day("2026-10-20"), departementCode: "972"),
        EndOfFunctionsFacts(interview: day("2026-10-20"), notification: day("2026-10-20")),
        EndOfFunctionsFacts(nomination: day("9999-08-31"), notification: day("9999-12-20")),
    ]
}
