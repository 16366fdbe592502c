import Foundation
import Hummingbird
import RelaisCore
import RelaisStore
import RelaisUseCases

/// Peer support (« pairs aidants »): the members' space, the three proposals and the request, the
/// volunteer's profile, and each exchange. An exchange is a 404 to anyone but its two people, staff
/// included. Nothing here goes through the page cache: every page but the visitor's is personal.
struct PeerController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }

    var peers: PeerService { parts.useCases.peers }

    func addRoutes(to router: some RouterMethods<RelaisRequestContext>) {
        router.get(SiteURL.Route.peers, use: space)
        router.get(SiteURL.Route.peerProposals, use: proposals)
        router.post(SiteURL.Route.peerRequests, use: ask)
        router.get(SiteURL.Route.peerProfile, use: profile)
        router.post(SiteURL.Route.peerProfile, use: saveProfile)
        router.post(SiteURL.Route.peerProfileState, use: changeProfile)
        router.get(SiteURL.Route.peerExchange, use: exchange)
        router.post(SiteURL.Route.peerExchangeAnswer, use: answer)
        router.post(SiteURL.Route.peerExchangeMessage, use: message)
        router.post(SiteURL.Route.peerExchangeState, use: changeExchange)
    }

    // MARK: The space

    /// What peer support is, and for a member their exchanges and profile; a visitor is invited to
    /// sign in, staff and experts read that it is for members.
    @Sendable func space(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = context.user
        let member = user.map { PeerRules.isMember($0.role) } ?? false
        let space = member ? try await database.peerSpace(userId: user?.id ?? 0) : nil
        let situation = request.uri.queryParameters["situation"].flatMap { PeerExperience(rawValue: String($0)) }
        let notice = request.uri.queryParameters["message"].flatMap { PeerSpacePage.notices[String($0)] }
        let page = PeerSpacePage(space: space, user: user, today: Day(clock()), situation: situation, notice: notice,
                                 csrf: context.sessions?.current?.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page)
    }

    // MARK: Asking

    /// The three pairs proposed for the situation asked (`?situation=…&meme-departement=oui`).
    @Sendable func proposals(request: Request, context: RelaisRequestContext) async throws -> Response {
        let path = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
        let user = try context.require(.usePeerSupport, returnTo: path)
        guard let situation = request.uri.queryParameters["situation"].flatMap({ PeerExperience(rawValue: String($0)) }) else {
            throw Redirect(location: SiteURL.peers.path)
        }
        let same = request.uri.queryParameters["meme-departement"] == "oui"
        return try await proposalsPage(user: user, situation: situation, sameDepartementAllowed: same, typed: .init(), errors: FormErrors(),
                                       context: context)
    }

    private func proposalsPage(user: User, situation: PeerExperience, sameDepartementAllowed: Bool, typed: PeerProposalsPage.Typed,
                               errors: FormErrors, problem: String? = nil, context: RelaisRequestContext,
                               status: HTTPResponse.Status = .ok) async throws -> Response {
        let cards = try await peers.proposals(experience: situation, sameDepartementAllowed: sameDepartementAllowed, director: user)
        let session = try await sessions.ensure(context)
        let page = PeerProposalsPage(cards: cards, situation: situation, sameDepartementAllowed: sameDepartementAllowed, typed: typed, errors: errors,
                                     problem: problem, csrf: session.csrfToken, viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// The director's choice and message. A pair who stopped being available meanwhile (paused, full)
    /// gives new proposals and the message kept.
    @Sendable func ask(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.usePeerSupport, returnTo: SiteURL.peers.path)
        let form = context.form ?? FormData(fields: [:])
        guard let situation = PeerExperience(rawValue: form["situation"]) else { throw Redirect(location: SiteURL.peers.path) }
        let same = form["meme-departement"] == "oui"
        let message = CaseController.cleanText(form.raw("message") ?? "")
        let pairId = Int64(form["pair"])
        var errors = FormErrors()
        if pairId == nil { errors.add("pair", "Choisissez le pair avec qui vous aimeriez échanger.") }
        if message.isEmpty {
            errors.add("message", "Écrivez quelques lignes au pair.")
        } else if message.count > PeerRules.messageLimit {
            errors.add("message", "Le message dépasse \(PeerRules.messageLimit) caractères.")
        }
        let typed = PeerProposalsPage.Typed(pairId: pairId, message: message)
        guard errors.isEmpty, let pairId else {
            return try await proposalsPage(user: user, situation: situation, sameDepartementAllowed: same, typed: typed, errors: errors,
                                           context: context, status: .unprocessableContent)
        }
        let id: Int64
        do {
            id = try await peers.ask(pairUserId: pairId, experience: situation, sameDepartementAllowed: same, message: message, director: user,
                                     address: context.clientAddress)
        } catch let refusal as PeerService.Refusal {
            return try await proposalsPage(user: user, situation: situation, sameDepartementAllowed: same,
                                           typed: PeerProposalsPage.Typed(pairId: nil, message: message), errors: FormErrors(),
                                           problem: refusal.message, context: context, status: .conflict)
        }
        throw Redirect(location: SiteURL.peerExchange(id).path + "?message=demande")
    }

    // MARK: The volunteer

    @Sendable func profile(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.usePeerSupport, returnTo: SiteURL.peerProfile.path)
        let space = try await database.peerSpace(userId: user.id ?? 0)
        let typed: PeerProfilePage.Typed
        if let volunteer = space.volunteer {
            typed = PeerProfilePage.Typed(volunteer)
        } else {
            typed = try await defaults(for: user)
        }
        return try await profilePage(typed: typed, isNew: space.volunteer == nil, regions: space.regions, errors: FormErrors(), context: context)
    }

    /// A new profile starts from the member's employer: its kind, size and région.
    private func defaults(for user: User) async throws -> PeerProfilePage.Typed {
        var typed = PeerProfilePage.Typed()
        if let code = user.employerCode, let employer = try await database.peerEmployer(code: code) {
            typed.kind = PeerCollectiviteKind(territoryKind: employer.kind)
            typed.size = employer.population.map(PeerCollectiviteSize.init(population:))
            typed.regionCode = employer.regionCode
        }
        return typed
    }

    private func profilePage(typed: PeerProfilePage.Typed, isNew: Bool, regions: [Region], errors: FormErrors, context: RelaisRequestContext,
                             status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let page = PeerProfilePage(typed: typed, isNew: isNew, regions: regions, errors: errors, csrf: session.csrfToken,
                                   viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    @Sendable func saveProfile(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.usePeerSupport, returnTo: SiteURL.peerProfile.path)
        let form = context.form ?? FormData(fields: [:])
        let space = try await database.peerSpace(userId: user.id ?? 0)
        var typed = PeerProfilePage.Typed()
        typed.experiences = Set(PeerExperience.allCases.filter { form["experience-\($0.rawValue)"] == "oui" })
        typed.kind = PeerCollectiviteKind(rawValue: form["collectivite"])
        typed.size = PeerCollectiviteSize(rawValue: form["taille"])
        let region = form["region"]
        typed.regionCode = space.regions.contains { $0.code == region } ? region : nil
        typed.availability = form["disponibilite"]
        typed.presentation = CaseController.cleanText(form.raw("presentation") ?? "")
        var errors = FormErrors()
        if typed.experiences.isEmpty { errors.add("experiences", "Cochez au moins une situation que vous avez vécue.") }
        if typed.kind == nil { errors.add("collectivite", "Choisissez le type de collectivité.") }
        if typed.size == nil { errors.add("taille", "Choisissez la taille de la collectivité.") }
        if typed.availability.count > PeerRules.availabilityLimit {
            errors.add("disponibilite", "Vos disponibilités dépassent \(PeerRules.availabilityLimit) caractères.")
        }
        if typed.presentation.isEmpty {
            errors.add("presentation", "Écrivez quelques lignes de présentation.")
        } else if typed.presentation.count > PeerRules.presentationLimit {
            errors.add("presentation", "La présentation dépasse \(PeerRules.presentationLimit) caractères.")
        }
        guard errors.isEmpty, let kind = typed.kind, let size = typed.size else {
            return try await profilePage(typed: typed, isNew: space.volunteer == nil, regions: space.regions, errors: errors, context: context,
                                         status: .unprocessableContent)
        }
        let profile = PeerService.Profile(experiences: PeerExperience.allCases.filter(typed.experiences.contains), kind: kind, size: size,
                                          regionCode: typed.regionCode, availability: typed.availability, presentation: typed.presentation)
        try await peers.saveProfile(profile, user: user, address: context.clientAddress)
        throw Redirect(location: SiteURL.peers.path + "?message=profil")
    }

    @Sendable func changeProfile(request: Request, context: RelaisRequestContext) async throws -> Response {
        let user = try context.require(.usePeerSupport, returnTo: SiteURL.peers.path)
        guard let change = PeerService.ProfileChange(rawValue: (context.form ?? FormData(fields: [:]))["etat"]) else { throw HTTPError(.badRequest) }
        do {
            try await peers.changeProfile(change, user: user, address: context.clientAddress)
        } catch is PeerService.Refusal {
            throw Redirect(location: SiteURL.peerProfile.path)
        }
        throw Redirect(location: SiteURL.peers.path + "?message=" + change.rawValue)
    }

    // MARK: An exchange

    private func exchangeId(_ context: RelaisRequestContext) throws -> Int64 {
        guard let id = context.parameters.get("echange", as: Int64.self) else { throw HTTPError(.notFound) }
        return id
    }

    @Sendable func exchange(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try exchangeId(context)
        let user = try context.require(.usePeerSupport, returnTo: SiteURL.peerExchange(id).path)
        let notice = request.uri.queryParameters["message"].flatMap { PeerExchangePage.notices[String($0)] ?? PeerSpacePage.notices[String($0)] }
        return try await exchangePage(id, user: user, context: context, notice: notice)
    }

    private func exchangePage(_ id: Int64, user: User, context: RelaisRequestContext, notice: String? = nil, problem: String? = nil,
                              typedMessage: String = "", messageError: String? = nil, typedReason: String = "", reasonError: String? = nil,
                              status: HTTPResponse.Status = .ok) async throws -> Response {
        let exchange: AppDatabase.PeerExchange
        do {
            exchange = try await peers.exchange(id, viewer: user, address: context.clientAddress)
        } catch is PeerService.NotFound {
            throw HTTPError(.notFound)
        }
        let session = try await sessions.ensure(context)
        let page = PeerExchangePage(exchange, viewer: user, today: Day(clock()), notice: notice, problem: problem, typedMessage: typedMessage,
                                    messageError: messageError, typedReason: typedReason, reasonError: reasonError, csrf: session.csrfToken,
                                    viewer: LayoutModel.Viewer(context), demo: config.demo)
        return renderer.page(page, status: status)
    }

    /// The pair accepts or declines.
    @Sendable func answer(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try exchangeId(context)
        let user = try context.require(.usePeerSupport, returnTo: SiteURL.peerExchange(id).path)
        let form = context.form ?? FormData(fields: [:])
        let accept: Bool
        switch form["decision"] {
        case "accepter": accept = true
        case "decliner": accept = false
        default: throw HTTPError(.badRequest)
        }
        let reason = accept ? "" : CaseController.cleanText(form.raw("motif") ?? "")
        if reason.count > PeerRules.reasonLimit {
            return try await exchangePage(id, user: user, context: context, typedReason: reason,
                                          reasonError: "Le mot dépasse \(PeerRules.reasonLimit) caractères.", status: .unprocessableContent)
        }
        do {
            try await peers.answer(accept: accept, reason: reason, requestId: id, pair: user, address: context.clientAddress)
        } catch is PeerService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as PeerService.Refusal {
            return try await exchangePage(id, user: user, context: context, problem: refusal.message, status: .conflict)
        }
        throw Redirect(location: SiteURL.peerExchange(id).path + "?message=" + (accept ? "acceptee" : "declinee"))
    }

    @Sendable func message(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try exchangeId(context)
        let user = try context.require(.usePeerSupport, returnTo: SiteURL.peerExchange(id).path)
        let body = CaseController.cleanText((context.form ?? FormData(fields: [:])).raw("message") ?? "")
        var problem: String?
        if body.isEmpty { problem = "Le message est vide." } else if body.count > PeerRules.messageLimit {
            problem = "Le message dépasse \(PeerRules.messageLimit) caractères."
        }
        if let problem {
            return try await exchangePage(id, user: user, context: context, typedMessage: body, messageError: problem, status: .unprocessableContent)
        }
        do {
            try await peers.post(body, requestId: id, author: user)
        } catch is PeerService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as PeerService.Refusal {
            return try await exchangePage(id, user: user, context: context, problem: refusal.message, typedMessage: body, status: .conflict)
        }
        throw Redirect(location: SiteURL.peerExchange(id).path + "?message=message#messages")
    }

    /// The director withdraws a request; either ends or renews an exchange.
    @Sendable func changeExchange(request: Request, context: RelaisRequestContext) async throws -> Response {
        let id = try exchangeId(context)
        let user = try context.require(.usePeerSupport, returnTo: SiteURL.peerExchange(id).path)
        guard let change = PeerService.ExchangeChange(rawValue: (context.form ?? FormData(fields: [:]))["etat"]) else { throw HTTPError(.badRequest) }
        do {
            try await peers.change(change, requestId: id, user: user, address: context.clientAddress)
        } catch is PeerService.NotFound {
            throw HTTPError(.notFound)
        } catch let refusal as PeerService.Refusal {
            return try await exchangePage(id, user: user, context: context, problem: refusal.message, status: .conflict)
        }
        throw Redirect(location: SiteURL.peerExchange(id).path + "?message=" + change.rawValue)
    }
}
