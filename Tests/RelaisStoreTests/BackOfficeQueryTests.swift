import Foundation
import GRDB
import RelaisCore
@testable import RelaisStore
import RelaisTestSupport
import Testing

@Suite("Back-office queries on a large network")
struct BackOfficeQueryTests {
    func generated() throws -> AppDatabase {
        let database = try TestDatabase.seeded()
        _ = try ScaleGenerator(sizes: .init(cases: 1_500, sheets: 40, correspondents: 120, messages: 2_000), seed: 9, now: TestClock.now,
                               passwordHash: "$2b$10$test").run(into: database)
        return database
    }

    @Test("supervision reads a page at a time, open cases first, and says whether more follow")
    func supervisionPages() async throws {
        let database = try generated()
        let first = try await database.supervisedCases(status: nil, axis: nil, regionCode: nil, lateOnly: false, limit: 50)
        let second = try await database.supervisedCases(status: nil, axis: nil, regionCode: nil, lateOnly: false, limit: 50, offset: 50)
        #expect(first.cases.count == 50 && first.hasMore)
        #expect(Set(first.cases.map(\.id)).isDisjoint(with: second.cases.map(\.id)))
        let statuses = (first.cases + second.cases).map { $0.status == .close }
        #expect(statuses == statuses.sorted { !$0 && $1 })
        let last = try await database.supervisedCases(status: .nouvelle, axis: nil, regionCode: nil, lateOnly: false, limit: 1_000)
        #expect(!last.hasMore)
    }

    @Test("the figures count opened cases only, as before: unconfirmed drafts are left out")
    func figures() async throws {
        let database = try generated()
        let figures = try await database.caseFigures(since: TestClock.now.addingTimeInterval(-90 * 86_400))
        let expected = try await database.reader.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM caseFile WHERE openedAt IS NOT NULL AND status = 'nouvelle'") ?? -1
        }
        #expect(figures.openByStatus[.nouvelle] ?? 0 == expected)
    }

    @Test("the busiest correspondents come by load for their capacity, and one row is read by id")
    func busiest() async throws {
        let database = try generated()
        let busiest = try await database.busiestCorrespondents(limit: 5)
        #expect(busiest.count == 5)
        let ratios = busiest.map { Double($0.load) / Double($0.correspondent.capacity) }
        #expect(ratios == ratios.sorted(by: >))
        let all = try await database.correspondentRows()
        let top = try #require(all.max { Double($0.load) / Double($0.correspondent.capacity) < Double($1.load) / Double($1.correspondent.capacity) })
        #expect(Double(top.load) / Double(top.correspondent.capacity) == ratios.first)
        let one = try await database.correspondentRow(id: busiest[0].correspondent.id!)
        #expect(one == busiest[0])
        let page = try await database.correspondentRows(limit: 50, offset: 50)
        #expect(page.total == all.count)
        #expect(page.rows == Array(all[50..<min(100, all.count)]))
    }
}
