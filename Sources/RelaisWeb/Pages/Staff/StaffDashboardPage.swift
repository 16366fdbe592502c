import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

struct StaffDashboardPage: Page {
    static let template = Template.staff

    let layout: LayoutModel
    let queue: [CaseRow]
    /// Published sheets past their review date; nil when none.
    let reviewsDue: Int?
    /// Produced by `FranceMap.svg` from escaped text only: safe to insert raw.
    let mapSVG: String
    let attribution: String
    let legend: [CoverageLegendItem]
    let gaps: [String]
    let caseStatus: [Count]
    let late: Int
    let medianAcceptance: String
    let medianClosure: String
    let openedInPeriod: Int
    let byAxis: [Count]
    let bySituation: [Count]
    let byRegion: [Count]
    let load: [Count]
    let lastDelivery: String
    /// Nil when none (a zero would still open the Mustache section).
    let failedMail: Int?
    let csrf: String
    let retryFailedURL: String
    let casesURL: String
    let correspondentsURL: String
    /// Active correspondents routing passes over (no account that can sign in); nil when none.
    let unreachable: Int?
    let unreachableURL: String
    let caseExportURL: String
    let directoryExportURL: String
    let accounts: [Count]
    let mail: [Count]
    let mailServer: String
    let auditURL: String
    /// The accounts' page, for administrators only.
    let accountsURL: String?
    let outboxURL: String
    /// Avis requests to experts, by field (`/equipe/experts` keeps the list).
    var referralFigures: [StaffExpertsPage.Figure] = []
    /// Closing feedback in one line and the readers' reports waiting (issue 21).
    var feedback: FeedbackSummary?

    struct FeedbackSummary: Encodable, Sendable {
        let closing: String
        let figuresURL: String
        /// Nil when none.
        let openReports: Int?
        let reportsURL: String

        init(_ summary: AppDatabase.FeedbackSummary) {
            closing = StaffFeedbackPage.summary(summary.closing)
            figuresURL = SiteURL.staffFeedback.path
            openReports = summary.openReports.nonZero
            reportsURL = SiteURL.staffSheetReports.path
        }
    }

    /// Atelier registrations, waiting lists and attendance.
    var ateliers = AtelierFigures(AppDatabase.AtelierFigures(registered: 0, waiting: 0, attended: 0, marked: 0, markedAteliers: 0))

    /// Exchange groups alive, proposals waiting, meetings held.
    var groups = GroupFigures(AppDatabase.GroupFigures())

    struct GroupFigures: Encodable, Sendable {
        let active: Int
        /// Nil when none (a zero would still open the Mustache section).
        let proposed: Int?
        let meetingsHeld: Int
        let url: String

        init(_ figures: AppDatabase.GroupFigures) {
            active = figures.active
            proposed = figures.proposed == 0 ? nil : figures.proposed
            meetingsHeld = figures.meetingsHeld
            url = SiteURL.staffGroups.path
        }
    }

    /// Pairs (« pairs aidants »), in figures only: nobody is named.
    var peers: PeerFigures?

    /// « Remontées »: how many wait, and the themes that grow.
    var observations: ObservationFigures?

    struct ObservationFigures: Encodable, Sendable {
        let waiting: Int
        /// « Fin de fonctions et décharge : 5 en 30 jours (+3) ».
        let growing: [String]
        let url: String

        init(_ figures: AppDatabase.ObservationFigures) {
            waiting = figures.waiting
            growing = ObservationRules.growing(figures.trends).map {
                "\($0.theme.label)\u{00A0}: \($0.recent) en \(ObservationRules.growthWindowDays)\u{00A0}jours (+\($0.growth))"
            }
            url = SiteURL.staffObservations.path
        }
    }

    struct PeerFigures: Encodable, Sendable {
        let volunteers: Int
        /// Nil for none (a number always opens a section).
        let paused: Int?
        let asked: Int
        /// « 3 acceptées, 1 déclinée », or nil before any answer.
        let answers: String?
        let running: Int

        init(_ figures: AppDatabase.PeerFigures) {
            volunteers = figures.volunteers
            paused = figures.paused.nonZero
            asked = figures.asked
            answers = figures.accepted + figures.declined == 0 ? nil
                : "\(figures.accepted) acceptée(s), \(figures.declined) déclinée(s)"
            running = figures.running
        }
    }

    struct AtelierFigures: Encodable, Sendable {
        let registered: Int
        let waiting: Int
        /// « 82 % (41 présents sur 50, 4 ateliers) », or a sentence when nobody was marked yet.
        let attendance: String
        let url: String

        init(_ figures: AppDatabase.AtelierFigures) {
            registered = figures.registered
            waiting = figures.waiting
            if let rate = AtelierRules.attendanceRate(attended: figures.attended, marked: figures.marked) {
                attendance = "\(Int((rate * 100).rounded()))\u{00A0}% (\(figures.attended) présent(s) sur \(figures.marked), \(figures.markedAteliers) atelier(s))"
            } else {
                attendance = "pas encore de présences notées"
            }
            url = SiteURL.staffAteliers.path
        }
    }

