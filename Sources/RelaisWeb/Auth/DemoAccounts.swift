import Foundation
import GRDB
import Logging
import RelaisCore
import RelaisStore

/// One demo account, shown on the sign-in page in demo mode.
public struct DemoAccount: Sendable {
    public let role: String
    public let email: String
    public let password: String
}

/// `relais serve --demo` creates one account per role with known passwords; without `--demo`, any
/// demo account left from an earlier demo run is deleted, so none ever exists outside a demo.
public enum DemoAccounts {
    static let accounts: [(Role, String, String, String)] = [
        (.demandeur, "Claire Demo", "directrice@demo.relais.example", "relais-demo-directrice"),
        (.correspondant, "Bernard Demo", "correspondant@demo.relais.example", "relais-demo-correspondant"),
        (.equipe, "Équipe Demo", "equipe@demo.relais.example", "relais-demo-equipe"),
        (.admin, "Admin Demo", "admin@demo.relais.example", "relais-demo-admin"),
    ]

    public static var list: [DemoAccount] {
        accounts.map { DemoAccount(role: $0.0.label, email: $0.2, password: $0.3) }
    }

    /// Creates the missing demo accounts (the correspondent is linked to the first seeded one).
    public static func ensure(in database: AppDatabase, now: Date = Date()) async throws {
        let hasher = PasswordHasher()
        for (role, name, email, password) in accounts where try database.user(email: email) == nil {
            let hash = try await hasher.hash(password)
            try await database.writer.write { db in
                var user = User(email: email, name: name, role: role, notificationEmail: email, now: now)
                user.passwordHash = hash
                user.emailConfirmedAt = now
                user.demo = true
                if role == .demandeur {
                    user.position = .dgs
                    user.employerName = "Commune de démonstration"
                    user.departementCode = try String.fetchOne(db, sql: "SELECT code FROM departement ORDER BY code LIMIT 1")
                }
                if role == .correspondant {
                    user.correspondentId = try Int64.fetchOne(db, sql: "SELECT id FROM correspondent WHERE absentUntil IS NULL ORDER BY id LIMIT 1")
                }
                try user.insert(db)
            }
        }
    }

    /// Deletes every demo account (start-up without `--demo`); returns how many.
    @discardableResult
    public static func remove(from database: AppDatabase) async throws -> Int {
        try await database.writer.write { db in try User.filter(Column("demo") == true).deleteAll(db) }
    }
}
