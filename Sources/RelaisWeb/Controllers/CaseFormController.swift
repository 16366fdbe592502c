import Foundation
import Hummingbird
import RelaisCore
import RelaisMail
import RelaisStore
import RelaisUseCases

/// The case form at `/demandes/nouvelle`, pre-filled from the parcours answers. A signed-in person
/// opens the case at once; a visitor creates their account in the same form and the case opens when
/// they confirm their address.
struct CaseFormController: PartsController {
    let parts: AppParts

    init(_ parts: AppParts) {
        self.parts = parts
    }
    static let narrativeLimit = 8000

    func addRoutes(to router: Router<RelaisRequestContext>) {
        router.get(SiteURL.Route.newCase, use: form)
        router.post(SiteURL.Route.newCase, use: submit)
    }

    /// What the person typed, kept whole when the form comes back.
    struct Typed: Sendable {
        var situation = "", axes: Set<String> = [], departement = "", employerQuery = "", employerCode = "", employerName = ""
        var narrative = "", urgency = "", notificationEmail = "", phone = "", callTimes = "", outside = false
        var name = "", email = "", position = "", token = ""

        init() {}

        init(_ form: FormData) {
            situation = form["situation"]; departement = form["departement"]
            employerQuery = form["employeur_recherche"]; employerCode = form["employeur_code"]; employerName = form["employeur_nom"]
            narrative = form.raw("recit") ?? ""; urgency = form["urgence"]; notificationEmail = form["notification"]
            phone = form["telephone"]; callTimes = form["creneaux"]; outside = form.has("hors_departement")
            name = form["nom"]; email = form["email"]; position = form["poste"]; token = form["jeton"]
            axes = Set(Axis.allCases.map(\.rawValue).filter { form.has("axe_\($0)") })
        }
    }

    /// `keptPasswords`: after an employer search only, the passwords typed (`NewCasePage`).
    private func page(_ context: RelaisRequestContext, typed: Typed, errors: FormErrors = FormErrors(), searched: Bool = false,
                      keptPasswords: (String, String) = ("", ""), limit: CaseLimitRefusal? = nil,
                      status: HTTPResponse.Status = .ok) async throws -> Response {
        let session = try await sessions.ensure(context)
        let situations = try await content.situations()
        let employer = try await EmployerFields.make(
            query: typed.employerQuery, code: typed.employerCode, name: typed.employerName, departement: typed.departement,
            searched: searched, errors: errors, database: database
        )
        let page = NewCasePage(
            typed: typed, token: typed.token.isEmpty ? SecretToken.make() : typed.token, signedIn: context.user != nil,
            situations: situations, employer: employer, errors: errors, keptPasswords: keptPasswords,
            limit: limit.map { ($0, cases.workflow.message(for: $0)) }, csrf: session.csrfToken,
            viewer: LayoutModel.Viewer(context), demo: config.demo
        )
        return renderer.page(page, status: status)
    }

    /// The form, pre-filled from the parcours answers in the query and from the person's account.
    @Sendable func form(request: Request, context: RelaisRequestContext) async throws -> Response {
        let query = Dictionary(request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { first, _ in first })
        let answers = ParcoursAnswers(query: query)
        var typed = Typed()
        typed.situation = query["situation"].flatMap { Text.isSlug($0) ? $0 : nil } ?? ""
        typed.urgency = answers.urgency?.rawValue ?? ""
        typed.axes = [Axis.solidarite.rawValue]
        if let user = context.user {
            typed.departement = answers.departementCode ?? user.departementCode ?? ""
            typed.employerCode = answers.employerCode ?? user.employerCode ?? ""
            typed.employerName = answers.employerCode == nil ? user.employerName : ""
            typed.notificationEmail = user.notificationEmail
            typed.phone = user.phone
        } else {
            typed.departement = answers.departementCode ?? ""
            typed.employerCode = answers.employerCode ?? ""
            typed.position = answers.position?.rawValue ?? ""
        }
        return try await page(context, typed: typed)
    }

