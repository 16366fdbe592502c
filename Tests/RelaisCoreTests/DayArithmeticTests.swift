import Foundation
import RelaisCore
import Testing

private func day(_ iso: String) -> Day {
    // Test literals are well-formed; a typo here should fail loudly in the test, not pass silently.
    guard let day = Day(iso: iso) else {
        Issue.record("bad test literal \(iso)")
        return Day(year: 1970, month: 1, day: 1)!
    }
    return day
}

@Suite("Day arithmetic")
struct DayArithmeticTests {
    @Test("adds days across month, year and 29 February")
    func addingDays() {
        #expect(day("2026-01-31").adding(days: 1) == day("2026-02-01"))
        #expect(day("2026-12-31").adding(days: 1) == day("2027-01-01"))
        #expect(day("2028-02-28").adding(days: 1) == day("2028-02-29"))
        #expect(day("2027-02-28").adding(days: 1) == day("2027-03-01"))
        #expect(day("2026-03-01").adding(days: -1) == day("2026-02-28"))
        #expect(day("2026-05-21").adding(days: 0) == day("2026-05-21"))
    }

    @Test("adds months day number to day number")
    func addingMonths() {
        #expect(day("2026-03-20").adding(months: 2) == day("2026-05-20"))
        #expect(day("2026-09-15").adding(months: 6) == day("2027-03-15"))
        #expect(day("2026-11-30").adding(months: -3) == day("2026-08-30"))
        #expect(day("2026-01-15").adding(months: -1) == day("2025-12-15"))
    }

    @Test("clamps to the last day of a shorter month and says so")
    func clampsMonthEnd() {
        #expect(day("2026-08-31").adding(months: 6) == day("2027-02-28"))
        #expect(day("2027-08-31").adding(months: 6) == day("2028-02-29"))
        #expect(day("2026-12-31").adding(months: 2) == day("2027-02-28"))
        #expect(day("2026-03-31").adding(months: 1) == day("2026-04-30"))
        #expect(day("2026-08-31").isClampedWhenAdding(months: 6))
        #expect(!day("2026-08-28").isClampedWhenAdding(months: 6))
    }

    @Test("lands on 29 February of a leap year when the day exists")
    func leapYearMonths() {
        #expect(day("2027-08-29").adding(months: 6) == day("2028-02-29"))
        #expect(!day("2027-08-29").isClampedWhenAdding(months: 6))
        #expect(day("2028-02-29").adding(months: 12) == day("2029-02-28"))
    }

    @Test("returns nil instead of leaving the years 1 to 9999")
    func outOfRange() {
        #expect(day("9999-12-31").adding(days: 1) == nil)
        #expect(day("9999-08-31").adding(months: 6) == nil)
        #expect(day("0001-01-01").adding(days: -1) == nil)
        #expect(day("2026-01-01").adding(days: Int.max) == nil)
        #expect(day("2026-01-01").adding(months: Int.min) == nil)
    }

    @Test("counts days between two days, negative backwards")
    func difference() {
        #expect(day("2028-01-01").days(until: day("2029-01-01")) == 366)
        #expect(day("2027-01-01").days(until: day("2028-01-01")) == 365)
        #expect(day("2026-05-21").days(until: day("2026-03-20")) == -62)
        #expect(day("2026-05-21").days(until: day("2026-05-21")) == 0)
    }

    @Test("gives the ISO weekday, Monday being 1")
    func weekday() {
        #expect(day("1970-01-01").weekday == 4)
        #expect(day("2026-05-21").weekday == 4)
        #expect(day("2026-04-04").weekday == 6)
        #expect(day("2026-04-05").weekday == 7)
        #expect(day("2026-04-06").weekday == 1)
        #expect(day("1969-12-31").weekday == 3)
        #expect(day("2026-04-04").frenchWeekday == "samedi")
        #expect(day("2026-04-04").isWeekend && !day("2026-04-06").isWeekend)
    }

