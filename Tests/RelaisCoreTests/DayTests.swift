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
}
