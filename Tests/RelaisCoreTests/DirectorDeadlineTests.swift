import Foundation
import RelaisCore
import Testing

private func day(_ iso: String) -> Day { Day(iso: iso) ?? Day(year: 1970, month: 1, day: 1)! }

@Suite("Director's deadlines and their reminders")
struct DirectorDeadlineTests {
    let recourse = DirectorDeadline(kind: .recourse, day: day("2026-12-21"))

    @Test("reminds 14, 7 and 2 days before, each once", arguments: [
        ("2026-12-07", Set<Int>(), 14 as Int?),
        ("2026-12-06", Set<Int>(), nil),
        ("2026-12-08", Set([14]), nil),
        ("2026-12-14", Set([14]), 7),
        ("2026-12-19", Set([14, 7]), 2),
        ("2026-12-20", Set([14, 7, 2]), nil),
        ("2026-12-22", Set<Int>(), nil),
    ])
    func offsets(today: String, sent: Set<Int>, due: Int?) {
        #expect(recourse.reminderDue(today: day(today), alreadySent: sent) == due)
    }

    @Test("a reminder missed while the server was down goes out late, once, and never a farther one after a nearer")
    func missed() {
        #expect(recourse.reminderDue(today: day("2026-12-10"), alreadySent: []) == 14)
        #expect(recourse.reminderDue(today: day("2026-12-20"), alreadySent: []) == 2)
        #expect(recourse.reminderDue(today: day("2026-12-21"), alreadySent: [2]) == nil)
    }

    @Test("only the recourse and indemnity deadlines are reminded")
    func remindedKinds() {
        #expect(DirectorDeadline(kind: .effect, day: day("2026-12-21")).reminderDue(today: day("2026-12-07"), alreadySent: []) == nil)
        #expect(DirectorDeadline(kind: .indemnityRequest, day: day("2026-11-30")).reminderDue(today: day("2026-11-16"), alreadySent: []) == 14)
    }

    @Test("the calendar's deadlines come in date order with neutral summaries")
    func fromCalendar() {
        let facts = EndOfFunctionsFacts(authorityDesignation: day("2026-03-22"), assemblyInformation: day("2026-10-12"), notification: day("2026-10-20"))
        let deadlines = endOfFunctionsCalendar(facts).deadlines
        #expect(deadlines.map(\.kind) == [.protectionEnd, .indemnityRequest, .recourse, .effect])
        #expect(deadlines.map(\.day) == [day("2026-09-22"), day("2026-11-30"), day("2026-12-21"), day("2027-01-01")])
        #expect(deadlines[2].summary == "Échéance Relais\u{00A0}: saisine du tribunal administratif")
    }
}

@Suite("iCalendar")
struct ICalendarTests {
    @Test("writes all-day events with CRLF lines, a UTC stamp and an exclusive end the next day")
    func document() {
        let text = ICalendar.document([ICalendar.Event(uid: "recours-2026-12-31@relais", day: day("2026-12-31"), summary: "Échéance Relais : recours",
                                                       description: "Indicatif; à vérifier, avec votre correspondant")],
                                      stamp: Date(timeIntervalSince1970: 1_795_338_000))
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Relais//Echeances//FR\r\n"))
        #expect(text.contains("\r\nDTSTART;VALUE=DATE:20261231\r\nDTEND;VALUE=DATE:20270101\r\n"))
        #expect(text.contains("\r\nDTSTAMP:20261122T090000Z\r\n"))
        #expect(text.contains("DESCRIPTION:Indicatif\\; à vérifier\\, avec votre correspondant\r\n"))
        #expect(text.hasSuffix("END:VEVENT\r\nEND:VCALENDAR\r\n"))
    }

    @Test("folds long lines at 75 octets without cutting a character")
    func folding() {
        let line = "SUMMARY:" + String(repeating: "é", count: 60)
        let folded = ICalendar.document([ICalendar.Event(uid: "u", day: day("2026-01-01"), summary: String(repeating: "é", count: 60), description: "")],
                                        stamp: Date(timeIntervalSince1970: 0))
        let physical = folded.components(separatedBy: "\r\n")
        #expect(physical.allSatisfy { $0.utf8.count <= 75 })
        let unfolded = folded.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains(line + "\r\n"))
    }
}
