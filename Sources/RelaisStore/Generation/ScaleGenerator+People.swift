import Foundation
import GRDB
import RelaisCore

/// Fact sheets, correspondents and directors.
extension ScaleGenerator {
    static let aspects = [
        "mode d’emploi", "les délais à connaître", "vos droits", "cas pratiques", "questions fréquentes", "points de vigilance",
        "ce que dit la jurisprudence", "le calendrier", "préparer l’échange", "les étapes", "les recours possibles", "l’essentiel",
    ]

    /// The day `offset` days from the generation day.
    func day(_ offset: Int) -> Day {
        Day(now).adding(days: offset) ?? Day(now)
    }

    func sentence(_ random: inout SeededRandom) -> String {
        let subject = random.pick(Text.subjects)
        return subject.prefix(1).uppercased() + subject.dropFirst() + " " + random.pick(Text.verbs) + " " + random.pick(Text.complements) + "."
    }

    func paragraph(_ random: inout SeededRandom, sentences: ClosedRange<Int>) -> String {
        var parts = (0..<random.int(sentences)).map { _ in sentence(&random) }
        if random.chance(0.3) { parts.append(random.pick(Text.advice)) }
        if random.chance(0.2) { parts[0] = "**" + parts[0].dropLast() + "**." }
        return parts.joined(separator: " ")
    }

