import Foundation
import Hummingbird
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

/// `/equipe/experts`: staff keep the list of experts (only those listed can be asked for an avis) and
/// read the figures of the avis, by field. Every change is in the audit log.
struct StaffExpertsController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    var referrals: ReferralService { parts.useCases.referrals }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staffExperts, use: index)
        router.post(SiteURL.Route.staffExperts, use: add)
        router.post(SiteURL.Route.staffExpert, use: toggle)
    }

    /// `partenaire-ID` or `reseau-ID`; anything else links to nothing.
    static func link(_ value: String) -> (partnerId: Int64?, networkId: Int64?) {
        if value.hasPrefix("partenaire-") { return (Int64(value.dropFirst("partenaire-".count)), nil) }
        if value.hasPrefix("reseau-") { return (nil, Int64(value.dropFirst("reseau-".count))) }
        return (nil, nil)
    }

    @Sendable func index(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffExperts.path)
        return try await page(context, notice: StaffExpertsPage.notice(request.uri.queryParameters["message"].map(String.init)))
    }

    func page(_ context: RelaisRequestContext, typed: StaffExpertsPage.Typed = .init(), errors: FormErrors = FormErrors(), notice: String? = nil,
              status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = StaffExpertsPage(experts: try await database.experts(), regions: try await database.regions(),
                                    partners: try await database.partners(kind: nil, axis: nil, regionCode: nil), networks: try await database.networksByName(),
                                    figures: try await database.referralFigures(),
                                    typed: typed, errors: errors, notice: notice, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// Adds an expert, inviting them when they have no account.
    @Sendable func add(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffExperts.path)
        let form = context.form ?? FormData(fields: [:])
        let regions = try await database.regions()
        let typed = StaffExpertsPage.Typed(email: form["email"], name: form["nom"], organisation: form["organisation"], field: form["domaine"],
                                           link: form["lien"], regions: Set(regions.map(\.code).filter { form["region-\($0)"] == "oui" }))
        let (partnerId, networkId) = Self.link(form["lien"])
        var errors = FormErrors()
        if (try? MailAddress(typed.email)) == nil { errors.add("email", "Indiquez une adresse électronique valide, par exemple prenom.nom@cabinet.fr.") }
        if typed.name.isEmpty || typed.name.count > 120 { errors.add("nom", "Indiquez le nom de l’expert (120 caractères au plus).") }
        if typed.organisation.isEmpty || typed.organisation.count > 200 { errors.add("organisation", "Indiquez sa structure (200 caractères au plus).") }
        let field = ExpertField(rawValue: typed.field)
        if field == nil { errors.add("domaine", "Choisissez un domaine.") }
        if errors.isEmpty, let field {
            do {
                _ = try await referrals.addExpert(email: typed.email, .init(name: typed.name, field: field, organisation: typed.organisation,
                                                                         regions: Array(typed.regions), partnerId: partnerId, networkId: networkId),
                                                  accounts: parts.useCases.accounts, by: user, address: context.clientAddress)
                throw Redirect(location: SiteURL.staffExperts.path + "?message=ajoute")
            } catch ReferralService.ExpertError.addressTaken {
                errors.add("email", "Cette adresse est celle d’un compte qui n’est pas un compte d’expert (directeur, correspondant, équipe).")
            } catch ReferralService.ExpertError.alreadyListed {
                errors.add("email", "Cet expert est déjà dans la liste.")
            }
        }
        return try await page(context, typed: typed, errors: errors, status: .unprocessableContent)
    }

    /// Changes an expert's card (`modifier`), or takes them off the list (they lose access to every
    /// request at once) or back on it (`actif`).
    @Sendable func toggle(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffExperts.path)
        guard let id = context.parameters.get("expert", as: Int64.self),
              let expert = try await database.experts().map(\.expert).first(where: { $0.id == id }) else { throw HTTPError(.notFound) }
        let form = context.form ?? FormData(fields: [:])
        var card = ReferralService.ExpertForm(name: expert.name, field: expert.field, organisation: expert.organisation, regions: expert.regionCodes,
                                              partnerId: expert.partnerId, networkId: expert.networkId)
        var active = expert.active
        if form["modifier"] == "oui" {
            let regions = try await database.regions()
            guard let field = ExpertField(rawValue: form["domaine"]), !form["nom"].isEmpty, form["nom"].count <= 120,
                  !form["organisation"].isEmpty, form["organisation"].count <= 200 else {
                var errors = FormErrors()
                errors.add("nom", "Pour modifier un expert, indiquez son nom, sa structure et son domaine.")
                return try await page(context, errors: errors, status: .unprocessableContent)
            }
            let (partnerId, networkId) = Self.link(form["lien"])
            card = .init(name: form["nom"], field: field, organisation: form["organisation"],
                         regions: regions.map(\.code).filter { form["region-\($0)"] == "oui" }, partnerId: partnerId, networkId: networkId)
        } else {
            active = form["actif"] == "oui"
        }
        try await referrals.updateExpert(id: id, card, active: active, by: user, address: context.clientAddress)
        throw Redirect(location: SiteURL.staffExperts.path + "?message=modifie")
    }
}