    @Test("agrees with Foundation's Gregorian calendar on every day from 1900 to 2100")
    func agreesWithFoundation() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var current = day("1900-01-01")
        var date = try #require(calendar.date(from: DateComponents(year: 1900, month: 1, day: 1)))
        var mismatches = 0
        while current.year <= 2100 {
            let parts = calendar.dateComponents([.year, .month, .day, .weekday], from: date)
            // Foundation counts Sunday as 1; ISO counts Monday as 1.
            let isoWeekday = ((parts.weekday ?? 0) + 5) % 7 + 1
            if parts.year != current.year || parts.month != current.month || parts.day != current.day || isoWeekday != current.weekday {
                mismatches += 1
            }
            guard let next = current.adding(days: 1), let nextDate = calendar.date(byAdding: .day, value: 1, to: date) else { break }
            current = next
            date = nextDate
        }
        #expect(mismatches == 0)
        #expect(current == day("2101-01-01"))
    }

    @Test("finds the first and last day of a month")
    func monthBounds() {
        #expect(day("2026-09-15").firstOfMonth == day("2026-09-01"))
        #expect(day("2028-02-10").lastOfMonth == day("2028-02-29"))
        #expect(day("2027-02-10").lastOfMonth == day("2027-02-28"))
        #expect(day("2026-12-01").lastOfMonth == day("2026-12-31"))
    }
}

extension DayArithmeticTests {
    @Suite("French public holidays")
    struct Holidays {
        @Test("computes Easter Sunday", arguments: [
            (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2027, "2027-03-28"),
            (2000, "2000-04-23"), (2038, "2038-04-25"), (2285, "2285-03-22"),
        ])
        func easter(year: Int, expected: String) {
            #expect(FrenchHolidays.easterSunday(year: year) == day(expected))
        }

        @Test("lists the eleven national holidays of 2026")
        func national2026() {
            let expected = [
                "2026-01-01", "2026-04-06", "2026-05-01", "2026-05-08", "2026-05-14", "2026-05-25",
                "2026-07-14", "2026-08-15", "2026-11-01", "2026-11-11", "2026-12-25",
            ].map(day)
            #expect(allDays(of: 2026).filter { FrenchHolidays.contains($0) } == expected)
        }

        @Test("adds Good Friday and 26 December in Alsace-Moselle only")
        func alsaceMoselle() {
            let local = allDays(of: 2026).filter { FrenchHolidays.contains($0, alsaceMoselle: true) }
            #expect(local.count == 13)
            #expect(FrenchHolidays.contains(day("2026-04-03"), alsaceMoselle: true))
            #expect(!FrenchHolidays.contains(day("2026-04-03")))
            #expect(FrenchHolidays.contains(day("2026-12-26"), alsaceMoselle: true))
            #expect(!FrenchHolidays.contains(day("2026-12-26")))
        }

        @Test("knows Moselle, Bas-Rhin and Haut-Rhin by their codes")
        func alsaceMoselleCodes() {
            #expect(FrenchHolidays.isAlsaceMoselle(departementCode: "57"))
            #expect(FrenchHolidays.isAlsaceMoselle(departementCode: "67"))
            #expect(FrenchHolidays.isAlsaceMoselle(departementCode: " 68 "))
            #expect(!FrenchHolidays.isAlsaceMoselle(departementCode: "75"))
            #expect(!FrenchHolidays.isAlsaceMoselle(departementCode: "6"))
            #expect(!FrenchHolidays.isAlsaceMoselle(departementCode: nil))
        }

        @Test("names the holiday on a day")
        func names() {
            #expect(FrenchHolidays.name(of: day("2026-04-06")) == "lundi de Pâques")
            #expect(FrenchHolidays.name(of: day("2026-05-14")) == "Ascension")
            #expect(FrenchHolidays.name(of: day("2026-05-21")) == nil)
        }

        @Test("moves to the next working day over weekends and holidays")
        func nextWorkingDay() {
            #expect(FrenchHolidays.workingDay(onOrAfter: day("2026-05-21")) == day("2026-05-21"))
            #expect(FrenchHolidays.workingDay(onOrAfter: day("2026-04-04")) == day("2026-04-07"))
            #expect(FrenchHolidays.workingDay(onOrAfter: day("2026-11-11")) == day("2026-11-12"))
            #expect(FrenchHolidays.workingDay(onOrAfter: day("2025-12-26")) == day("2025-12-26"))
            #expect(FrenchHolidays.workingDay(onOrAfter: day("2025-12-26"), alsaceMoselle: true) == day("2025-12-29"))
        }

        private func allDays(of year: Int) -> [Day] {
            var days: [Day] = []
            var current = Day(year: year, month: 1, day: 1)
            while let day = current, day.year == year {
                days.append(day)
                current = day.adding(days: 1)
            }
            return days
        }
    }
}
