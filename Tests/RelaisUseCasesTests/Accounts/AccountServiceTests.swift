import Foundation
import GRDB
import RelaisCore
import RelaisMail
@_spi(UseCases) @testable import RelaisStore
@testable import RelaisUseCases
import RelaisTestSupport
import Testing

@Suite("Accounts: sign-up, confirmation, sign-in, administration")
struct AccountServiceTests {
    static let email = "camille.durand@mairie-exemple.fr"

    static var signUp: AccountService.SignUp {
        AccountService.SignUp(name: "Camille Durand", email: "Camille.Durand@mairie-exemple.fr", notificationEmail: "camille.perso@exemple.fr",
                              position: .dgs, employerCode: "75C", employerName: "", phone: "06 12 34 56 78", password: World.password)
    }

    @Test("a sign-up makes an unconfirmed account and mails a link; the link and the chosen password confirm it, and it signs in")
    func signUpAndConfirm() async throws {
        // setup
        let world = try await World.make()
        let accounts = world.useCases.accounts

        // MUT: sign up
        try await accounts.signUp(Self.signUp, address: World.address)

        // validate
        let user = try #require(try await world.database.user(email: Self.email))
        #expect(user.emailConfirmedAt == nil && user.role == .demandeur && user.notificationEmail == "camille.perso@exemple.fr")
        let mail = try #require(try world.outbox(.confirmation).first)
        #expect(mail.recipient == Self.email)
        #expect(!mail.raw.contains("75C") && !mail.text.contains("Camille"), "nothing the visitor typed but the address")
        #expect(try world.audit(.signedUp).map(\.target) == ["utilisateur \(user.id!)"])
        let secret = try world.linkSecret(to: Self.email)
        #expect(!mail.raw.contains(secret), "the stored mail holds a placeholder, not the secret")

        #expect(try await accounts.signIn(email: Self.email, password: World.password, address: World.address).isUnconfirmed)
        #expect(try await accounts.confirmationAddress(secret: secret) == Self.email)
        #expect(try await accounts.confirm(secret: secret, password: "pas le bon mot de passe", address: World.address).isWrongPassword)
        #expect(try world.audit(.confirmationPasswordRefused).count == 1)

        let confirmed = try await accounts.confirm(secret: secret, password: World.password, address: World.address)
        guard case .confirmed(let account, let opened) = confirmed else { Issue.record("not confirmed: \(confirmed)"); return }
        #expect(account.emailConfirmedAt == world.clock.now && opened.isEmpty)
        #expect(try world.audit(.addressConfirmed).count == 1)
        // A link serves once.
        #expect(try await accounts.confirmationAddress(secret: secret) == nil)

        guard case .signedIn(let signedIn) = try await accounts.signIn(email: "CAMILLE.durand@mairie-exemple.fr", password: World.password,
                                                                        address: World.address) else {
            Issue.record("the confirmed account does not sign in"); return
        }
        #expect(signedIn.id == user.id)
        #expect(try world.audit(.signedIn).map(\.actorEmail) == [Self.email])
    }

    @Test("a confirmation link expires after 48 hours")
    func confirmationExpires() async throws {
        let world = try await World.make()
        try await world.useCases.accounts.signUp(Self.signUp, address: World.address)
        let secret = try world.linkSecret(to: Self.email)

        world.clock.advance(by: AccountService.confirmationLifetime + 60)

        #expect(try await world.useCases.accounts.confirm(secret: secret, password: World.password, address: World.address).isInvalidLink)
    }

    @Test("signing up again with a known address mails its owner, not a new link, and creates nothing")
    func signUpExistingAddress() async throws {
        let world = try await World.make()
        var form = Self.signUp
        form.email = world.director.email

        try await world.useCases.accounts.signUp(form, address: World.address)

        #expect(try world.outbox(.confirmation).isEmpty)
        #expect(try world.outbox(.signupExisting).map(\.recipient) == [world.director.email])
        #expect(try world.audit(.signUpExistingAddress).count == 1)
        #expect(try await world.database.user(email: world.director.email)?.name == World.directorName)
    }

    @Test("after five failed sign-ins the account is paused, right password or not, until the window passes")
    func signInThrottled() async throws {
        let world = try await World.make()
        let accounts = world.useCases.accounts
        for _ in 0..<5 {
            #expect(try await accounts.signIn(email: world.director.email, password: "mauvais mot de passe", address: World.address).isRefused)
        }

        let paused = try await accounts.signIn(email: world.director.email, password: World.password, address: World.address)

        guard case .throttled(let wait) = paused else { Issue.record("not paused: \(paused)"); return }
        #expect(wait > 0 && wait <= Throttle().window)
        #expect(try world.audit(.signInFailed).count == 5)
        #expect(try world.audit(.signInBlocked).count == 1)
        // Another account from another network address is not paused.
        #expect(try await accounts.signIn(email: world.correspondent.email, password: World.password, address: "198.51.100.7").isSignedIn)

        world.clock.advance(by: wait + 1)
        #expect(try await accounts.signIn(email: world.director.email, password: World.password, address: World.address).isSignedIn)
    }

    @Test("relais user add creates a confirmed account with a password and the audit line « compte_cree »")
    func administrationAdd() async throws {
        let world = try await World.make()
        let administration = try await AccountAdministration(config: world.config, database: world.database)

        let user = try await administration.add(email: "Nouvelle.Equipe@association.example", name: "Nouvelle Équipe", role: .equipe,
                                                password: World.password)

        #expect(user.email == "nouvelle.equipe@association.example" && user.role == .equipe)
        #expect(user.emailConfirmedAt != nil && user.passwordHash != nil)
        let line = try #require(try world.audit(.accountCreated).first)
        #expect(line.action == "compte_cree")
        #expect(line.actorEmail == "relais user add" && line.target == "nouvelle.equipe@association.example (equipe)")
        #expect(try await administration.parts.accounts.signIn(email: user.email, password: World.password, address: World.address).isSignedIn)
        // The same address twice, or a weak password, is refused with one line.
        await #expect(throws: AdministrationError.self) {
            try await administration.add(email: user.email, name: "Doublon", role: .equipe, password: World.password)
        }
        await #expect(throws: AdministrationError.self) {
            try await administration.add(email: "autre@association.example", name: "Faible", role: .equipe, password: "court")
        }
        #expect(try world.audit(.accountCreated).count == 1)
    }
}

extension AccountService.SignInResult {
    var isSignedIn: Bool { if case .signedIn = self { true } else { false } }
    var isRefused: Bool { if case .refused = self { true } else { false } }
    var isUnconfirmed: Bool { if case .unconfirmed = self { true } else { false } }
}

extension AccountService.Confirmation {
    var isWrongPassword: Bool { if case .wrongPassword = self { true } else { false } }
    var isInvalidLink: Bool { if case .invalidLink = self { true } else { false } }
}
