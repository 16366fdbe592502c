import Foundation
import GRDB
import Logging
import RelaisCore
@_spi(UseCases) import RelaisStore

/// One demo account, shown on the sign-in page in demo mode.
public struct DemoAccount: Encodable, Sendable {
    public let role: String
    public let email: String
    public let password: String
}

/// `relais serve --demo` creates one account per role with known passwords; without `--demo`, any
/// demo account left from an earlier demo run is deleted, so none ever exists outside a demo.
public enum DemoAccounts {
    public static let accounts: [(Role, String, String, String)] = [
        (.demandeur, "Claire Demo", "directrice@demo.relais.example", "relais-demo-directrice"),
        (.correspondant, "Bernard Demo", "correspondant@demo.relais.example", "relais-demo-correspondant"),
        (.equipe, "Équipe Demo", "equipe@demo.relais.example", "relais-demo-equipe"),
        (.admin, "Admin Demo", "admin@demo.relais.example", "relais-demo-admin"),
        (.expert, "Maître Démo", "expert@demo.relais.example", "relais-demo-expert"),
    ]

    public static let staffEmail = "equipe@demo.relais.example"

    /// The seeded correspondent the demo correspondent account speaks for: available, and alone in
    /// covering their main département, so routing gives them the demo director's cases.
    public static let demoCorrespondentSQL = """
        SELECT c.id FROM correspondent c
        WHERE c.active AND c.absentUntil IS NULL
          AND (SELECT count(*) FROM correspondentDepartement cd WHERE cd.departementCode = c.mainDepartementCode) = 1
        ORDER BY c.id LIMIT 1
        """

    public static var list: [DemoAccount] {
        accounts.map { DemoAccount(role: $0.0.label, email: $0.2, password: $0.3) }
    }

    /// Creates the missing demo accounts (the correspondent is linked to the first seeded one), then
    /// one for every other seeded correspondent: routing only gives cases to correspondents who can
    /// sign in, so without them a demo case would nearly always land in the staff queue.
    public static func ensure(in database: AppDatabase, now: Date = Date()) async throws {
        let hasher = PasswordHasher()
        for (role, name, email, password) in accounts where try await database.user(email: email) == nil {
            let hash = try await hasher.hash(password)
            try await database.write { db in
                // One name for a person everywhere: the demo correspondent is called as their card says.
                let cardName = role == .correspondant
                    ? try String.fetchOne(db, sql: "SELECT firstName || ' ' || lastName FROM correspondent WHERE id = (\(demoCorrespondentSQL))")
                    : nil
                var user = User(email: email, name: cardName ?? name, role: role, notificationEmail: email, now: now)
                user.passwordHash = hash
                user.emailConfirmedAt = now
                user.demo = true
                if role == .demandeur {
                    user.position = .dgs
                    user.employerName = "Commune de démonstration"
                    // In the département of the demo correspondent, so a demo case reaches them.
                    user.departementCode = try String.fetchOne(db, sql: "SELECT mainDepartementCode FROM correspondent WHERE id = (\(demoCorrespondentSQL))")
                        ?? String.fetchOne(db, sql: "SELECT code FROM departement ORDER BY code LIMIT 1")
                }
                if role == .correspondant {
                    user.correspondentId = try Int64.fetchOne(db, sql: demoCorrespondentSQL)
                }
                try user.insert(db)
                // The demo expert is on the list staff keep, so a demo correspondent can ask them.
                if role == .expert {
                    var expert = Expert(userId: user.id, name: name, field: .juridique, organisation: "Cabinet de démonstration, avocats",
                                        regions: [], createdAt: now)
                    try expert.insert(db)
                }
            }
        }
        try await ensureNetworkAccounts(in: database, hash: try await hasher.hash(correspondentPassword), now: now)
        try await ensurePairs(in: database, now: now)
    }

    /// What the demo pairs lived: three seeded correspondents volunteer, so a demo director is
    /// proposed pairs at once. Nobody among them lived an « épuisement »: a demo account that
    /// volunteers for it is proposed first (the browser journey relies on it).
    static let demoPairs: [([PeerExperience], PeerCollectiviteKind, PeerCollectiviteSize, String)] = [
        ([.finDeFonctions, .confianceDegradee], .commune, .de20000a100000,
         "Déchargé de mes fonctions de DGS après les municipales de 2020, j’ai négocié un protocole puis retrouvé un poste en dix mois."),
        ([.reorganisation, .changerDePoste, .finDeFonctions], .intercommunalite, .plus100000,
         "J’ai vécu la fusion de trois communautés de communes et la disparition de mon poste de DGS. J’en parle volontiers."),
        ([.conflit, .miseALEcart, .sansPoste], .departement, .plus100000,
         "Mise à l’écart puis un an en surnombre au centre de gestion\u{00A0}: je peux dire ce qui m’a aidé à tenir et à rebondir."),
    ]

    /// Profiles for the first demo correspondents of the network (not the demo correspondent), each
    /// in the département of their card; only when no demo account volunteers yet.
    static func ensurePairs(in database: AppDatabase, now: Date) async throws {
        try await database.write { db in
            let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM peerVolunteer v JOIN user u ON u.id = v.userId WHERE u.demo") ?? 0
            guard existing == 0 else { return }
            let rows = try Row.fetchAll(db, sql: """
                SELECT u.id, c.mainDepartementCode AS departement, d.regionCode FROM user u
                JOIN correspondent c ON c.id = u.correspondentId JOIN departement d ON d.code = c.mainDepartementCode
                WHERE u.demo AND u.role = 'correspondant' AND u.email <> ? ORDER BY u.id LIMIT ?
                """, arguments: [accounts[1].2, demoPairs.count])
            for (row, pair) in zip(rows, demoPairs) {
                let userId: Int64 = row["id"]
                try db.execute(sql: "UPDATE user SET departementCode = ? WHERE id = ?", arguments: [row["departement"] as String?, userId])
                var volunteer = PeerVolunteer(userId: userId, experiences: pair.0, collectiviteKind: pair.1, collectiviteSize: pair.2,
                                              regionCode: row["regionCode"], availability: "Un appel d’une heure par mois, plutôt en soirée",
                                              presentation: pair.3, now: now)
                try volunteer.insert(db)
            }
        }
    }

    /// The password of every seeded correspondent's demo account (their card's address).
    public static let correspondentPassword = "relais-demo-correspondant"

    /// An account, with the shared demo password, for each correspondent no account speaks for yet.
    /// One hash serves them all: bcrypt per account would cost seconds at every demo start.
    public static func ensureNetworkAccounts(in database: AppDatabase, hash: String, now: Date) async throws {
        try await database.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT c.id, c.firstName, c.lastName, lower(c.email) AS email FROM correspondent c
                WHERE c.email != '' AND NOT EXISTS (SELECT 1 FROM user u WHERE u.correspondentId = c.id)
                  AND NOT EXISTS (SELECT 1 FROM user u WHERE u.email = lower(c.email))
                """)
            for row in rows {
                let email: String = row["email"]
                var user = User(email: email, name: "\(row["firstName"] as String) \(row["lastName"] as String)", role: .correspondant,
                                notificationEmail: email, now: now)
                user.passwordHash = hash
                user.emailConfirmedAt = now
                user.correspondentId = row["id"]
                user.demo = true
                try user.insert(db)
            }
        }
    }

    /// Deletes every demo account (start-up without `--demo`); returns how many.
    @discardableResult
    public static func remove(from database: AppDatabase) async throws -> Int {
        try await database.write { db in try User.filter(Column("demo") == true).deleteAll(db) }
    }
}
