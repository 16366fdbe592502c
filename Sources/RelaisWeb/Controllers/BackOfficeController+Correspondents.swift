import Foundation
import Hummingbird
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

/// The network as staff manage it: the list of correspondents (and who cannot yet receive cases),
/// one correspondent's card, and invitations to create the accounts routing needs.
extension BackOfficeController {

    @Sendable func correspondents(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffCorrespondents.path)
        let pageNumber = Pagination.page(of: request)
        let unreachableOnly = request.uri.queryParameters["joignable"] == "non"
        let (rows, total) = try await database.correspondentRows(limit: Pagination.pageSize, offset: Pagination.offset(page: pageNumber),
                                                                 unreachableOnly: unreachableOnly)
        let session = try await sessions.ensure(context)
        let unreachable = try await database.unreachableCorrespondentCount()
        let toInvite = try await database.correspondentsToInvite().count
        let page = StaffCorrespondentsPage(
            rows: rows, total: total, pageNumber: pageNumber, unreachableOnly: unreachableOnly, unreachable: unreachable, toInvite: toInvite,
            invited: request.uri.queryParameters["invites"].flatMap { Int(String($0)) }, today: Day(clock()), csrf: session.csrfToken,
            viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        return renderer.page(page)
    }

    private func correspondentPage(_ context: RelaisRequestContext, id: Int64, typed: FormData? = nil, errors: FormErrors = FormErrors(),
                                   notice: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        guard let row = try await database.correspondentRow(id: id) else { throw HTTPError(.notFound) }
        let session = try await sessions.ensure(context)
        let page = StaffCorrespondentPage(id: id, row: row, typed: typed, errors: errors, notice: notice, csrf: session.csrfToken,
                                          viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    @Sendable func correspondent(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffCorrespondents.path)
        guard let id = context.parameters.get("id", as: Int64.self) else { throw HTTPError(.notFound) }
        let notice = StaffCorrespondentPage.notice(request.uri.queryParameters["message"].map(String.init))
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
