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
    /// The axes the steps fall under, for the page's table of contents.
    let axes: [AxisLink]
    /// The steps by axis, rendered once per content generation (`SituationSteps`).
    let stepsHTML: String
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
    /// A pair who lived this situation (« pairs aidants »), when it is one a pair can have lived.
    let peerURL: String?
    let changeAnswersURL: String
    let parcoursURL: String
}

extension SituationPage {
    /// How many partners a parcours shows unfolded: every one inline made a phone page 15,000 px long.
    static let partnersShown = 3

    /// The partner kinds the situation's steps name, in a stable order: the partners its page shows.
    static func partnerKinds(of detail: AppDatabase.SituationDetail) -> [PartnerKind] {
        Array(Set(detail.steps.flatMap(\.partnerKinds))).sorted { $0.rawValue < $1.rawValue }
    }

    /// One situation's parcours, made personal by `answers`. `place` is the département of the
    /// answers and its région, when known, and `near` the correspondents found for it;
    /// `partners` were found for `partnerKinds(of: detail)`.
    init(_ detail: AppDatabase.SituationDetail, steps: SituationSteps, answers: ParcoursAnswers, place: (departement: Departement, region: Region)?,
         near: (reach: AppDatabase.Reach, cards: [AppDatabase.CorrespondentCard])?, partners: [Partner], today: Day,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let situation = detail.situation
        var placeName: String?
        var correspondents: [Correspondent] = []
        var intro: String?
        if let (departement, region) = place, let (reach, cards) = near {
            placeName = "\(departement.name) (\(departement.code))"
            intro = switch reach {
            case .departement: "Les correspondants qui couvrent votre département (\(departement.name))."
            case .region: "Personne ne couvre encore votre département (\(departement.name))\u{00A0}: voici les correspondants de votre région (\(region.name))."
            case .national: "Personne ne couvre encore votre région (\(region.name))\u{00A0}: voici des correspondants d’autres régions, qui peuvent vous accompagner à distance."
            }
            correspondents = cards.map {
                .init(firstName: $0.firstName, position: $0.position, presentation: $0.presentation, place: $0.mainDepartement,
                      axes: $0.axes.map(\.label), absentUntil: $0.absentUntil?.frenchLong)
            }
        }
        var calendar: [CalendarLine] = []
        var disclaimer: String?
        var hasDeadlines = false
        if situation.endOfFunctions, !answers.dates.isEmpty {
            let result = endOfFunctionsCalendar(answers.facts, today: today)
            hasDeadlines = !result.deadlines.isEmpty
            disclaimer = result.disclaimer
            calendar = result.lines.map {
                .init(title: $0.title, date: $0.date?.frenchLong, explanation: $0.explanation, source: $0.source,
                      alert: $0.severity == .alert, warning: $0.severity == .warning, past: $0.past)
            }
        }
        let queryString = answers.queryString
        let caseQuery = "situation=\(situation.slug)" + (queryString.isEmpty ? "" : "&" + queryString)
        let sameQuery = queryString.isEmpty ? "" : "?" + queryString
        self.init(
            layout: LayoutModel(title: situation.title, description: situation.summary, section: .parcours, demo: demo, viewer: viewer),
            title: situation.title,
            summary: situation.summary,
            urgent: situation.urgency == .haute && situation.endOfFunctions,
            crisis: CrisisHelp.applies(toSituation: situation.slug) ? CrisisHelp.contacts : [],
            urgency: situation.urgency.label,
            personal: answers.departementCode != nil,
            place: placeName,
            axes: steps.axes,
            stepsHTML: steps.html,
            correspondents: correspondents,
            correspondentsIntro: intro,
            partners: partners.prefix(Self.partnersShown).map(PartnerCard.init),
            morePartners: partners.dropFirst(Self.partnersShown).map(PartnerCard.init),
            calendar: calendar,
            calendarDisclaimer: disclaimer,
            calendarHint: situation.endOfFunctions && answers.dates.isEmpty,
            deadlinesICSURL: hasDeadlines ? SiteURL.situationDeadlines(situation.slug).path + sameQuery : nil,
            saveDeadlinesURL: hasDeadlines ? SiteURL.situationDeadlinesSave(situation.slug).path + sameQuery : nil,
            openCaseURL: "/demandes/nouvelle?" + caseQuery,
            peerURL: PeerExperience(rawValue: situation.slug).map { SiteURL.peerProposals.absolute(base: "", query: [("situation", $0.rawValue)]) },
            changeAnswersURL: SiteURL.parcours.path + "?" + caseQuery,
            parcoursURL: SiteURL.parcours.path
        )
    }
}

/// A situation's steps by axis as every visitor sees them: rendered once per content generation
/// (`PublicContent`) rather than for each visitor's answers, which never change them.
struct SituationSteps: Sendable {
    let axes: [AxisLink]
    let html: String

    init(_ detail: AppDatabase.SituationDetail, renderer: PageRenderer) {
        let groups = Axis.allCases.compactMap { axis -> SituationPage.AxisGroup? in
            let steps = detail.steps.filter { $0.step.axis == axis }
            guard !steps.isEmpty else { return nil }
            return SituationPage.AxisGroup(axis: AxisLink(axis), steps: steps.enumerated().map { index, step in
                SituationPage.Step(number: index + 1, title: step.step.title, body: step.step.body,
                                   factSheets: step.factSheets.map(FactSheetLink.init), partnerKinds: step.partnerKinds.map(\.label))
            })
        }
        axes = groups.map(\.axis)
        html = String(decoding: renderer.html(Fragment(groups: groups)), as: UTF8.self)
    }

    /// `parcours/etapes`: the steps' sections of `parcours/situation`.
    struct Fragment: Page {
        static let template = Template.situationSteps
        let groups: [SituationPage.AxisGroup]
    }
}
