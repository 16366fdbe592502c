import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Staff curate the partners, the networks and the ateliers: create, edit, archive. Rows staff touch are marked so
/// that `relais seed` no longer overwrites them; past ateliers archive themselves (`AtelierArchiveJob`).
struct StaffNetworkController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.staffPartners, use: partners)
        router.get(SiteURL.Route.staffPartner, use: partnerForm)
        router.post(SiteURL.Route.staffPartner, use: savePartner)
        router.get(SiteURL.Route.staffNetworks, use: networks)
        router.get(SiteURL.Route.staffNetwork, use: networkForm)
        router.post(SiteURL.Route.staffNetwork, use: saveNetwork)
        router.get(SiteURL.Route.staffAteliers, use: ateliers)
        router.get(SiteURL.Route.staffAtelier, use: atelierForm)
        router.post(SiteURL.Route.staffAtelier, use: saveAtelier)
    }

    /// `nouveau` or an existing id; anything else is a 404.
    private func target(_ context: RelaisRequestContext) throws -> Int64? {
        let text = context.parameters.get("id") ?? ""
        if text == "nouveau" { return nil }
        guard let id = Int64(text) else { throw HTTPError(.notFound) }
        return id
    }

    // MARK: Partners

    @Sendable func partners(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffPartners.path)
        let rows = try await database.partnerRows()
        return renderer.page(ListPage(partners: rows, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    @Sendable func partnerForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffPartners.path)
        let id = try target(context)
        var values: [String: String] = [:], axes: Set<Axis> = [], regions: Set<String> = [], national = false, archived = false
        if let id {
            guard let (partner, partnerRegions, partnerAxes) = try await database.partnerRows().first(where: { $0.partner.id == id }) else {
                throw HTTPError(.notFound)
            }
            values = ["nom": partner.name, "categorie": partner.kind.rawValue, "contact": partner.contactName, "email": partner.email,
                      "telephone": partner.phone, "site": partner.website, "offre": partner.offer, "description": partner.description]
            axes = Set(partnerAxes); regions = Set(partnerRegions); national = partner.national; archived = partner.archived
        }
        let allRegions = try await database.regions()
        let session = try await sessions.ensure(context)
        let page = NetworkEditorPage(
            partner: id, name: values["nom"], values: values, axes: axes, regions: regions, national: national, archived: archived,
            allRegions: allRegions, errors: FormErrors(), notice: NetworkEditorPage.notice(request.uri.queryParameters["message"].map(String.init)),
            csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        return renderer.page(page)
    }

    @Sendable func savePartner(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffPartners.path)
        let id = try target(context)
        let form = context.form ?? FormData(fields: [:])
        let allRegions = try await database.regions()
        let names = ["nom", "categorie", "contact", "email", "telephone", "site"]
        let values = Dictionary(uniqueKeysWithValues: names.map { ($0, form[$0]) } + ["offre", "description"].map { ($0, form.text($0)) })
        let axes = Set(Axis.allCases.filter { form.has("axe_\($0.rawValue)") })
        let regions = Set(allRegions.map(\.code).filter { form.has("region_\($0)") })
        let national = form.has("national"), archived = form.has("archive")
        var errors = FormErrors()
        if values["nom"]!.isEmpty || values["nom"]!.count > 200 { errors.add("nom", "Indiquez le nom du partenaire (200 caractères au plus).") }
        let kind = PartnerKind(rawValue: values["categorie"]!)
        if kind == nil { errors.add("categorie", "Choisissez une catégorie.") }
        if axes.isEmpty { errors.add("axes", "Cochez au moins un axe.") }
        if !national, regions.isEmpty { errors.add("regions", "Cochez au moins une région, ou « Intervient partout en France ».") }
        let email = values["email"]!.isEmpty ? "" : (errors.checkEmail(values["email"]!, field: "email", required: false) ?? "")
        errors.checkPhone(values["telephone"]!)
        errors.checkWebsite(values["site"]!)
        for name in ["offre", "description"] where values[name]!.count > 4000 { errors.add(name, "Ce texte est trop long (4 000 caractères au plus).") }
        guard errors.isEmpty, let kind else {
            let session = try await sessions.ensure(context)
            let page = NetworkEditorPage(
                partner: id, name: nil, values: values, axes: axes, regions: regions, national: national, archived: archived,
                allRegions: allRegions, errors: errors, notice: nil, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo
            )
            return renderer.page(page, status: .unprocessableContent)
        }
        let savedId = try await network.savePartner(id: id, .init(
            name: values["nom"]!, kind: kind, national: national, contactName: values["contact"]!, email: email, phone: values["telephone"]!,
            website: values["site"]!, offer: values["offre"]!, description: values["description"]!, archived: archived,
            axes: Axis.allCases.filter(axes.contains), regions: regions.sorted()
        ), by: user, address: context.clientAddress)
        throw Redirect(location: SiteURL.staffPartner(String(savedId)).path + "?message=enregistre")
    }

    // MARK: Ateliers

    @Sendable func ateliers(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffAteliers.path)
        let rows = try await database.ateliersForStaff()
        let counts = try await database.atelierRegistrationCounts()
        return renderer.page(ListPage(ateliers: rows, counts: counts, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    @Sendable func atelierForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffAteliers.path)
        let id = try target(context)
        var values: [String: String] = [:], online = false, archived = false
        if let id {
            guard let atelier = try await database.atelier(id: id) else { throw HTTPError(.notFound) }
            values = ["titre": atelier.title, "axe": atelier.axis.rawValue, "debut": atelier.startsAt, "fin": atelier.endsAt, "lieu": atelier.place,
                      "region": atelier.regionCode ?? "", "reseau": atelier.networkId.map(String.init) ?? "", "description": atelier.description,
                      "places": atelier.capacity.map(String.init) ?? "", "acces": atelier.accessDetails]
            online = atelier.online; archived = atelier.archived
        }
        let networks = try await database.networksByName()
        let regions = try await database.regions()
        let session = try await sessions.ensure(context)
        var page = NetworkEditorPage(
            atelier: id, name: values["titre"], values: values, online: online, archived: archived, regions: regions, networks: networks,
            errors: FormErrors(), notice: NetworkEditorPage.notice(request.uri.queryParameters["message"].map(String.init)),
            csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        if let id { page.related = [.init(url: SiteURL.staffAtelierRegistrations(id).path, label: "Inscriptions, liste d’attente et présences")] }
        return renderer.page(page)
    }

    @Sendable func saveAtelier(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffAteliers.path)
        let id = try target(context)
        let form = context.form ?? FormData(fields: [:])
        let names = ["titre", "axe", "debut", "fin", "lieu", "region", "reseau", "places"]
        let values = Dictionary(uniqueKeysWithValues: names.map { ($0, form[$0]) } + [("description", form.text("description")), ("acces", form.text("acces"))])
        let online = form.has("visio"), archived = form.has("archive")
        let regions = try await database.regions()
        let networks = try await database.networksByName()
        var errors = FormErrors()
        if values["titre"]!.isEmpty || values["titre"]!.count > 200 { errors.add("titre", "Indiquez le titre (200 caractères au plus).") }
        let axis = Axis(rawValue: values["axe"]!)
        if axis == nil { errors.add("axe", "Choisissez un axe.") }
        let start = FieldRules.localDateTime(values["debut"]!), end = FieldRules.localDateTime(values["fin"]!)
        if start == nil { errors.add("debut", "Indiquez la date et l’heure de début, par exemple 2026-12-03T18:30.") }
        if end == nil { errors.add("fin", "Indiquez la date et l’heure de fin.") }
        if let start, let end, end <= start { errors.add("fin", "La fin doit venir après le début.") }
        if !online, values["lieu"]!.isEmpty { errors.add("lieu", "Indiquez le lieu, ou cochez « En visio ».") }
        let region = values["region"]!.isEmpty ? nil : values["region"]
        if let region, !regions.contains(where: { $0.code == region }) { errors.add("region", "Choisissez une région de la liste.") }
        let network = values["reseau"]!.isEmpty ? nil : Int64(values["reseau"]!)
        if !values["reseau"]!.isEmpty, network == nil || !networks.contains(where: { $0.id == network }) { errors.add("reseau", "Choisissez un réseau de la liste.") }
        if values["description"]!.isEmpty || values["description"]!.count > 4000 { errors.add("description", "Décrivez l’atelier (4 000 caractères au plus).") }
        let capacity = values["places"]!.isEmpty ? nil : Int(values["places"]!)
        if !values["places"]!.isEmpty, capacity == nil || !(1...10_000).contains(capacity ?? 0) {
            errors.add("places", "Indiquez un nombre de places entre 1 et 10 000, ou laissez vide pour ne pas limiter.")
        }
        if values["acces"]!.count > 1000 { errors.add("acces", "Ce texte est trop long (1 000 caractères au plus).") }
        guard errors.isEmpty, let axis, let start, let end else {
            let session = try await sessions.ensure(context)
            let page = NetworkEditorPage(
                atelier: id, name: nil, values: values, online: online, archived: archived, regions: regions, networks: networks,
                errors: errors, notice: nil, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo
            )
            return renderer.page(page, status: .unprocessableContent)
        }
        let savedId = try await self.network.saveAtelier(id: id, .init(
            title: values["titre"]!, axis: axis, startsAt: start, endsAt: end, place: values["lieu"]!, online: online, regionCode: region,
            networkId: network, description: values["description"]!, archived: archived, capacity: capacity, accessDetails: values["acces"]!
        ), by: user, address: context.clientAddress)
        throw Redirect(location: SiteURL.staffAtelier(String(savedId)).path + "?message=enregistre")
    }

    // MARK: Networks

    @Sendable func networks(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffNetworks.path)
        let rows = try await database.networksByName()
        return renderer.page(ListPage(networks: rows, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    @Sendable func networkForm(request: Request, context: RelaisRequestContext) async throws -> Response {
        _ = try context.require(.useBackOffice, returnTo: SiteURL.staffNetworks.path)
        let id = try target(context)
        var values: [String: String] = [:], axes: Set<Axis> = [], archived = false
        if let id {
            guard let (network, networkAxes) = try await database.network(id: id) else { throw HTTPError(.notFound) }
            values = ["nom": network.name, "sigle": network.acronym, "categorie": network.kind.rawValue, "site": network.website,
                      "description": network.description, "role": network.role]
            axes = Set(networkAxes); archived = network.archived
        }
        let session = try await sessions.ensure(context)
        let page = NetworkEditorPage(
            network: id, name: values["nom"], values: values, axes: axes, archived: archived, errors: FormErrors(),
            notice: NetworkEditorPage.notice(request.uri.queryParameters["message"].map(String.init)),
            csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        return renderer.page(page)
    }

    @Sendable func saveNetwork(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.useBackOffice, returnTo: SiteURL.staffNetworks.path)
        let id = try target(context)
        let form = context.form ?? FormData(fields: [:])
        let values = Dictionary(uniqueKeysWithValues: ["nom", "sigle", "categorie", "site"].map { ($0, form[$0]) }
                                    + ["description", "role"].map { ($0, form.text($0)) })
        let axes = Set(Axis.allCases.filter { form.has("axe_\($0.rawValue)") })
        let archived = form.has("archive")
        var errors = FormErrors()
        if values["nom"]!.isEmpty || values["nom"]!.count > 200 { errors.add("nom", "Indiquez le nom du réseau (200 caractères au plus).") }
        if values["sigle"]!.count > 30 { errors.add("sigle", "Le sigle est trop long (30 caractères au plus).") }
        let kind = NetworkKind(rawValue: values["categorie"]!)
        if kind == nil { errors.add("categorie", "Choisissez la nature du réseau.") }
        if axes.isEmpty { errors.add("axes", "Cochez au moins un axe.") }
        errors.checkWebsite(values["site"]!)
        if values["description"]!.isEmpty || values["description"]!.count > 4000 { errors.add("description", "Présentez le réseau (4 000 caractères au plus).") }
        if values["role"]!.count > 4000 { errors.add("role", "Ce texte est trop long (4 000 caractères au plus).") }
        guard errors.isEmpty, let kind else {
            let session = try await sessions.ensure(context)
            let page = NetworkEditorPage(
                network: id, name: nil, values: values, axes: axes, archived: archived, errors: errors, notice: nil,
                csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo
            )
            return renderer.page(page, status: .unprocessableContent)
        }
        let savedId = try await self.network.saveNetwork(id: id, .init(
            name: values["nom"]!, acronym: values["sigle"]!, kind: kind, website: values["site"]!, description: values["description"]!,
            role: values["role"]!, archived: archived, axes: axes
        ), by: user, address: context.clientAddress)
        throw Redirect(location: SiteURL.staffNetwork(String(savedId)).path + "?message=enregistre")
    }
}
