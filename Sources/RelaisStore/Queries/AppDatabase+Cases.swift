import Foundation
import GRDB
import RelaisCore

/// Reads and writes of cases. The use cases (`CaseService` in RelaisWeb) compose the `static … in db`
/// helpers inside one write transaction with the mails they imply.
extension AppDatabase {
    // MARK: Routing

    /// The correspondents `CaseRouting` weighs for `request`, nearest first: those covering the
    /// case's département; when none of them is eligible, those covering its région; only then the
    /// whole network. Routing prefers the nearest level anyway, so this chooses exactly as weighing
    /// everyone would, while a case usually reads a few dozen correspondents instead of thousands.
    /// The correspondent preferred on a reopening is always among them.
    public static func routingCandidates(for request: CaseRouting.Request, today: Day, in db: Database) throws -> [CaseRouting.Candidate] {
        // The preferred correspondent is bound (-1: none), so each ring is one prepared statement.
        let preferred = request.preferred ?? -1
        let rings: [(String, StatementArguments)] = [
            ("c.id IN (SELECT correspondentId FROM correspondentDepartement WHERE departementCode = ?) OR c.id = ?",
             [request.departementCode, preferred]),
            ("""
             c.id IN (SELECT cd.correspondentId FROM correspondentDepartement cd JOIN departement d ON d.code = cd.departementCode
                      WHERE d.regionCode = ?) OR c.id = ?
             """, [request.regionCode, preferred]),
        ]
        for (condition, arguments) in rings {
            let candidates = try routingCandidates(where: condition, arguments, in: db)
            if candidates.contains(where: { CaseRouting.isEligible($0, for: request, today: today) }) { return candidates }
        }
        return try routingCandidates(where: "1", [], in: db)
    }