    struct Count: Encodable, Sendable {
        let label: String
        let value: Int
    }
}

extension StaffDashboardPage {
    /// The dashboard from the figures read for it: `users` and `mail` are counts by role and by
    /// status, `figures` cover the last 90 days, `needing` is the staff queue (with the `recourse`
    /// deadlines shared on its cases), `busiest` the most loaded correspondents, `reviewsDue` and
    /// `unreachable` counts of sheets and correspondents. `mailServerConfigured`: a mail server is set;
    /// `mayAdministerUsers`: the reader is an administrator.
    /// The map's title, read by screen readers (`CoverageMap`).
    static let mapTitle = "Couverture du territoire par les correspondants"

    init(_ read: AppDatabase.StaffDashboard, coverage: [AppDatabase.DepartementCoverage], drawn: (svg: String, legend: [CoverageLegendItem]),
         map: FranceMap, mailServerConfigured: Bool, mayAdministerUsers: Bool, now: Date, csrf: String,
         viewer: LayoutModel.Viewer?, demo: Bool) {
        let (mapSVG, legend) = drawn
        let users = read.users, mail = read.mail, figures = read.figures, recourse = read.recourse, busiest = read.busiest
        let queue = read.needingStaff.map { summary in
            CaseRow(
                summary, status: summary.status == .nouvelle ? "Sans correspondant" : "Attribuée à \(summary.assigneeFirstName ?? "—"), pas encore acceptée",
                opened: CaseRow.openedAgo(summary, now: now) + " · département \(summary.departementCode)",
                late: summary.escalated, now: now
            ).flagged(recourse: recourse[summary.id], today: Day(now))
        }
        self.init(
            layout: LayoutModel(title: "Espace équipe", section: .staff, demo: demo, viewer: viewer),
            queue: queue,
            reviewsDue: read.reviewsDue.nonZero,
            mapSVG: mapSVG, attribution: map.attribution, legend: legend,
            gaps: coverage.filter { $0.status != .available }.map { "\($0.name) (\($0.code))" },
            caseStatus: CaseStatus.allCases.map { Count(label: $0.label, value: figures.openByStatus[$0] ?? 0) },
            late: figures.late,
            medianAcceptance: Self.hours(figures.medianHoursToAcceptance),
            medianClosure: Self.hours(figures.medianHoursToClosure),
            openedInPeriod: figures.openedInPeriod,
            byAxis: figures.byAxis.map { Count(label: $0.label, value: $0.count) },
            bySituation: figures.bySituation.map { Count(label: $0.label, value: $0.count) },
            byRegion: figures.byRegion.map { Count(label: $0.label, value: $0.count) },
            load: busiest.map { Count(label: "\($0.correspondent.firstName) \($0.correspondent.lastName) (capacité \($0.correspondent.capacity))", value: $0.load) },
            lastDelivery: read.lastDelivery.map(CaseDates.numeric) ?? "aucun message remis pour l’instant",
            failedMail: (mail[.failed] ?? 0) > 0 ? mail[.failed] : nil,
            csrf: csrf,
            retryFailedURL: SiteURL.staffOutboxRetryFailed.path,
            casesURL: SiteURL.staffCases.path, correspondentsURL: SiteURL.staffCorrespondents.path,
            unreachable: read.unreachable.nonZero,
            unreachableURL: SiteURL.staffCorrespondents.absolute(base: "", query: [("joignable", "non")]),
            caseExportURL: SiteURL.staffCaseExport.path, directoryExportURL: SiteURL.staffDirectoryExport.path,
            accounts: Role.allCases.map { Count(label: $0.label, value: users[$0] ?? 0) },
            mail: [
                Count(label: "En attente", value: mail[.pending] ?? 0), Count(label: "En cours d’envoi", value: mail[.sending] ?? 0),
                Count(label: "Remis", value: mail[.delivered] ?? 0), Count(label: "En échec", value: mail[.failed] ?? 0),
            ],
            mailServer: mailServerConfigured
                ? "Les messages partent par le serveur de courrier configuré."
                : "Aucun serveur de courrier n’est configuré (RELAIS_SMTP_URL)\u{00A0}: les messages attendent dans la file et partiront dès qu’il le sera.",
            auditURL: SiteURL.staffAudit.path, accountsURL: mayAdministerUsers ? SiteURL.staffAccounts.path : nil,
            outboxURL: SiteURL.staffOutbox.path
        )
    }

    /// « 26 h » or « 3,5 jours », for medians.
    static func hours(_ value: Double?) -> String {
        guard let value else { return "pas encore de donnée" }
        if value < 48 { return "\(Int(value.rounded()))\u{00A0}h" }
        let days = (value / 24 * 10).rounded() / 10
        return "\(String(days).replacingOccurrences(of: ".", with: ",").replacingOccurrences(of: ",0", with: ""))\u{00A0}jours"
    }
}
