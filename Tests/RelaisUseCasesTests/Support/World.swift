import Foundation
import GRDB
import Mustache
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

/// A seeded world for the use cases, without HTTP: the seeds, a département covered by exactly one
/// available correspondent (with another in its région), accounts for a director, both
/// correspondents and two staff members, and the use cases built over it with a clock the test moves.
struct World {
    static let password = "une phrase assez longue"
    static let staffAddress = "alertes@association.example"
    static let address = "192.0.2.10"

    // Words a case carries that no mail may: ASCII markers survive the mails' encodings, so a leak
    // shows in the stored bytes as well as in the decoded text.
    static let narrative = "Le maire Quintilien m’a annoncé mon départ ; je ne sais pas quoi faire. Marqueur XYLOGRAPHE."
    static let employer = "Syndicat mixte Zephyrin"
    static let phone = "06 11 22 33 44"
    static let callTimes = "après 18 h, pas le mardi"
    static let situationSlug = "fin-de-fonctions"
    static let directorName = "Ondine Vautrin"

    let database: AppDatabase
    let clock: MutableClock
    let config: AppConfig
    let useCases: UseCases
    let departement: String
    let correspondentId: Int64
    let otherCorrespondentId: Int64
    let director: User
    let correspondent: User
    let other: User
    let staff: User
    let reviewer: User

    var cases: CaseService { useCases.cases }
    var workflow: CaseWorkflow { useCases.cases.workflow }

