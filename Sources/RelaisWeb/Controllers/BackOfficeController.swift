import Foundation
import Hummingbird
import RelaisCore
import RelaisMail
import RelaisStore

/// The back-office beyond the dashboard: case supervision, exports, the outbox's messages and the
/// correspondents. Staff and admin only (`Policy.Action.useBackOffice`); lists never show a narrative.
struct BackOfficeController: Sendable {
    let cases: CaseService
    let accounts: AccountService
    let sessions: Sessions
    let database: AppDatabase
    let renderer: PageRenderer
    let config: AppConfig
    let clock: @Sendable () -> Date

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staffCases, use: supervision)
        router.get(SiteURL.Route.staffCaseExport, use: caseExport)
        router.get(SiteURL.Route.staffDirectoryExport, use: directoryExport)
        router.post(SiteURL.Route.staffOutboxRetryFailed, use: retryFailed)
        router.get(SiteURL.Route.staffOutboxMessage, use: outboxMessage)
        router.post(SiteURL.Route.staffOutboxRetry, use: retry)
        router.get(SiteURL.Route.staffCorrespondents, use: correspondents)
        router.get(SiteURL.Route.staffCorrespondent, use: correspondent)
        router.post(SiteURL.Route.staffCorrespondent, use: saveCorrespondent)
        router.post(SiteURL.Route.staffCorrespondentInvitation, use: inviteCorrespondent)
    }

    // MARK: Case supervision

    struct SupervisionPage: Sendable {
        let layout: LayoutModel
        let statuses: [FormOption]
        let axes: [FormOption]
        let regions: [FormOption]
        let lateOnly: Bool
        let cases: [CaseController.CaseRow]
        let count: Int
        let pagination: Pagination?
        let exportURL: String
    }

    /// Every opened case, filtered by status, axis, région or lateness (a GET form: no JavaScript).
    @Sendable func supervision(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffCases.path)
        let query = request.uri.queryParameters
        let status = query["statut"].flatMap { CaseStatus(rawValue: String($0)) }
        let axis = query["axe"].flatMap { Axis(rawValue: String($0)) }
        let regions = try await database.regions()
        let region = query["region"].map(String.init).flatMap { code in regions.contains { $0.code == code } ? code : nil }
        let lateOnly = query["retard"] == "oui"
        let now = clock()
        let pageNumber = Pagination.page(of: request)
        let (summaries, hasMore) = try await database.supervisedCases(status: status, axis: axis, regionCode: region, lateOnly: lateOnly,
                                                                     limit: Pagination.pageSize, offset: Pagination.offset(page: pageNumber))
        var filters: [(String, String)] = []
        if let status { filters.append(("statut", status.rawValue)) }
        if let axis { filters.append(("axe", axis.rawValue)) }
        if let region { filters.append(("region", region)) }
        if lateOnly { filters.append(("retard", "oui")) }
        let page = SupervisionPage(
            layout: LayoutModel(title: "Demandes", section: .staff, config: config, context: context),
            statuses: CaseStatus.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == status) },
            axes: Axis.allCases.map { FormOption(value: $0.rawValue, label: $0.label, selected: $0 == axis) },
            regions: regions.map { FormOption(value: $0.code, label: $0.name, selected: $0.code == region) },
            lateOnly: lateOnly,
            cases: summaries.map { summary in
                CaseController.CaseRow(
                    summary, status: CaseController.CaseRow.handlerStatus(summary) + (summary.assigneeFirstName.map { " · \($0)" } ?? ""),
                    opened: CaseController.CaseRow.openedAgo(summary, now: now) + " · département \(summary.departementCode)",
                    late: summary.escalated && summary.status.isOpen, now: now
                )
            },
            count: summaries.count,
            pagination: Pagination(page: pageNumber, hasNext: hasMore) { SiteURL.staffCases.absolute(base: "", query: filters + [("page", String($0))]) },
            exportURL: SiteURL.staffCaseExport.path
        )
        return renderer.page(page, .staffCases)
    }

    // MARK: Exports

    /// Anonymised case statistics: no name, narrative, employer or contact detail.
    @Sendable func caseExport(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staff.path)
        var csv = CSV(header: ["reference", "mois_ouverture", "situation", "axes", "departement", "region", "urgence", "statut", "issue",
                               "heures_avant_acceptation", "heures_avant_cloture", "hors_departement"])
        for row in try await database.caseStatistics() {
            csv.append([row.reference, row.openedMonth, row.situation, row.axes, row.departementCode, row.regionCode, row.urgency, row.status,
                        row.outcome, row.hoursToAcceptance.map { String($0) } ?? "", row.hoursToClosure.map { String($0) } ?? "",
                        row.outsideDepartement ? "oui" : "non"])
        }
        try await database.audit(AuditEvent(at: clock(), actorUserId: user.id, actorEmail: user.email, action: "export_statistiques",
                                            target: "demandes.csv", address: context.clientAddress))
        return csv.response(filename: "relais-demandes-statistiques.csv")
    }

    /// The directory: correspondents (no contact address) and partners (their public contact).
    @Sendable func directoryExport(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staff.path)
        var csv = CSV(header: ["type", "nom", "fonction_ou_categorie", "departement_principal", "departements_ou_regions", "axes", "capacite",
                               "absent_jusqu_au", "actif", "site"])
        for row in try await database.correspondentRows() {
            let c = row.correspondent
            csv.append(["correspondant", "\(c.firstName) \(c.lastName)", c.position, c.mainDepartementCode, row.departementCodes.joined(separator: " "),
                        row.axes.map(\.rawValue).joined(separator: " "), String(c.capacity), c.absentUntil?.iso ?? "", c.active ? "oui" : "non", ""])
        }
        for (partner, regions, axes) in try await database.partnerRows() {
            csv.append(["partenaire", partner.name, partner.kind.label, "", partner.national ? "national" : regions.joined(separator: " "),
                        axes.map(\.rawValue).joined(separator: " "), "", "", partner.archived ? "non" : "oui", partner.website])
        }
        try await database.audit(AuditEvent(at: clock(), actorUserId: user.id, actorEmail: user.email, action: "export_annuaire",
                                            target: "annuaire.csv", address: context.clientAddress))
        return csv.response(filename: "relais-annuaire.csv")
    }

    // MARK: Outbox

    struct OutboxMessagePage: Sendable {
        struct Attempt: Sendable {
            let at: String
            let outcome: String
            let detail: String
        }

        let layout: LayoutModel
        let csrf: String
        let id: Int64
        let status: String
        let kind: String
        let headers: [String]
        let text: String
        /// The message holds a one-time link: its text stays hidden.
        let carriesSecret: Bool
        let attempts: [Attempt]
        let canRetry: Bool
        let retryURL: String
        let backURL: String
    }

    /// A message as it was (or will be) sent: headers and text. In the demo this is the letter
    /// opener that shows the notifications without a mail server.
    @Sendable func outboxMessage(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffOutbox.path)
        guard let id = context.parameters.get("id", as: Int64.self), let message = try database.outboxMessage(id: id) else {
            throw HTTPError(.notFound)
        }
        let session = try await sessions.ensure(context)
        let reader = MIMEReader(message.raw)
        try await database.audit(AuditEvent(at: clock(), actorUserId: user.id, actorEmail: user.email, action: "lecture_courrier",
                                            target: "message \(id)", address: context.clientAddress))
        let page = OutboxMessagePage(
            layout: LayoutModel(title: "Message \(id)", section: .staff, config: config, context: context),
            csrf: session.csrfToken, id: id, status: StaffController.outboxLabels[message.status] ?? message.status.rawValue, kind: message.kind,
            headers: ["From", "To", "Subject", "Date", "Message-ID"].compactMap { name in reader.decodedHeader(name).map { "\(name): \($0)" } },
            // A one-time link is never shown: it would let staff open someone else's account.
            text: message.carriesSecret ? "" : reader.part("text/plain") ?? message.raw,
            carriesSecret: message.carriesSecret,
            attempts: try database.outboxAttempts(messageId: id).map {
                .init(at: StaffController.format($0.startedAt), outcome: $0.outcome, detail: $0.detail)
            },
            canRetry: message.status == .failed || message.status == .pending,
            retryURL: SiteURL.staffOutboxRetry(id).path, backURL: SiteURL.staffOutbox.path
        )
        return renderer.page(page, .staffOutboxMessage)
    }

    @Sendable func retry(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffOutbox.path)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        guard try database.retryOutboxMessage(id: id, now: clock()) else { throw HTTPError(.notFound) }
        try await database.audit(AuditEvent(at: clock(), actorUserId: user.id, actorEmail: user.email, action: "courrier_renvoye",
                                            target: "message \(id)", address: context.clientAddress))
        throw Redirect(location: SiteURL.staffOutboxMessage(id).path)
    }

    @Sendable func retryFailed(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffOutbox.path)
        let count = try database.retryFailedOutboxMessages(now: clock())
        try await database.audit(AuditEvent(at: clock(), actorUserId: user.id, actorEmail: user.email, action: "courrier_renvoye",
                                            target: "\(count) message(s) en échec", address: context.clientAddress))
        throw Redirect(location: SiteURL.staffOutbox.path + "?renvoyes=\(count)")
    }

    // MARK: Correspondents

    struct CorrespondentLine: Sendable {
        let url: String
        let name: String
        let departements: String
        let axes: String
        let load: String
        let state: String
        let account: String?
    }

    struct CorrespondentsPage: Sendable {
        let layout: LayoutModel
        let lines: [CorrespondentLine]
        let count: Int
        let pagination: Pagination?
        let directoryExportURL: String
    }

    @Sendable func correspondents(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffCorrespondents.path)
        let today = Day(clock())
        let pageNumber = Pagination.page(of: request)
        let (rows, total) = try await database.correspondentRows(limit: Pagination.pageSize, offset: Pagination.offset(page: pageNumber))
        let page = CorrespondentsPage(
            layout: LayoutModel(title: "Correspondants", section: .staff, config: config, context: context),
            lines: rows.map { row in
                let c = row.correspondent
                let state = !c.active ? "Désactivé" : (c.absentUntil.map { $0 >= today ? "Absent jusqu’au \($0.frenchLong)" : nil } ?? nil) ?? "Disponible"
                return CorrespondentLine(url: SiteURL.staffCorrespondent(c.id ?? 0).path, name: "\(c.firstName) \(c.lastName)",
                                         departements: row.departementCodes.joined(separator: ", "), axes: row.axes.map(\.label).joined(separator: ", "),
                                         load: "\(row.load)/\(c.capacity)", state: state, account: row.accountEmail)
            },
            count: total,
            pagination: Pagination(page: pageNumber, hasNext: Pagination.offset(page: pageNumber) + rows.count < total, total: total) {
                SiteURL.staffCorrespondents.absolute(base: "", query: [("page", String($0))])
            },
            directoryExportURL: SiteURL.staffDirectoryExport.path
        )
        return renderer.page(page, .staffCorrespondents)
    }

    struct CorrespondentPage: Sendable {
        let layout: LayoutModel
        let csrf: String
        let notice: String?
        let name: String
        let position: String
        let account: String?
        let action: String
        let invitationAction: String
        let departements: FormField
        let axes: [CaseFormController.Check]
        let axesError: String?
        let capacity: FormField
        let absent: FormField
        let active: Bool
        let load: Int
        let inviteEmail: FormField
        let errors: [FormErrors.ErrorLink]
    }

    private func correspondentPage(_ context: RelaisRequestContext, id: Int64, typed: FormData? = nil, errors: FormErrors = FormErrors(),
                                   notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let row = try await database.correspondentRow(id: id) else { throw HTTPError(.notFound) }
        let session = try await sessions.ensure(context)
        let c = row.correspondent
        let checkedAxes = typed.map { form in Set(Axis.allCases.filter { form.has("axe_\($0.rawValue)") }) } ?? Set(row.axes)
        let page = CorrespondentPage(
            layout: LayoutModel(title: "\(c.firstName) \(c.lastName)", section: .staff, config: config, context: context),
            csrf: session.csrfToken, notice: notice, name: "\(c.firstName) \(c.lastName)", position: c.position, account: row.accountEmail,
            action: SiteURL.staffCorrespondent(id).path, invitationAction: SiteURL.staffCorrespondentInvitation(id).path,
            departements: FormField("departements", label: "Départements couverts", value: typed?["departements"] ?? row.departementCodes.joined(separator: " "),
                                    hint: "Codes séparés par des espaces, le département principal (\(c.mainDepartementCode)) compris : par exemple « 33 24 47 ».",
                                    error: errors["departements"]),
            axes: Axis.allCases.map { CaseFormController.Check(name: "axe_\($0.rawValue)", label: $0.label, hint: nil, checked: checkedAxes.contains($0)) },
            axesError: errors["axes"],
            capacity: FormField("capacite", label: "Capacité (demandes actives au plus)", type: "number",
                                value: typed?["capacite"] ?? String(c.capacity), error: errors["capacite"]),
            absent: FormField("absent_jusqu", label: "Absent jusqu’au", type: "date", value: typed?["absent_jusqu"] ?? c.absentUntil?.iso ?? "",
                              hint: "Vide : disponible.", error: errors["absent_jusqu"], required: false),
            active: typed.map { $0.has("actif") } ?? c.active,
            load: row.load,
            inviteEmail: FormField("email", label: "Adresse pour l’invitation", type: "email", value: typed?["email"] ?? c.email,
                                   error: errors["email"], autocomplete: "off"),
            errors: errors.summary
        )
        return renderer.page(page, .staffCorrespondent, status: status)
    }

    @Sendable func correspondent(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffCorrespondents.path)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        let notice: String? = switch request.uri.queryParameters["message"] {
        case "enregistre": "Modifications enregistrées."
        case "invite": "Invitation envoyée."
        default: nil
        }
        return try await correspondentPage(context, id: id, notice: notice)
    }

    /// Saves coverage, axes, capacity, absence and activity. Deactivating routes their open cases again.
    @Sendable func saveCorrespondent(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffCorrespondents.path)
        guard let id = context.parameters.get("id", as: Int64.self),
              let row = try await database.correspondentRow(id: id) else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        var errors = FormErrors()
        let known = Set(try await database.departements().map(\.code))
        let codes = form["departements"].split(whereSeparator: { $0 == " " || $0 == "," }).map(String.init)
        if codes.isEmpty || codes.contains(where: { !known.contains($0) }) || codes.count > 30 {
            errors.add("departements", "Indiquez des codes de département existants, séparés par des espaces (par exemple « 33 24 »).")
        }
        let axes = Axis.allCases.filter { form.has("axe_\($0.rawValue)") }
        if axes.isEmpty { errors.add("axes", "Cochez au moins un axe.") }
        let capacity = Int(form["capacite"])
        if capacity == nil || !(0...DeskController.maximumCapacity).contains(capacity!) {
            errors.add("capacite", "Indiquez un nombre entre 0 et \(DeskController.maximumCapacity).")
        }
        var absentUntil: Day?
        if !form["absent_jusqu"].isEmpty {
            absentUntil = Day(iso: form["absent_jusqu"]) ?? DeskController.frenchDay(form["absent_jusqu"])
            if absentUntil == nil { errors.add("absent_jusqu", "Cette date n’est pas valide : écrivez-la par exemple 31/12/2026.") }
        }
        guard errors.isEmpty, let capacity else {
            return try await correspondentPage(context, id: id, typed: form, errors: errors, status: .unprocessableContent)
        }
        var departements = Set(codes)
        departements.insert(row.correspondent.mainDepartementCode)
        try await cases.updateCorrespondent(id: id, departements: departements, axes: axes, capacity: capacity, absentUntil: absentUntil,
                                            active: form.has("actif"), by: user, address: context.clientAddress)
        throw Redirect(location: SiteURL.staffCorrespondent(id).path + "?message=enregistre")
    }

    /// Invites the correspondent to create their account, linked to this card.
    @Sendable func inviteCorrespondent(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffCorrespondents.path)
        guard let id = context.parameters.get("id", as: Int64.self),
              let row = try await database.correspondentRow(id: id) else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        var errors = FormErrors()
        let email = errors.checkEmail(form["email"], field: "email", required: true) ?? ""
        if row.accountEmail != nil { errors.add("email", "Ce correspondant a déjà un compte.") }
        if errors.isEmpty {
            do {
                _ = try await accounts.invite(email: email, name: "\(row.correspondent.firstName) \(row.correspondent.lastName)", role: .correspondant,
                                              correspondentId: id, invitedBy: user.email)
                throw Redirect(location: SiteURL.staffCorrespondent(id).path + "?message=invite")
            } catch is AccountService.InvitationError {
                errors.add("email", "Un compte existe déjà avec cette adresse.")
            }
        }
        return try await correspondentPage(context, id: id, typed: form, errors: errors, status: .unprocessableContent)
    }
}

/// A CSV file for spreadsheets: `;`-free RFC 4180 with a BOM so Excel reads UTF-8, every field
/// quoted, and cells that a spreadsheet would run as a formula defused with a leading quote.
struct CSV {
    private var lines: [String]

    init(header: [String]) {
        lines = [Self.line(header)]
    }

    mutating func append(_ fields: [String]) {
        lines.append(Self.line(fields))
    }

    static func line(_ fields: [String]) -> String {
        fields.map { field in
            var value = field
            if let first = value.first, "=+-@\t\r".contains(first) { value = "'" + value }
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }.joined(separator: ",")
    }

    func response(filename: String) -> Response {
        Response(
            status: .ok,
            headers: [.contentType: "text/csv; charset=utf-8", .contentDisposition: "attachment; filename=\"\(filename)\""],
            body: .init(byteBuffer: ByteBuffer(string: "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"))
        )
    }
}