    /// Correspondents matching `condition` (on `correspondent c`) who could take a case at all —
    /// active, with some capacity, and an account that can sign in speaking for them — with what
    /// `CaseRouting` weighs: coverage, axes, availability, capacity, present load, last assignment
    /// and employer. The others are never eligible (`CaseRouting.isEligible`), so they are not read:
    /// on a network where few can sign in yet, a case would otherwise weigh everyone.
    /// Load and last assignment are index lookups (`caseFile_assignee_status`, `caseEvent_correspondent_kind`).
    static func routingCandidates(where condition: String, _ arguments: StatementArguments, in db: Database) throws -> [CaseRouting.Candidate] {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT c.id, c.mainDepartementCode, c.capacity, c.absentUntil, c.active,
                   (SELECT count(*) FROM caseFile f WHERE f.assigneeId = c.id AND f.status IN \(CaseStatus.active.sqlList)) AS load,
                   (SELECT max(e.at) FROM caseEvent e WHERE e.correspondentId = c.id AND e.kind = '\(CaseEventKind.assigned.rawValue)') AS lastAssignedAt,
                   (SELECT u.employerCode FROM user u WHERE u.correspondentId = c.id AND u.employerCode IS NOT NULL LIMIT 1) AS employerCode,
                   1 AS canSignIn
            FROM correspondent c
            WHERE c.active AND c.capacity > 0
              AND EXISTS (SELECT 1 FROM user u WHERE u.correspondentId = c.id AND u.role = 'correspondant'
                          AND u.passwordHash IS NOT NULL AND u.emailConfirmedAt IS NOT NULL)
              AND (\(condition))
            """), arguments: arguments)
        guard !rows.isEmpty else { return [] }
        let ids = jsonArray(rows.map { $0["id"] as Int64 })
        var departements: [Int64: Set<String>] = [:], regions: [Int64: Set<String>] = [:], axes: [Int64: Set<Axis>] = [:]
        for row in try Row.fetchAll(db.cachedStatement(sql: """
            SELECT cd.correspondentId, cd.departementCode, d.regionCode
            FROM correspondentDepartement cd JOIN departement d ON d.code = cd.departementCode
            WHERE cd.correspondentId IN (SELECT value FROM json_each(?))
            """), arguments: [ids]) {
            let id: Int64 = row["correspondentId"]
            departements[id, default: []].insert(row["departementCode"])
            regions[id, default: []].insert(row["regionCode"])
        }
        for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT correspondentId, axis FROM correspondentAxis WHERE correspondentId IN (SELECT value FROM json_each(?))"),
                                    arguments: [ids]) {
            if let axis = Axis(rawValue: row["axis"]) { axes[row["correspondentId"], default: []].insert(axis) }
        }
        return rows.map { row in
            let id: Int64 = row["id"]
            let absent: String? = row["absentUntil"]
            let last: Date? = row["lastAssignedAt"]
            return CaseRouting.Candidate(
                id: id, mainDepartementCode: row["mainDepartementCode"], departementCodes: departements[id] ?? [],
                regionCodes: regions[id] ?? [], axes: axes[id] ?? [], active: row["active"],
                absentUntil: absent.flatMap(Day.init(iso:)), capacity: row["capacity"], load: row["load"],
                lastAssignedAt: last?.timeIntervalSince1970, employerCode: row["employerCode"], canSignIn: row["canSignIn"]
            )
        }
    }

    /// Correspondents who declined the case (or were taken off it by staff): never routed it again.
    public static func correspondentsWhoDeclined(caseId: Int64, in db: Database) throws -> Set<Int64> {
        Set(try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT correspondentId FROM caseEvent WHERE caseId = ? AND kind = 'refus' AND correspondentId IS NOT NULL
            """), arguments: [caseId]))
    }

    public static func regionCode(ofDepartement code: String, in db: Database) throws -> String? {
        try String.fetchOne(db.cachedStatement(sql: "SELECT regionCode FROM departement WHERE code = ?"), arguments: [code])
    }

    /// The next reference of `year`: one more than the highest so far.
    public static func nextCaseReference(year: Int, in db: Database) throws -> CaseReference {
        let last = try Int.fetchOne(db.cachedStatement(sql: "SELECT max(sequence) FROM caseFile WHERE year = ?"), arguments: [year]) ?? 0
        return CaseReference(year: year, sequence: last + 1)
    }

    public static func caseAxes(caseId: Int64, in db: Database) throws -> [Axis] {
        let stored = try String.fetchAll(db.cachedStatement(sql: "SELECT axis FROM caseAxis WHERE caseId = ?"), arguments: [caseId]).compactMap(Axis.init(rawValue:))
        return Axis.allCases.filter(stored.contains)
    }

    public static func setCaseAxes(_ axes: [Axis], caseId: Int64, in db: Database) throws {
        try db.cachedStatement(sql: "DELETE FROM caseAxis WHERE caseId = ?").execute(arguments: [caseId])
        let insert = try db.cachedStatement(sql: "INSERT INTO caseAxis (caseId, axis) VALUES (?, ?)")
        for axis in Axis.allCases where axes.contains(axis) {
            try insert.execute(arguments: [caseId, axis.rawValue])
        }
    }

    /// A correspondent and the account they sign in with, if they have one.
    public static func correspondentWithAccount(id: Int64, in db: Database) throws -> (Correspondent, User?)? {
        guard let correspondent = try Correspondent.fetchOne(db, key: id) else { return nil }
        let user = try User.filter(Column("correspondentId") == id).order(User.Columns.id).fetchOne(db)
        return (correspondent, user)
    }

    /// The user id of the account of the correspondent a case is assigned to.
    public static func assigneeUserId(correspondentId: Int64?, in db: Database) throws -> Int64? {
        guard let correspondentId else { return nil }
        return try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM user WHERE correspondentId = ? ORDER BY id LIMIT 1"), arguments: [correspondentId])
    }

    // MARK: Reading cases

    public func caseFile(reference: String) async throws -> CaseFile? {
        try await reader.read { db in try CaseFile.filter(CaseFile.Columns.reference == reference).fetchOne(db) }
    }

    /// The people of a case, for `Policy.caseRole`.
    static func caseParties(_ caseFile: CaseFile, in db: Database) throws -> Policy.CaseParties {
        Policy.CaseParties(directorUserId: caseFile.directorId,
                           assigneeUserId: try Self.assigneeUserId(correspondentId: caseFile.assigneeId, in: db))
    }

    /// A case and its people, in one read: what the case's actions check before they act.
    public func caseWithParties(reference: String) async throws -> (CaseFile, Policy.CaseParties)? {
        try await reader.read { db in
            guard let caseFile = try CaseFile.fetchOne(db.cachedStatement(sql: "SELECT * FROM caseFile WHERE reference = ?"), arguments: [reference])
            else { return nil }
            return (caseFile, try Self.caseParties(caseFile, in: db))
        }
    }

    /// A case in a list: never the narrative.
    public struct CaseSummary: Sendable, Equatable {
        public var id: Int64
        public var reference: String?
        public var status: CaseStatus
        public var outcome: CaseOutcome?
        public var situationTitle: String
        public var departementCode: String
        public var createdAt: Date
        public var openedAt: Date?
        public var assignedAt: Date?
        public var lastActivityAt: Date
        public var escalated: Bool
        public var assigneeFirstName: String?
        public var directorName: String?
    }

    private static let summarySQL = """
        SELECT f.id, f.reference, f.status, f.outcome, f.departementCode, f.createdAt, f.openedAt, f.assignedAt,
               f.lastActivityAt, f.escalatedAt, coalesce(s.title, f.situationSlug) AS situationTitle,
               c.firstName AS assigneeFirstName, u.name AS directorName
        FROM caseFile f
        LEFT JOIN situation s ON s.slug = f.situationSlug
        LEFT JOIN correspondent c ON c.id = f.assigneeId
        LEFT JOIN user u ON u.id = f.directorId
        """

    /// Open cases first, then by most recent activity. The expression is the one of the index
    /// `caseFile_open_first`, so a long list is read in order instead of sorted.
    static let openFirst = "(f.status = 'close'), f.lastActivityAt DESC"

    static func summaries(_ db: Database, where clause: String, _ arguments: StatementArguments, orderBy order: String = openFirst,
                          limit: Int = 500, offset: Int = 0) throws -> [CaseSummary] {
        // Prepared once per connection and query shape: the clause and the order are the code's, the
        // paging is bound, so the statement cache holds a handful of statements.
        try Row.fetchAll(db.cachedStatement(sql: summarySQL + " WHERE " + clause + " ORDER BY \(order) LIMIT ? OFFSET ?"),
                         arguments: arguments + [limit, offset]).map { row in
            let escalatedAt: Date? = row["escalatedAt"]
            return CaseSummary(
                id: row["id"], reference: row["reference"], status: CaseStatus(rawValue: row["status"]) ?? .nouvelle,
                outcome: (row["outcome"] as String?).flatMap(CaseOutcome.init(rawValue:)), situationTitle: row["situationTitle"],
                departementCode: row["departementCode"], createdAt: row["createdAt"], openedAt: row["openedAt"],
                assignedAt: row["assignedAt"], lastActivityAt: row["lastActivityAt"], escalated: escalatedAt != nil,
                assigneeFirstName: row["assigneeFirstName"], directorName: row["directorName"]
            )
        }
    }

    /// A director's cases, the ones still waiting for their address confirmation included.
    public func cases(ofDirector userId: Int64) async throws -> [CaseSummary] {
        try await reader.read { db in try Self.summaries(db, where: "f.directorId = ? AND f.anonymisedAt IS NULL", [userId]) }
    }

    /// The cases assigned to a correspondent now.
    public func cases(assignedTo correspondentId: Int64) async throws -> [CaseSummary] {
        try await reader.read { db in try Self.summaries(db, where: "f.assigneeId = ? AND f.openedAt IS NOT NULL", [correspondentId]) }
    }

    /// `/mes-demandes` in one read: the director's cases, each case still waiting to be sent whole
    /// (it is shown entire before « Envoyer »), and the deadlines they kept.
    public struct DirectorListing: Sendable {
        public var summaries: [CaseSummary]
        public var drafts: [CaseDetail]
        public var deadlines: [StoredDeadline]
        public var remindersOn: Bool
        public var sharingDeadlines: Set<Int64>
        /// Closed cases whose three questions wait for the director's answer, by reference.
        public var pendingFeedback: [String] = []
    }

    public func directorListing(userId: Int64) async throws -> DirectorListing {
        try await reader.read { db in
            let summaries = try Self.summaries(db, where: "f.directorId = ? AND f.anonymisedAt IS NULL", [userId])
            let deadlines = try Self.directorDeadlines(userId: userId, in: db)
            return DirectorListing(
                summaries: summaries,
                drafts: try summaries.filter { $0.openedAt == nil }.compactMap { try Self.caseDetail(id: $0.id, in: db) },
                deadlines: deadlines,
                remindersOn: deadlines.isEmpty ? true : try Self.deadlineRemindersEnabled(userId: userId, in: db),
                sharingDeadlines: deadlines.isEmpty ? [] : try Self.casesSharingDeadlines(directorId: userId, in: db),
                pendingFeedback: try Self.pendingClosingFeedback(directorId: userId, in: db)
            )
        }
    }

    /// The correspondent's desk in one read: their card as routing reads it, their cases, and the
    /// recourse deadlines their directors shared.
    public struct DeskListing: Sendable {
        public var profile: (Correspondent, [Departement], [Axis])?
        public var summaries: [CaseSummary]
        public var recourse: [Int64: Day]
    }

    public func deskListing(correspondentId: Int64?) async throws -> DeskListing {
        guard let correspondentId else { return DeskListing(profile: nil, summaries: [], recourse: [:]) }
        return try await reader.read { db in
            let summaries = try Self.summaries(db, where: "f.assigneeId = ? AND f.openedAt IS NOT NULL", [correspondentId])
            let open = summaries.filter { $0.status.isOpen }.map(\.id)
            return DeskListing(
                profile: try Self.correspondentProfile(id: correspondentId, in: db), summaries: summaries,
                recourse: open.isEmpty ? [:] : try Self.sharedRecourseDeadlines(caseIds: open, in: db)
            )
        }
    }

    /// What staff must look at: opened cases nobody holds (the staff queue) and cases flagged late.
    public func casesNeedingStaff() async throws -> [CaseSummary] {
        try await reader.read(Self.casesNeedingStaff)
    }

    static func casesNeedingStaff(_ db: Database) throws -> [CaseSummary] {
        // All open: by activity alone, so SQLite reads the two statuses from their index rather
        // than walking every case in `openFirst` order. A case given to a correspondent who cannot
        // sign in (assigned before routing knew to pass over them) waits for staff too.
        try Self.summaries(db, where: """
            f.openedAt IS NOT NULL AND (f.status = \(CaseStatus.nouvelle.sql) OR (f.status = \(CaseStatus.attribuee.sql) AND (f.escalatedAt IS NOT NULL
              OR NOT EXISTS (SELECT 1 FROM user u WHERE u.correspondentId = f.assigneeId AND u.role = 'correspondant'
                             AND u.passwordHash IS NOT NULL AND u.emailConfirmedAt IS NOT NULL))))
            """, [], orderBy: "f.lastActivityAt DESC")
    }

    /// Everything a case page shows, read in one transaction.
    public struct CaseDetail: Sendable {
        public var caseFile: CaseFile
        public var axes: [Axis]
        public var situationTitle: String
        public var departementName: String
        public var employerLabel: String
        public var director: User?
        public var assignee: Correspondent?
        public var events: [TimelineEvent]
        public var messages: [ThreadMessage]
        public var notes: [CaseNote]
        /// Every file of the case, withdrawn ones included; the page shows each reader what they may see.
        public var documents: [DocumentRow]
        /// Its avis requests to experts, oldest first (read in the same transaction: one read per page).
        public var referrals: [ReferralDetail]
    }

    public struct TimelineEvent: Sendable, Equatable {
        public var event: CaseEvent
        public var actorName: String?
        public var correspondentFirstName: String?
    }

    public struct ThreadMessage: Sendable, Equatable {
        public var message: CaseMessage
        public var authorName: String?
    }

    public func caseDetail(id: Int64) async throws -> CaseDetail? {
        try await reader.read { db in try Self.caseDetail(id: id, in: db) }
    }

    static func caseDetail(id: Int64, in db: Database) throws -> CaseDetail? {
        guard let caseFile = try CaseFile.fetchOne(db.cachedStatement(sql: "SELECT * FROM caseFile WHERE id = ?"), arguments: [id]) else { return nil }
        return try caseDetail(caseFile, in: db)
    }

    static func caseDetail(_ caseFile: CaseFile, in db: Database) throws -> CaseDetail {
        let id = caseFile.id ?? 0
        // Read on every view of a case: statements prepared once per connection.
        let situationTitle = try String.fetchOne(db.cachedStatement(sql: "SELECT title FROM situation WHERE slug = ?"),
                                                 arguments: [caseFile.situationSlug])
        let departementName = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM departement WHERE code = ?"),
                                                  arguments: [caseFile.departementCode])
        var employer = caseFile.employerName
        if let code = caseFile.employerCode,
           let name = try String.fetchOne(db.cachedStatement(sql: "SELECT name FROM collectivite WHERE code = ?"), arguments: [code]) {
            employer = name
        }
        // One name for a person everywhere: a correspondent is named as on their card, whatever
        // their account says, so the case, its messages and the desk agree. Rows are decoded by
        // position (`CaseEvent.selection`, `CaseMessage.selection`): a 30-message thread is read on
        // every view, and decoding by column name cost a fifth of the page.
        let events = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(CaseEvent.selection("e")), \(Self.personName("u")) AS actorName, c.firstName AS correspondentFirstName
            FROM caseEvent e LEFT JOIN user u ON u.id = e.actorUserId LEFT JOIN correspondent c ON c.id = e.correspondentId
            WHERE e.caseId = ? ORDER BY e.at, e.id
            """), arguments: [id]).map {
            TimelineEvent(event: try CaseEvent(positional: $0), actorName: $0[CaseEvent.selectionCount],
                          correspondentFirstName: $0[CaseEvent.selectionCount + 1])
        }
        let messages = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT \(CaseMessage.selection("m")), \(Self.personName("u")) AS authorName FROM caseMessage m LEFT JOIN user u ON u.id = m.authorUserId
            WHERE m.caseId = ? ORDER BY m.at, m.id
            """), arguments: [id]).map { ThreadMessage(message: CaseMessage(positional: $0), authorName: $0[CaseMessage.selectionCount]) }
        return CaseDetail(
            caseFile: caseFile, axes: try Self.caseAxes(caseId: id, in: db),
            situationTitle: situationTitle ?? caseFile.situationSlug, departementName: departementName ?? caseFile.departementCode,
            employerLabel: employer,
            // Every query of a case page is a prepared statement kept by the connection: GRDB's query
            // interface compiles its SQL (and runs SQLite's authorizer) on every call, a tenth of the page.
            director: try caseFile.directorId.flatMap { try User.fetchOne(db.cachedStatement(sql: "SELECT * FROM user WHERE id = ?"), arguments: [$0]) },
            assignee: try caseFile.assigneeId.flatMap {
                try Correspondent.fetchOne(db.cachedStatement(sql: "SELECT * FROM correspondent WHERE id = ?"), arguments: [$0])
            },
            events: events, messages: messages,
            notes: try CaseNote.fetchAll(db.cachedStatement(sql: "SELECT * FROM caseNote WHERE caseId = ? ORDER BY at, id"), arguments: [id]),
            documents: try Self.caseDocuments(caseId: id, in: db),
            referrals: try Self.caseReferrals(caseId: id, in: db)
        )
    }

    /// A case page for one reader, read in one transaction (one hop to a reader per page): the case,
    /// whether and as whom `actor` may see it, and everything the page shows them.
    public struct CasePageData: Sendable {
        public var detail: CaseDetail
        public var role: CaseActorRole
        /// The director's deadlines, when they shared them; never read for the director themself.
        public var sharedDeadlines: [DirectorDeadline]
        /// Who looked at the case: staff only.
        public var accessHistory: [AuditEvent]
        /// The authors of the case's notes who are staff (`Policy.mayReadNote`).
        public var staffNoteAuthors: Set<Int64>
        /// Whom staff may give the case to: staff only.
        public var correspondentChoices: [CorrespondentChoice]
        /// The three questions of the closing, asked or answered; what each reader may see of them
        /// is decided by the page (`ClosingFeedbackRules.correspondentReadsComment`).
        public var feedback: CaseFeedback? = nil
    }

    public struct CorrespondentChoice: Sendable, Equatable {
        public var id: Int64
        public var label: String
    }

    /// The case `reference` as `actor` may see it, or nil (no such case, anonymised, or not theirs).
    public func casePage(reference: String, actor: Policy.Actor?) async throws -> CasePageData? {
        try await reader.read { db in
            guard let caseFile = try CaseFile.fetchOne(db.cachedStatement(sql: "SELECT * FROM caseFile WHERE reference = ?"), arguments: [reference]),
                  caseFile.anonymisedAt == nil,
                  let role = Policy.caseRole(of: actor, on: try Self.caseParties(caseFile, in: db)) else { return nil }
            let detail = try Self.caseDetail(caseFile, in: db)
            let id = caseFile.id ?? 0
            let authors = Array(Set(detail.notes.compactMap(\.authorUserId)))
            let staffAuthors = authors.isEmpty ? [] : Set(try Int64.fetchAll(db, sql: """
                SELECT id FROM user WHERE role IN ('\(Role.equipe.rawValue)', '\(Role.admin.rawValue)') AND id IN (\(authors.map { String($0) }.joined(separator: ",")))
                """))
            return CasePageData(
                detail: detail, role: role,
                sharedDeadlines: role == .director ? [] : try Self.sharedDeadlines(caseId: id, in: db),
                accessHistory: role == .staff ? try Self.caseAccessHistory(reference: reference, in: db) : [],
                staffNoteAuthors: staffAuthors,
                correspondentChoices: role == .staff ? try Self.activeCorrespondentChoices(departementCode: caseFile.departementCode, in: db) : [],
                feedback: try Self.closingFeedback(caseId: id, in: db)
            )
        }
    }

    /// SQL for the name of the person of the account `alias`: the card's name for a correspondent's
    /// account, else the account's.
    static func personName(_ alias: String) -> String {
        "COALESCE((SELECT pc.firstName || ' ' || pc.lastName FROM correspondent pc WHERE pc.id = \(alias).correspondentId), \(alias).name)"
    }

    /// The most recent lines of a case's access history a page shows.
    public static let accessHistoryLimit = 200

    /// Who looked at a case, from the audit log.
    public func caseAccessHistory(reference: String) async throws -> [AuditEvent] {
        try await reader.read { db in try Self.caseAccessHistory(reference: reference, in: db) }
    }

    static func caseAccessHistory(reference: String, in db: Database) throws -> [AuditEvent] {
        try AuditEvent.fetchAll(db.cachedStatement(sql: "SELECT * FROM auditEvent WHERE target = ? ORDER BY at DESC, id DESC LIMIT ?"),
                                arguments: ["demande \(reference)", accessHistoryLimit])
    }

    /// Active correspondents for staff choosing who gets a case in `departementCode`, with their
    /// present load: those covering a département of its région (a network of thousands would make
    /// a list nobody can read).
    static func activeCorrespondentChoices(departementCode: String, in db: Database) throws -> [CorrespondentChoice] {
        try Row.fetchAll(db, sql: """
            SELECT c.id, c.firstName, c.lastName, c.mainDepartementCode, c.capacity, c.absentUntil,
                   (SELECT count(*) FROM caseFile f WHERE f.assigneeId = c.id AND f.status IN \(CaseStatus.active.sqlList)) AS load
            FROM correspondent c
            WHERE c.active AND c.id IN (SELECT cd.correspondentId FROM correspondentDepartement cd JOIN departement d ON d.code = cd.departementCode
                                        WHERE d.regionCode = (SELECT regionCode FROM departement WHERE code = ?))
            ORDER BY c.lastName, c.firstName
            """, arguments: [departementCode]).map { row in
            let absent: String? = row["absentUntil"]
            let load: Int = row["load"], capacity: Int = row["capacity"]
            let first: String = row["firstName"], last: String = row["lastName"], departement: String = row["mainDepartementCode"]
            return CorrespondentChoice(id: row["id"], label: "\(first) \(last) (\(departement)) — \(load)/\(capacity) demandes"
                                           + (absent.map { ", absent jusqu’au \($0)" } ?? ""))
        }
    }

    // MARK: Deadlines

    /// Opened cases not accepted yet and not flagged late, entered in their wait before `cutoff`.
    public static func casesToEscalate(before cutoff: Date, in db: Database) throws -> [CaseFile] {
        try CaseFile.fetchAll(db, sql: """
            SELECT * FROM caseFile WHERE status IN \(CaseStatus.awaitingAcceptance.sqlList) AND openedAt IS NOT NULL
              AND escalatedAt IS NULL AND assignedAt <= ?
            """, arguments: [cutoff])
    }

    /// Cases waiting on their director since before `cutoff` that were not reminded yet.
    public static func casesToRemind(before cutoff: Date, in db: Database) throws -> [CaseFile] {
        try CaseFile.fetchAll(db, sql: """
            SELECT * FROM caseFile WHERE status = \(CaseStatus.enAttente.sql) AND reminderSentAt IS NULL AND waitingSince <= ?
            """, arguments: [cutoff])
    }

    // MARK: Personal data

    /// Removes what identifies the director from a closed case, keeping the figures (situation,
    /// axes, département, dates, outcome) and the timeline's shape. Messages, notes, files and what
    /// was written in avis requests go:
    /// the storage names returned are the files whose bytes the caller deletes once this commits.
    @discardableResult
    public static func anonymiseCase(id: Int64, now: Date, in db: Database) throws -> [String] {
        let documents = try deleteDocuments(caseId: id, in: db)
        try db.execute(sql: """
            UPDATE caseFile SET directorId = NULL, employerCode = NULL, employerName = '', narrative = '',
                notificationEmail = '', phone = '', callTimes = '', anonymisedAt = ?
            WHERE id = ?
            """, arguments: [now, id])
        try db.execute(sql: "DELETE FROM caseMessage WHERE caseId = ?", arguments: [id])
        try db.execute(sql: "DELETE FROM caseNote WHERE caseId = ?", arguments: [id])
        try db.execute(sql: "UPDATE caseEvent SET reason = '' WHERE caseId = ?", arguments: [id])
        // The three answers stay for the figures; the comment was written by the director.
        try db.execute(sql: "UPDATE caseFeedback SET comment = '', shareComment = 0 WHERE caseId = ?", arguments: [id])
        // Avis requests stay for the figures (field, status, dates), without what was written in them;
        // an access still live ends with the case.
        try db.execute(sql: """
            UPDATE referral SET question = '', summary = '', refusalReason = '', conflictReason = '',
                status = CASE WHEN status IN ('proposee', 'verification', 'ouverte') THEN 'terminee' ELSE status END,
                endedAt = COALESCE(endedAt, ?)
            WHERE caseId = ?
            """, arguments: [now, id])
        try db.execute(sql: "DELETE FROM referralMessage WHERE referralId IN (SELECT id FROM referral WHERE caseId = ?)", arguments: [id])
        try db.execute(sql: "DELETE FROM referralDocument WHERE referralId IN (SELECT id FROM referral WHERE caseId = ?)", arguments: [id])
        return documents
    }

    /// Closed cases past the retention period, not anonymised yet.
    public static func closedCasesToAnonymise(closedBefore cutoff: Date, in db: Database) throws -> [Int64] {
        try Int64.fetchAll(db, sql: """
            SELECT id FROM caseFile WHERE status = 'close' AND anonymisedAt IS NULL AND closedAt <= ?
            """, arguments: [cutoff])
    }
}
