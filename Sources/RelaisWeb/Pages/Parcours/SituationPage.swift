import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct SituationPage: Page {
    static let template = Template.situation

    struct Step: Encodable, Sendable {
        let number: Int
        let title: String
        let body: String
        let factSheets: [FactSheetLink]
        let partnerKinds: [String]
    }

    struct AxisGroup: Encodable, Sendable {
        let axis: AxisLink
        let steps: [Step]
    }

    struct Correspondent: Encodable, Sendable {
        let firstName: String
        let position: String
        let presentation: String
        let place: String
        let axes: [String]
        let absentUntil: String?
    }

    struct CalendarLine: Encodable, Sendable {
        let title: String
        let date: String?
        let explanation: String
        let source: String
        let alert: Bool
        let warning: Bool
        /// The date is before today: a deadline already gone, said so rather than left to be read as ahead.
        let past: Bool
    }

    let layout: LayoutModel
    let title: String
    let summary: String
    /// Urgent and with statutory deadlines already running (an end of functions): said at the top.
    let urgent: Bool
    /// The numbers to call at once, first on the page, on the situations where a director may be in danger.
    let crisis: [CrisisHelp.Contact]
    let urgency: String
    let personal: Bool
    let place: String?
    let groups: [AxisGroup]
    let correspondents: [Correspondent]
    let correspondentsIntro: String?
    /// The partners that fit best (local ones first), shown; the others fold behind « voir les N autres ».
    let partners: [PartnerCard]
    let morePartners: [PartnerCard]
    let calendar: [CalendarLine]
    let calendarDisclaimer: String?
    let calendarHint: Bool
    /// The calendar's dates as .ics, and the page that keeps them in the account; nil without dates.
    let deadlinesICSURL: String?
    let saveDeadlinesURL: String?
    let openCaseURL: String
    let changeAnswersURL: String
    let parcoursURL: String
}