    /// A Markdown body of four to seven sections, with paragraphs and lists (2 to 4 KB).
    func sheetBody(_ random: inout SeededRandom) -> String {
        var sections: [String] = []
        for heading in Text.headings.shuffled(using: &random).prefix(random.int(4...7)) {
            var section = "## \(heading)\n\n" + paragraph(&random, sentences: 2...5)
            if random.chance(0.5) {
                section += "\n\n" + (0..<random.int(3...5)).map { _ in "- " + random.pick(Text.subjects) + " " + random.pick(Text.complements) + " ;" }
                    .joined(separator: "\n")
            }
            if random.chance(0.4) { section += "\n\n" + paragraph(&random, sentences: 1...3) }
            sections.append(section)
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    func addFactSheets(territory: Territory, random: inout SeededRandom, in db: Database) throws -> Int {
        let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM factSheet") ?? 0
        let count = max(0, sizes.sheets - existing)
        let insertSheet = try db.cachedStatement(sql: """
            INSERT INTO factSheet (slug, title, summary, axis, theme, tags, legalReferences, bodyMarkdown, status, needsCheck,
                                   lastReviewed, nextReview, currentVersion, updatedAt, seedHash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, 1, ?, ?)
            """)
        let insertVersion = try db.cachedStatement(sql: """
            INSERT INTO factSheetVersion (factSheetId, version, title, summary, axis, theme, tags, legalReferences, bodyMarkdown,
                                          status, author, createdAt)
            VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?, 'Équipe de l’association', ?)
            """)
        var ids: [Int64] = []
        for index in 1...max(1, count) where count > 0 {
            let subject = random.pick(Text.subjects)
            let title = subject.prefix(1).uppercased() + subject.dropFirst() + " : " + random.pick(Self.aspects)
            let status: FactSheetStatus = switch random.unit() {
            case ..<0.85: .publiee
            case ..<0.92: .brouillon
            case ..<0.97: .enRelecture
            default: .archivee
            }
            let axis = random.chance(0.55) ? Axis.juridique : random.pick(Axis.allCases)
            let tags = Text.tags.shuffled(using: &random).prefix(random.int(2...5)).joined(separator: "\n")
            let references = Text.legalReferences.shuffled(using: &random).prefix(random.int(1...4)).joined(separator: "\n")
            let summary = sentence(&random) + " " + sentence(&random)
            let body = sheetBody(&random)
            let theme = random.pick(Text.themes)
            let nextReview = day(random.chance(0.04) ? -random.int(1...90) : random.int(30...400))
            let updatedAt = StoredDate.text(now.addingTimeInterval(-Double(random.int(0...(3 * 365 * 86_400)))))
            try insertSheet.execute(arguments: [
                String(format: "fiche-%05d", index), title, summary, axis.rawValue, theme, tags, references, body, status.rawValue,
                day(-random.int(0...300)).iso, nextReview.iso, updatedAt, SeedImporter.editedInRelais,
            ])
            let id = db.lastInsertedRowID
            ids.append(id)
            try insertVersion.execute(arguments: [id, title, summary, axis.rawValue, theme, tags, references, body, status.rawValue, updatedAt])
        }
        let link = try db.cachedStatement(sql: "INSERT OR IGNORE INTO factSheetLink (factSheetId, relatedId) VALUES (?, ?)")
        for id in ids {
            for _ in 0..<random.int(0...3) {
                let other = random.pick(ids)
                if other != id { try link.execute(arguments: [id, other]) }
            }
        }
        return ids.count
    }

    /// A correspondent as the generator keeps it in memory to route the cases it writes.
    struct NetworkMember {
        var id: Int64
        var userId: Int64
        var firstName: String
        var fullName: String
        var mainDepartement: String
        var departements: [String]
        var axes: Set<Axis>
        var capacity: Int
        var load = 0
        /// Active and not absent today: may receive a case now.
        var available: Bool
    }

    func addCorrespondents(territory: Territory, random: inout SeededRandom, in db: Database) throws -> [NetworkMember] {
        let existing = try Int.fetchOne(db, sql: "SELECT count(*) FROM correspondent") ?? 0
        let count = max(0, sizes.correspondents - existing)
        guard count > 0 else { return [] }
        let today = Day(now)
        let insertCorrespondent = try db.cachedStatement(sql: """
            INSERT INTO correspondent (key, firstName, lastName, email, position, mainDepartementCode, capacity, absentUntil, presentation,
                                       active, seedHash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let insertCoverage = try db.cachedStatement(sql: "INSERT INTO correspondentDepartement (correspondentId, departementCode) VALUES (?, ?)")
        let insertAxis = try db.cachedStatement(sql: "INSERT INTO correspondentAxis (correspondentId, axis) VALUES (?, ?)")
        let insertUser = try userStatement(db)
        var members: [NetworkMember] = []
        for index in 1...count {
            let first = random.pick(Text.firstNames), last = random.pick(Text.lastNames)
            let main = random.pick(territory.departements)
            let region = territory.regionOf[main] ?? ""
            var covered = [main]
            switch random.unit() {
            case ..<0.80:  // main département and a neighbour or two of the same région
                covered += (territory.departementsOf[region] ?? []).shuffled(using: &random).prefix(random.int(0...2))
            case ..<0.95:  // a whole région
                covered += territory.departementsOf[region] ?? []
            default:  // a national profile: départements all over France
                covered += territory.departements.shuffled(using: &random).prefix(random.int(8...20))
            }
            var seen = Set<String>()
            covered = covered.filter { seen.insert($0).inserted }
            var axes: Set<Axis> = random.chance(0.7) ? [.solidarite] : []
            while axes.count < random.int(1...3) { axes.insert(random.pick(Axis.allCases)) }
            let capacity = random.int(2...8)
            let absence: Day? = switch random.unit() {
            case ..<0.04: day(random.int(1...60))
            case ..<0.10: day(-random.int(1...200))
            default: nil
            }
            let active = random.chance(0.97)
            let email = "correspondant\(index)@generes.relais.example"
            let position = random.pick(Text.correspondentPositions)
            let presentation = position.prefix(1).uppercased() + position.dropFirst() + ", je connais \(random.pick(Text.subjects)) et \(random.pick(Text.subjects)). " + random.pick(Text.advice)
            try insertCorrespondent.execute(arguments: [
                "genere-\(index)", first, last, email, position, main, capacity, absence?.iso, presentation,
                active, SeedImporter.editedInRelais,
            ])
            let id = db.lastInsertedRowID
            for code in covered { try insertCoverage.execute(arguments: [id, code]) }
            for axis in axes.sorted(by: { $0.rawValue < $1.rawValue }) { try insertAxis.execute(arguments: [id, axis.rawValue]) }
            let employer = random.chance(0.7) ? territory.collectivites[main].map { random.pick($0) } : nil
            let created = StoredDate.text(now.addingTimeInterval(-Double(random.int(30...(5 * 365)) * 86_400)))
            try insertUser.execute(arguments: [email, "\(first) \(last)", Role.correspondant.rawValue, Position.dgs.rawValue, employer,
                                               main, email, passwordHash, created, id, created, created])
            members.append(NetworkMember(
                id: id, userId: db.lastInsertedRowID, firstName: first, fullName: "\(first) \(last)", mainDepartement: main,
                departements: covered, axes: axes, capacity: capacity, available: active && (absence.map { $0 < today } ?? true)
            ))
        }
        return members
    }

    func userStatement(_ db: Database) throws -> Statement {
        try db.cachedStatement(sql: """
            INSERT INTO user (email, name, role, position, employerCode, departementCode, notificationEmail, passwordHash, emailConfirmedAt,
                              correspondentId, demo, createdAt, updatedAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?)
            """)
    }

    struct Director {
        var userId: Int64
        var name: String
        var email: String
        var departement: String
        var employerCode: String?
    }

    /// About three directors for every five cases: most open one case, some several.
    func addDirectors(territory: Territory, random: inout SeededRandom, in db: Database) throws -> [Director] {
        let insertUser = try userStatement(db)
        var directors: [Director] = []
        for index in 1...max(1, sizes.cases * 3 / 5) {
            let name = "\(random.pick(Text.firstNames)) \(random.pick(Text.lastNames))"
            let departement = random.pick(territory.departements)
            let employer = territory.collectivites[departement].map { random.pick($0) }
            let email = "directeur\(index)@generes.relais.example"
            let created = StoredDate.text(now.addingTimeInterval(-Double(random.int(1...(6 * 365)) * 86_400)))
            try insertUser.execute(arguments: [email, name, Role.demandeur.rawValue, random.pick(Position.allCases).rawValue, employer,
                                               departement, email, passwordHash, created, nil, created, created])
            directors.append(Director(userId: db.lastInsertedRowID, name: name, email: email, departement: departement, employerCode: employer))
        }
        return directors
    }
}
