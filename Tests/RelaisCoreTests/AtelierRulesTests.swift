import Foundation
@testable import RelaisCore
import Testing

@Suite("Ateliers: registration rules")
struct AtelierRulesTests {
    /// Paris wall-clock time as a date, for the clock of a test.
    func paris(_ local: String) throws -> Date {
        try #require(AtelierRules.instant(local))
    }

    @Test("Paris local time becomes the right instant, winter and summer")
    func instants() throws {
        #expect(try paris("2026-12-03T18:30") == Date(timeIntervalSince1970: 1_796_319_000))
        // 14:00 in July is 12:00 UTC.
        let summer = try paris("2027-07-01T14:00")
        #expect(ICalendar.utcStamp(summer) == "20270701T120000Z")
        #expect(AtelierRules.instant("2026-12-03 18:30") == nil)
        #expect(AtelierRules.instant("2026-02-30T10:00") == nil)
    }

    @Test("an open atelier takes members only; closed, cancelled and past ones take nobody")
    func whoMayRegister() throws {
        let now = try paris("2026-12-01T10:00")
        let open = AtelierRules.state(startsAt: "2026-12-03T18:30", closed: false, cancelled: false, now: now)
        #expect(open == .open)
        #expect(AtelierRules.registrationRefusal(role: .demandeur, state: open, current: nil) == nil)
        #expect(AtelierRules.registrationRefusal(role: .correspondant, state: open, current: .cancelled) == nil)
        #expect(AtelierRules.registrationRefusal(role: .equipe, state: open, current: nil) == .notMember)
        #expect(AtelierRules.registrationRefusal(role: .expert, state: open, current: nil) == .notMember)
        #expect(AtelierRules.registrationRefusal(role: .demandeur, state: open, current: .registered) == .alreadyRegistered(.registered))
        #expect(AtelierRules.registrationRefusal(role: .demandeur, state: open, current: .waiting) == .alreadyRegistered(.waiting))
        let closed = AtelierRules.state(startsAt: "2026-12-03T18:30", closed: true, cancelled: false, now: now)
        #expect(AtelierRules.registrationRefusal(role: .demandeur, state: closed, current: nil) == .closed)
        let cancelled = AtelierRules.state(startsAt: "2026-12-03T18:30", closed: true, cancelled: true, now: now)
        #expect(AtelierRules.registrationRefusal(role: .demandeur, state: cancelled, current: nil) == .cancelled)
        let past = AtelierRules.state(startsAt: "2026-12-03T18:30", closed: false, cancelled: false, now: try paris("2026-12-03T18:30"))
        #expect(AtelierRules.registrationRefusal(role: .demandeur, state: past, current: nil) == .past)
    }

    @Test("a place while one is free, else the waiting list; no capacity, no limit")
    func placement() {
        #expect(AtelierRules.placement(capacity: 2, registered: 1) == .registered)
        #expect(AtelierRules.placement(capacity: 2, registered: 2) == .waiting)
        #expect(AtelierRules.placement(capacity: nil, registered: 500) == .registered)
        #expect(AtelierRules.placesLeft(capacity: 2, registered: 3) == 0)
        #expect(AtelierRules.placesLeft(capacity: nil, registered: 3) == nil)
    }

    @Test("the waiting list moves up by the places free, never beyond who waits")
    func promotions() {
        #expect(AtelierRules.promotions(capacity: 3, registered: 2, waiting: 5) == 1)
        #expect(AtelierRules.promotions(capacity: 5, registered: 2, waiting: 1) == 1)
        #expect(AtelierRules.promotions(capacity: 2, registered: 2, waiting: 4) == 0)
        #expect(AtelierRules.promotions(capacity: nil, registered: 2, waiting: 4) == 4)
    }