    /// Searches employers, or checks everything and opens the case (or stores it until the address is
    /// confirmed). Every error brings the form back with everything typed.
    @Sendable func submit(request: Request, context: RelaisRequestContext) async throws -> Response {
        let form = context.form ?? FormData(fields: [:])
        var typed = Typed(form)
        if form["action"] == "rechercher" {
            return try await page(context, typed: typed, searched: true,
                                  keptPasswords: (form.raw("motdepasse") ?? "", form.raw("confirmation") ?? ""))
        }
        var errors = FormErrors()
        let knownSituation = Text.isSlug(typed.situation) ? try await database.situationExists(slug: typed.situation) : false
        if !knownSituation {
            errors.add("situation", "Choisissez la situation qui ressemble le plus à la vôtre.")
        }
        let axes = Axis.allCases.filter { typed.axes.contains($0.rawValue) }
        if axes.isEmpty { errors.add("axes", "Cochez au moins un domaine où vous attendez de l’aide.") }
        let (employerCode, departement) = try await errors.checkEmployer(
            code: typed.employerCode, name: typed.employerName, departement: typed.departement, database: database
        )
        // Line breaks as the person typed them, one kind only; surrounding blank space dropped.
        let narrative = typed.narrative.replacingOccurrences(of: "\r\n", with: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
        if narrative.isEmpty {
            errors.add("recit", "Dites en quelques lignes ce qui se passe\u{00A0}: c’est ce qui permet de vous orienter vers la bonne personne.")
        } else if narrative.count > Self.narrativeLimit {
            errors.add("recit", "Votre texte dépasse \(Self.narrativeLimit) caractères\u{00A0}: resserrez-le, vous pourrez tout détailler ensuite avec votre correspondant.")
        }
        if ParcoursAnswers.Urgency(rawValue: typed.urgency) == nil { errors.add("urgence", "Dites où en est la situation.") }
        errors.checkPhone(typed.phone)
        typed.callTimes = typed.callTimes.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        if typed.callTimes.count > 200 { errors.add("creneaux", "Ce champ est trop long (200 caractères au plus).") }
        if typed.token.isEmpty || typed.token.count > 64 || !typed.token.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            // Only a tampered form lacks it: a fresh one is given with the page that comes back.
            typed.token = ""
            errors.add("recit", "Le formulaire a expiré\u{00A0}: vérifiez votre saisie puis envoyez-le de nouveau.")
        }

        if let user = context.user {
            let notification = errors.checkEmail(typed.notificationEmail, field: "notification", required: true,
                                                 missing: "Indiquez l’adresse où recevoir les notifications.") ?? ""
            guard errors.isEmpty, let departement else {
                return try await page(context, typed: typed, errors: errors, status: .unprocessableContent)
            }
            let draft = draft(typed, axes: axes, narrative: narrative, departement: departement, employerCode: employerCode, notification: notification)
            switch try await cases.submit(draft, director: user) {
            case .opened(let reference):
                throw Redirect(location: SiteURL.caseFile(reference).path + "?message=ouverte")
            case .awaitingConfirmation, .throttled:
                throw Redirect(location: SiteURL.myCases.path)
            case .limited(let refusal):
                // Nothing stored: the form comes back whole, with the same token for when it may leave.
                return try await page(context, typed: typed, limit: refusal,
                                      status: refusal.decision.isDaily ? .tooManyRequests : .unprocessableContent)
            }
        }

        // A visitor: the account comes with the case.
        errors.checkName(typed.name)
        let email = errors.checkEmail(typed.email, field: "email", required: true) ?? ""
        // A visitor gives one address: the confirmation and every notice about the case go there.
        let notification = email
        let position = Position(rawValue: typed.position)
        if position == nil { errors.add("poste", "Indiquez le poste que vous occupez.") }
        let password = form.raw("motdepasse") ?? "", confirmation = form.raw("confirmation") ?? ""
        errors.checkNewPassword(password, confirmation: confirmation, email: email)
        guard errors.isEmpty, let departement, let position else {
            return try await page(context, typed: typed, errors: errors, status: .unprocessableContent)
        }
        let draft = draft(typed, axes: axes, narrative: narrative, departement: departement, employerCode: employerCode, notification: notification)
        let result = try await cases.submit(draft, signUp: AccountService.SignUp(
            name: typed.name, email: email, notificationEmail: notification, position: position, employerCode: employerCode,
            employerName: employerCode == nil ? typed.employerName : "", departementCode: departement, phone: typed.phone, password: password
        ), address: context.clientAddress)
        if case .throttled(let wait) = result {
            errors.add("email", FormMessages.signUpThrottled(wait: wait))
            return try await page(context, typed: typed, errors: errors, status: .tooManyRequests)
        }
        return renderer.page(CheckMailPage(email: email, withCase: true, viewer: LayoutModel.Viewer(context), demo: config.demo))
    }

    private func draft(_ typed: Typed, axes: [Axis], narrative: String, departement: String, employerCode: String?,
                       notification: String) -> CaseService.Draft {
        CaseService.Draft(
            situationSlug: typed.situation, axes: axes, departementCode: departement, employerCode: employerCode,
            employerName: employerCode == nil ? typed.employerName : "", narrative: narrative, urgency: typed.urgency,
            notificationEmail: notification, phone: typed.phone, callTimes: typed.callTimes, outsideDepartement: typed.outside,
            submissionToken: typed.token
        )
    }
}
