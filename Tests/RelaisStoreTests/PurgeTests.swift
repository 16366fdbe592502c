import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Retention")
struct PurgeTests {
    static let day: Double = 86_400
    static let examples: [(String, Double)] = [("90d", 90 * day), ("12w", 84 * day), ("18m", 540 * day), ("3y", 1_095 * day)]

    @Test("retention periods read days, weeks, months and years", arguments: examples)
    func periods(text: String, seconds: Double) {
        #expect(RetentionPeriod(parsing: text)?.seconds == seconds)
    }

    @Test("nonsense periods are refused", arguments: ["", "3", "y", "-3y", "3x", "trois ans", "0d"])
    func badPeriods(text: String) {
        #expect(RetentionPeriod(parsing: text) == nil)
    }

    @Test("purge removes old sessions, dead links, old failures and old sent mail, and keeps the rest")
    func purge() async throws {
        let database = try TestDatabase.seeded()
        let now = TestClock.now
        let old = now.addingTimeInterval(-400 * 86_400)
        try await database.writer.write { db in
            var user = User(email: "a@exemple.fr", name: "A", role: .demandeur, notificationEmail: "a@exemple.fr", now: old)
            try user.insert(db)
            try Session(idHash: "vieille", userId: user.id, csrfToken: "x", now: old).insert(db)
            try Session(idHash: "recente", userId: user.id, csrfToken: "x", now: now).insert(db)
            try AppDatabase.insertToken(userId: user.id!, purpose: .reset, secret: SecretToken.make(), lifetime: 3600, now: old, in: db)
            try db.execute(sql: "INSERT INTO authFailure (kind, email, address, at) VALUES ('connexion', 'a@exemple.fr', 'x', ?)", arguments: [old])
            for (index, status) in ["delivered", "failed", "pending"].enumerated() {
                var message = OutboxMessage(messageId: "<\(index)@x>", kind: "test", sender: "s@x.fr", recipient: "a@exemple.fr",
                                            subject: "s", raw: "r", createdAt: old, giveUpAt: old)
                message.status = OutboxMessage.Status(rawValue: status)!
                try message.insert(db)
            }
        }

        let report = try database.purge(before: now.addingTimeInterval(-365 * 86_400), now: now, sessionIdle: 12 * 3600, sessionAbsolute: 30 * 86_400)

        #expect(report.sessions == 1)
        #expect(report.tokens == 1)
        #expect(report.authFailures == 1)
        #expect(report.outboxMessages == 2)
        #expect(try await database.outboxMessages().map(\.status) == [.pending], "mail still waiting is never purged")
        #expect(try await database.user(email: "a@exemple.fr") != nil)
    }
}
