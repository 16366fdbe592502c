import Foundation
import Hummingbird
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

/// The network as staff manage it: the list of correspondents (and who cannot yet receive cases),
/// one correspondent's card, and invitations to create the accounts routing needs.
extension BackOfficeController {

    /// Why routing gives no case to a correspondent, in staff's words; nil when it may.
    static func unreachableReason(_ row: AppDatabase.CorrespondentRow) -> String? {
        guard row.correspondent.active, !row.canSignIn else { return nil }
        return row.accountEmail == nil ? "Pas de compte\u{00A0}: ne reçoit aucune demande" : "Invité, pas encore inscrit\u{00A0}: ne reçoit aucune demande"
    }

    @Sendable func correspondents(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffCorrespondents.path)
        let today = Day(clock())
        let pageNumber = Pagination.page(of: request)
        let unreachableOnly = request.uri.queryParameters["joignable"] == "non"
        let (rows, total) = try await database.correspondentRows(limit: Pagination.pageSize, offset: Pagination.offset(page: pageNumber),
                                                                 unreachableOnly: unreachableOnly)
        let session = try await sessions.ensure(context)
        let invited = request.uri.queryParameters["invites"].flatMap { Int(String($0)) }
        let page = StaffCorrespondentsPage(
            layout: LayoutModel(title: "Correspondants", section: .staff, config: config, context: context),
            lines: rows.map { row in
                let c = row.correspondent
                let state = !c.active ? "Désactivé" : (c.absentUntil.map { $0 >= today ? "Absent jusqu’au \($0.frenchLong)" : nil } ?? nil) ?? "Disponible"
                return StaffCorrespondentsPage.CorrespondentLine(url: SiteURL.staffCorrespondent(c.id ?? 0).path, name: "\(c.firstName) \(c.lastName)",
                                         departements: row.departementCodes.joined(separator: ", "), axes: row.axes.map(\.label).joined(separator: ", "),
                                         load: "\(row.load)/\(c.capacity)", state: state, account: row.accountEmail,
                                         unreachable: Self.unreachableReason(row))
            },
            count: total,
            pagination: Pagination(page: pageNumber, hasNext: Pagination.offset(page: pageNumber) + rows.count < total, total: total) {
                SiteURL.staffCorrespondents.absolute(base: "", query: (unreachableOnly ? [("joignable", "non")] : []) + [("page", String($0))])
            },
            directoryExportURL: SiteURL.staffDirectoryExport.path,
            csrf: session.csrfToken,
            notice: invited.map { $0 == 1 ? "1 invitation envoyée." : "\($0) invitations envoyées." },
            unreachableOnly: unreachableOnly,
            unreachableCount: try await database.unreachableCorrespondentCount().nonZero,
            unreachableURL: SiteURL.staffCorrespondents.absolute(base: "", query: [("joignable", "non")]),
            allURL: SiteURL.staffCorrespondents.path,
            toInvite: try await database.correspondentsToInvite().count.nonZero,
            invitationsAction: SiteURL.staffCorrespondentInvitations.path
        )
        return renderer.page(page)
    }

    private func correspondentPage(_ context: RelaisRequestContext, id: Int64, typed: FormData? = nil, errors: FormErrors = FormErrors(),
                                   notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let row = try await database.correspondentRow(id: id) else { throw HTTPError(.notFound) }
        let session = try await sessions.ensure(context)
        let c = row.correspondent
        let checkedAxes = typed.map { form in Set(Axis.allCases.filter { form.has("axe_\($0.rawValue)") }) } ?? Set(row.axes)
        let page = StaffCorrespondentPage(
            layout: LayoutModel(title: "\(c.firstName) \(c.lastName)", section: .staff, config: config, context: context),
            csrf: session.csrfToken, notice: notice, name: "\(c.firstName) \(c.lastName)", position: c.position, account: row.accountEmail,
            pendingInvitation: row.accountEmail != nil && !row.canSignIn,
            action: SiteURL.staffCorrespondent(id).path, invitationAction: SiteURL.staffCorrespondentInvitation(id).path,
            departements: FormField("departements", label: "Départements couverts", value: typed?["departements"] ?? row.departementCodes.joined(separator: " "),
                                    hint: "Codes séparés par des espaces, le département principal (\(c.mainDepartementCode)) compris\u{00A0}: par exemple « 33 24 47 ».",
                                    error: errors["departements"]),
            axes: Axis.allCases.map { CheckField(name: "axe_\($0.rawValue)", label: $0.label, hint: nil, checked: checkedAxes.contains($0)) },
            axesError: errors["axes"],
            capacity: FormField("capacite", label: "Capacité (demandes actives au plus)", type: "number",
                                value: typed?["capacite"] ?? String(c.capacity), error: errors["capacite"]),
            absent: FormField("absent_jusqu", label: "Absent jusqu’au", type: "date", value: typed?["absent_jusqu"] ?? c.absentUntil?.iso ?? "",
                              hint: "Vide\u{00A0}: disponible.", error: errors["absent_jusqu"], required: false),
            active: typed.map { $0.has("actif") } ?? c.active,
            load: row.load,
            inviteEmail: FormField("email", label: "Adresse pour l’invitation", type: "email", value: typed?["email"] ?? c.email,
                                   error: errors["email"], autocomplete: "off"),
            errors: errors.summary
        )
        return renderer.page(page, status: status)
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
        if capacity == nil || !(0...CaseRouting.maximumCapacity).contains(capacity!) {
            errors.add("capacite", "Indiquez un nombre entre 0 et \(CaseRouting.maximumCapacity).")
        }
        var absentUntil: Day?
        if !form["absent_jusqu"].isEmpty {
            absentUntil = Day(iso: form["absent_jusqu"]) ?? Day(french: form["absent_jusqu"])
            if absentUntil == nil { errors.add("absent_jusqu", "Cette date n’est pas valide\u{00A0}: écrivez-la par exemple 31/12/2026.") }
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

    /// Invites every active correspondent that no account speaks for, at the address on their card:
    /// until they accept, routing gives them nothing and their cases would wait in the staff queue.
    @Sendable func inviteCorrespondents(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffCorrespondents.path)
        var sent = 0
        for c in try await database.correspondentsToInvite() {
            do {
                _ = try await accounts.invite(email: c.email, name: "\(c.firstName) \(c.lastName)", role: .correspondant,
                                              correspondentId: c.id, invitedBy: user.email)
                sent += 1
            } catch is AccountService.InvitationError {
                continue
            } catch is MailError {
                continue
            }
        }
        throw Redirect(location: SiteURL.staffCorrespondents.absolute(base: "", query: [("joignable", "non"), ("invites", String(sent))]))
    }
}