    /// `configure` changes the test configuration (limits, four eyes) before the use cases are built.
    static func make(_ configure: (inout AppConfig) -> Void = { _ in }) async throws -> World {
        let database = try TestDatabase.seeded()
        let (departement, main, other) = try await database.reader.read { db -> (String, Int64, Int64) in
            let row = try #require(try Row.fetchOne(db, sql: """
                SELECT c.id, c.mainDepartementCode AS code,
                       (SELECT o.id FROM correspondent o JOIN correspondentDepartement od ON od.correspondentId = o.id
                        JOIN departement d2 ON d2.code = od.departementCode
                        WHERE o.id != c.id AND o.active AND o.absentUntil IS NULL AND d2.regionCode = d.regionCode
                          AND o.id IN (SELECT correspondentId FROM correspondentAxis WHERE axis = 'solidarite') LIMIT 1) AS other
                FROM correspondent c JOIN departement d ON d.code = c.mainDepartementCode
                WHERE c.active AND c.absentUntil IS NULL
                  AND c.id IN (SELECT correspondentId FROM correspondentAxis WHERE axis = 'solidarite')
                  AND (SELECT count(*) FROM correspondentDepartement cd WHERE cd.departementCode = c.mainDepartementCode) = 1
                  AND other IS NOT NULL
                ORDER BY c.id LIMIT 1
                """))
            return (row["code"], row["id"], row["other"])
        }
        let hash = try await Self.passwordHash()
        let users = try await database.writer.write { db -> [User] in
            func add(_ email: String, _ role: Role, name: String, correspondent: Int64? = nil, notification: String? = nil) throws -> User {
                var user = User(email: email, name: name, role: role, notificationEmail: notification ?? email, now: TestClock.now)
                user.passwordHash = hash
                user.emailConfirmedAt = TestClock.now
                user.correspondentId = correspondent
                user.position = role == .demandeur ? .dgs : nil
                user.departementCode = departement
                // Staff act on cases only with their second factor (`Policy.caseRole`).
                if role.isStaff { user.secondFactorAt = TestClock.now }
                try user.insert(db)
                return user
            }
            return [
                try add("directrice@mairie.example", .demandeur, name: Self.directorName, notification: "directrice.perso@exemple.fr"),
                try add("corr.principal@exemple.fr", .correspondant, name: "Correspondant Principal", correspondent: main),
                try add("corr.autre@exemple.fr", .correspondant, name: "Correspondant Autre", correspondent: other),
                try add("staff@association.example", .equipe, name: "Équipe Test"),
                try add("second.relecteur@association.example", .equipe, name: "Second Relecteur"),
            ]
        }
        var config = TestApp.config()
        config.staffEmail = staffAddress
        configure(&config)
        let clock = MutableClock()
        let useCases = try await UseCases.make(config: config, database: database, library: try Self.library.get(), clock: clock.function)
        return World(database: database, clock: clock, config: config, useCases: useCases, departement: departement, correspondentId: main,
                     otherCorrespondentId: other, director: users[0], correspondent: users[1], other: users[2], staff: users[3], reviewer: users[4])
    }

    /// The real templates, parsed once per test process.
    static let library: Result<MustacheLibrary, any Error> = Result { try TemplateLibrary.load(from: TestPaths.templates) }

    /// One bcrypt hash of `password` for every world of the process: hashing is slow on purpose.
    static func passwordHash() async throws -> String {
        try await HashCache.shared.hash(password)
    }

    private actor HashCache {
        static let shared = HashCache()
        var hashes: [String: String] = [:]

        func hash(_ password: String) async throws -> String {
            if let known = hashes[password] { return known }
            let hash = try await PasswordHasher().hash(password)
            hashes[password] = hash
            return hash
        }
    }

    // MARK: Cases

    /// A complete case form, as a signed-in director sends it.
    func draft(token: String = UUID().uuidString, departement: String? = nil) -> CaseService.Draft {
        CaseService.Draft(
            situationSlug: Self.situationSlug, axes: [.solidarite], departementCode: departement ?? self.departement, employerName: Self.employer,
            narrative: Self.narrative, urgency: "decision-annoncee", notificationEmail: director.notificationEmail, phone: Self.phone,
            callTimes: Self.callTimes, outsideDepartement: false, submissionToken: token
        )
    }

    /// Opens a case as the director; returns it as stored.
    func openCase() async throws -> CaseFile {
        let result = try await cases.submit(draft(), director: director)
        guard case .opened(let reference) = result else {
            Issue.record("the case did not open: \(result)")
            throw WorldError("the case did not open")
        }
        return try await caseFile(reference)
    }

    func caseFile(_ reference: String) async throws -> CaseFile {
        try #require(try await database.caseFile(reference: reference))
    }

    func caseFile(id: Int64) async throws -> CaseFile {
        try #require(try await database.reader.read { db in try CaseFile.fetchOne(db, key: id) })
    }

    /// Applies `action` by `actor` in `role` as one write, at the clock's time; returns the case after it.
    @discardableResult
    func apply(_ action: CaseAction, reason: String = "", to caseId: Int64, by actor: User, as role: CaseActorRole) async throws -> CaseFile {
        let (workflow, now) = (self.workflow, clock.now)
        return try await database.write { db in
            var caseFile = try #require(try CaseFile.fetchOne(db, key: caseId))
            try workflow.apply(CaseWorkflow.Act(action: action, reason: reason), to: &caseFile, actor: actor, role: role, now: now, in: db)
            return caseFile
        }
    }

    /// The event kinds of a case, oldest first.
    func eventKinds(_ caseId: Int64) async throws -> [CaseEventKind] {
        try await database.reader.read { db in
            try CaseEvent.filter(CaseEvent.Columns.caseId == caseId).order(Column("id")).fetchAll(db).map(\.kind)
        }
    }

    // MARK: Mail and audit

    /// Queued mails of `kind`, oldest first.
    func outbox(_ kind: MailKind) throws -> [OutboxMessage] {
        try database.outboxMessages(limit: 1000).filter { $0.kind == kind.rawValue }.reversed()
    }

    /// Every queued mail, oldest first.
    func outbox() throws -> [OutboxMessage] {
        try database.outboxMessages(limit: 1000).reversed()
    }

    /// The secret of the one-time link in the latest mail to `recipient`, as the mail server receives it
    /// (the stored mail holds a placeholder).
    func linkSecret(to recipient: String) throws -> String {
        let mail = try #require(try outbox().last { $0.recipient == recipient })
        let text = try #require(MIMEReader(mail.sentRaw).part("text/plain"))
        let line = try #require(text.split(whereSeparator: \.isNewline).first { $0.contains("jeton=") })
        return String(try #require(line.split(separator: "=").last))
    }

    /// Audit lines, oldest first.
    func audit(_ action: AuditAction) throws -> [AuditEvent] {
        try database.auditEvents(limit: 1000).filter { $0.action == action.rawValue }.reversed()
    }

    struct WorldError: Error, CustomStringConvertible {
        let description: String

        init(_ description: String) {
            self.description = description
        }
    }
}

extension OutboxMessage {
    /// The plain text part, decoded.
    var text: String { MIMEReader(raw).part("text/plain") ?? "" }
    /// The HTML part, decoded.
    var html: String { MIMEReader(raw).part("text/html") ?? "" }
    /// The subject as people read it.
    var decodedSubject: String { MIMEReader(raw).decodedHeader("Subject") ?? "" }
}
