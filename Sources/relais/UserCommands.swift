import ArgumentParser
import Foundation
import RelaisCore
import RelaisStore
import RelaisUseCases

extension Role: ExpressibleByArgument {}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage accounts.", subcommands: [UserAdd.self, UserInvite.self, UserRole.self]
    )
}

/// Runs an account operation and turns its errors into one line.
func administer(_ database: DatabaseOptions, _ body: (AccountAdministration) async throws -> Void) async throws {
    let config = try database.config()
    let administration: AccountAdministration
    do {
        administration = try await AccountAdministration(config: config, database: try openDatabase(config))
    } catch let error as ExitCode {
        throw error
    } catch {
        throw fail("\(error)")
    }
    do {
        try await body(administration)
    } catch let error as ExitCode {
        throw error
    } catch {
        throw fail("\(error)")
    }
}

struct UserAdd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Create an account; the password is read from standard input.")

    @Option var email: String
    @Option var name: String
    @Option(help: "demandeur, correspondant, equipe or admin.") var role: Role
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        guard let line = readLine(strippingNewline: true), !line.isEmpty else {
            throw fail("give the password on standard input, for example: echo 'une phrase secrète' | relais user add …")
        }
        try await administer(database) { administration in
            let user = try await administration.add(email: email, name: name, role: role, password: line)
            print("account created: \(user.email) (\(user.role.rawValue))")
        }
    }
}

struct UserInvite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "invite", abstract: "Invite a correspondent or staff member: the link is mailed (and printed)."
    )

    @Option var email: String
    @Option var name: String
    @Option(help: "correspondant, equipe or admin.") var role: Role
    @Option(help: "For a correspondent: their key in Seeds/annuaire/correspondants.csv.") var correspondent: String?
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await administer(database) { administration in
            let link = try await administration.invite(email: email, name: name, role: role, correspondentKey: correspondent)
            print("invitation queued for \(email.lowercased()) (valid 7 days): \(link)")
        }
    }
}

struct UserRole: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "role", abstract: "Change the role of an account.")

    @Option var email: String
    @Option var role: Role
    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        try await administer(database) { administration in
            try await administration.changeRole(email: email, to: role)
            print("\(email.lowercased()) is now \(role.rawValue)")
        }
    }
}