    @Test("a place is given back up to the day before, Paris time; the day itself is refused in French")
    func cancellation() throws {
        let start = "2026-12-03T18:30"
        func refusal(_ status: AtelierRegistrationStatus?, at local: String) throws -> AtelierRules.Refusal? {
            let now = try paris(local)
            let state = AtelierRules.state(startsAt: start, closed: false, cancelled: false, now: now)
            return AtelierRules.cancellationRefusal(status: status, state: state, startsAt: start, now: now)
        }
        #expect(try refusal(.registered, at: "2026-12-02T23:59") == nil)
        #expect(try refusal(.registered, at: "2026-12-03T00:00") == .sameDay)
        #expect(AtelierRules.Refusal.sameDay.message.contains("aujourd’hui\u{00A0}:"))
        // Someone waiting holds no place: they may leave until it starts.
        #expect(try refusal(.waiting, at: "2026-12-03T12:00") == nil)
        #expect(try refusal(.waiting, at: "2026-12-03T18:30") == .past)
        #expect(try refusal(nil, at: "2026-12-01T10:00") == .notRegistered)
        #expect(try refusal(.cancelled, at: "2026-12-01T10:00") == .notRegistered)
    }

    @Test("the reminder is due from 48 hours before until the start, once")
    func reminder() throws {
        let start = "2026-12-03T18:30"
        #expect(!AtelierRules.reminderDue(startsAt: start, remindedAt: nil, now: try paris("2026-12-01T18:29")))
        #expect(AtelierRules.reminderDue(startsAt: start, remindedAt: nil, now: try paris("2026-12-01T18:30")))
        #expect(!AtelierRules.reminderDue(startsAt: start, remindedAt: try paris("2026-12-01T18:30"), now: try paris("2026-12-02T09:00")))
        #expect(!AtelierRules.reminderDue(startsAt: start, remindedAt: nil, now: try paris("2026-12-03T18:30")))
        #expect(AtelierRules.placeNeedsNoReminder(startsAt: start, now: try paris("2026-12-02T10:00")))
        #expect(!AtelierRules.placeNeedsNoReminder(startsAt: start, now: try paris("2026-11-20T10:00")))
    }

    @Test("attendance is marked once it has started, and its rate counts only marked people")
    func attendance() throws {
        #expect(!AtelierRules.mayMarkAttendance(startsAt: "2026-12-03T18:30", cancelled: false, now: try paris("2026-12-03T18:00")))
        #expect(AtelierRules.mayMarkAttendance(startsAt: "2026-12-03T18:30", cancelled: false, now: try paris("2026-12-03T18:30")))
        #expect(!AtelierRules.mayMarkAttendance(startsAt: "2026-12-03T18:30", cancelled: true, now: try paris("2026-12-04T10:00")))
        #expect(AtelierRules.attendanceRate(attended: 3, marked: 4) == 0.75)
        #expect(AtelierRules.attendanceRate(attended: 0, marked: 0) == nil)
    }

    @Test("times in French words, with non-breaking spaces")
    func times() {
        #expect(AtelierTimes.when(startsAt: "2026-12-03T18:30", endsAt: "2026-12-03T20:00") == "le jeudi 3\u{00A0}décembre 2026, de 18\u{00A0}h\u{00A0}30 à 20\u{00A0}h")
    }
}

@Suite("iCalendar: timed events")
struct ICalendarTimedEventTests {
    @Test("a timed event is in UTC, escaped, folded at 75 octets, with CRLF line ends")
    func timedEvent() throws {
        let start = try #require(AtelierRules.instant("2026-12-03T18:30"))
        let end = try #require(AtelierRules.instant("2026-12-03T20:00"))
        let text = ICalendar.document([ICalendar.TimedEvent(
            uid: "atelier-x@relais", start: start, end: end, summary: "Café, thé; et « pairs »",
            description: String(repeating: "é", count: 50) + "\nfin", location: "En visioconférence", url: "https://relais.example/reseaux/ateliers/1"
        )], stamp: Date(timeIntervalSince1970: 1_795_338_000))
        #expect(text.contains("DTSTART:20261203T173000Z\r\n"))
        #expect(text.contains("DTEND:20261203T190000Z\r\n"))
        #expect(text.contains("SUMMARY:Café\\, thé\\; et « pairs »\r\n"))
        #expect(text.contains("METHOD:PUBLISH\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75)
            #expect(!line.contains("\n") && !line.contains("\r"))
        }
    }
}
