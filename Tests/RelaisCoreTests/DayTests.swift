import Foundation
import RelaisCore
import Testing

@Suite("Day")
struct DayTests {
    @Test("parses a well-formed day and writes it back the same")
    func roundTrip() throws {
        let day = try #require(Day(iso: "2026-12-01"))
        #expect(day.year == 2026 && day.month == 12 && day.day == 1)
        #expect(day.iso == "2026-12-01")
    }

    @Test("refuses days that do not exist", arguments: [
        "2026-02-29", "2026-04-31", "2026-13-01", "2026-00-10", "2026-1-01", "26-01-01", "2026-01-01T10:00", "", "2026-０1-01",
    ])
    func refusesImpossibleDays(text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("knows leap years: 29 February exists in 2028 and 2000, not in 2100")
    func leapYears() {
        #expect(Day(iso: "2028-02-29") != nil)
        #expect(Day(iso: "2000-02-29") != nil)
        #expect(Day(iso: "2100-02-29") == nil)
    }

    @Test("orders days chronologically")
    func ordering() throws {
        let earlier = try #require(Day(iso: "2026-09-15"))
        let later = try #require(Day(iso: "2026-12-01"))
        #expect(earlier < later)
        #expect(!(later < earlier))
    }

    @Test("writes French long dates with 1er and a non-breaking space")
    func frenchLong() throws {
        #expect(try #require(Day(iso: "2026-12-01")).frenchLong == "1er\u{00A0}décembre 2026")
        #expect(try #require(Day(iso: "2027-03-15")).frenchLong == "15\u{00A0}mars 2027")
    }

    @Test("takes the day of a moment in Paris, not in UTC")
    func parisDay() {
        // 23:30 UTC on 22 November is already 23 November in Paris (UTC+1).
        let lateEvening = Date(timeIntervalSince1970: 1_795_390_200)
        #expect(Day(lateEvening).iso == "2026-11-23")
        #expect(Day(lateEvening, in: TimeZone(identifier: "UTC")!).iso == "2026-11-22")
    }

    @Test("the Paris day and time of an instant, by arithmetic, agree with the Gregorian calendar on Paris time, across summer time changes and midnights")
    func parisLocal() throws {
        // Every quarter of an hour around both 2026 changes and a few midnights, then a walk
        // through 1950–2090 in steps that land on every hour and minute of the day.
        var instants: [Date] = []
        for centre in ["2026-03-29T01:00:00Z", "2026-10-25T01:00:00Z", "2026-12-31T23:00:00Z", "1969-12-31T23:00:00Z"] {
            let date = try #require(ISO8601DateFormatter().date(from: centre))
            instants += (-12...12).map { date.addingTimeInterval(Double($0) * 900 - 1) }
            instants += (-12...12).map { date.addingTimeInterval(Double($0) * 900) }
        }
        var walk = try #require(ISO8601DateFormatter().date(from: "1950-01-01T00:00:00Z"))
        while walk < Date(timeIntervalSince1970: 3_786_912_000) {
            instants.append(walk)
            walk.addTimeInterval(86_400 * 37 + 3_600 * 5 + 60 * 7 + 0.5)
        }
        for date in instants {
            let parts = Day.parisCalendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let local = try #require(Day.parisLocal(date))
            #expect(local.day == Day(year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0), "\(date)")
            #expect(local.second == (parts.hour ?? 0) * 3600 + (parts.minute ?? 0) * 60 + (parts.second ?? 0), "\(date)")
            #expect(Day(date) == local.day)
        }
    }
}
