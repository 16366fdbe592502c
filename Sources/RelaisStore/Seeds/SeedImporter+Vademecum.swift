import Foundation
import GRDB
import RelaisCore

extension ImportContext {
    mutating func importFactSheets(_ files: [SeedFiles.File]) throws {
        var counts = SeedReport.Counts()
        var related: [(slug: String, file: String, line: Int, targets: [String])] = []
        for file in files {
            let slug = String(file.name.dropFirst("vademecum/".count).dropLast(".md".count))
            guard Text.isSlug(slug) else {
                fail(file.name, 1, "nom de fichier « \(slug) » : le slug ne doit contenir que des minuscules sans accent, des chiffres et des tirets")
                continue
            }
            guard let parsed = parseFactSheet(file, slug: slug) else { continue }
            related.append((slug, file.name, parsed.relatedLine, parsed.related))
            try upsertFactSheet(parsed.sheet, counts: &counts)
        }
        // Links are resolved once every sheet exists, so a sheet may point to one after it.
        for entry in related {
            guard let sheetId = try FactSheet.filter(FactSheet.Columns.slug == entry.slug).fetchOne(db)?.id else { continue }
            try db.execute(sql: "DELETE FROM factSheetLink WHERE factSheetId = ?", arguments: [sheetId])
            for target in entry.targets {
                guard let targetId = try FactSheet.filter(FactSheet.Columns.slug == target).fetchOne(db)?.id else {
                    fail(entry.file, entry.line, "fiche liée « \(target) » inconnue (aucun fichier vademecum/\(target).md)")
                    continue
                }
                guard targetId != sheetId else { continue }
                try db.execute(sql: "INSERT OR IGNORE INTO factSheetLink (factSheetId, relatedId) VALUES (?, ?)",
                               arguments: [sheetId, targetId])
            }
        }
        record("fiches", counts)
    }

    private mutating func parseFactSheet(
        _ file: SeedFiles.File, slug: String
    ) -> (sheet: FactSheet, related: [String], relatedLine: Int)? {
        let text = file.text.replacingOccurrences(of: "\r\n", with: "\n")
        guard text.hasPrefix("---\n"), let end = text.range(of: "\n---\n", range: text.index(text.startIndex, offsetBy: 3)..<text.endIndex) else {
            fail(file.name, 1, "en-tête YAML absent : le fichier doit commencer par « --- » et l’en-tête finir par « --- »")
            return nil
        }
        let frontMatter = String(text[text.index(text.startIndex, offsetBy: 4)..<end.lowerBound])
        let body = String(text[end.upperBound...]).trimmingWhitespace()
        let meta: YAMLNode
        do {
            meta = try YAMLNode.parse(frontMatter, file: file.name, lineOffset: 1)
        } catch {
            errors.append(error)
            return nil
        }
        guard meta.isMapping else {
            fail(file.name, 2, "l’en-tête doit être une liste de clés « clé: valeur »")
            return nil
        }
        var valid = true
        func required(_ key: String) -> String {
            if let value = meta.string(key) { return value }
            fail(file.name, meta.line(of: key), "champ « \(key) » manquant")
            valid = false
            return ""
        }
        let title = required("title"), summary = required("summary"), axisCode = required("axis"), theme = required("theme")
        let axis = Axis(code: axisCode)
        if axis == nil, !axisCode.isEmpty {
            fail(file.name, meta.line(of: "axis"), "axe « \(axisCode) » inconnu (attendu : \(Axis.allCases.map(\.rawValue).joined(separator: ", ")))")
            valid = false
        }
        func day(_ key: String) -> Day? {
            guard let text = meta.string(key) else { return nil }
            guard let day = Day(iso: text) else {
                fail(file.name, meta.line(of: key), "date « \(text) » invalide pour « \(key) » (attendu : AAAA-MM-JJ)")
                valid = false
                return nil
            }
            return day
        }
        let lastReviewed = day("last_reviewed"), nextReview = day("next_review")
        if lastReviewed == nil, meta.string("last_reviewed") == nil {
            fail(file.name, meta.line, "champ « last_reviewed » manquant : chaque fiche indique sa date de dernière relecture")
            valid = false
        }
        if body.isEmpty {
            fail(file.name, 1, "le corps de la fiche est vide")
            valid = false
        }
        guard valid, let axis else { return nil }
        let tags = meta.strings("tags"), references = meta.strings("legal_references")
        let needsCheck = meta.bool("a_verifier") ?? false
        let hash = stableHash([title, summary, axis.rawValue, theme, tags.joined(separator: "\n"), references.joined(separator: "\n"),
                               body, lastReviewed?.iso ?? "", nextReview?.iso ?? "", needsCheck ? "1" : "0"])
        let sheet = FactSheet(
            id: nil, slug: slug, title: title, summary: summary, axis: axis, theme: theme,
            tags: tags.joined(separator: "\n"), legalReferences: references.joined(separator: "\n"),
            bodyMarkdown: body, status: .publiee, needsCheck: needsCheck,
            lastReviewed: lastReviewed, nextReview: nextReview, currentVersion: 1, updatedAt: now, seedHash: hash
        )
        return (sheet, meta.strings("related"), meta.line(of: "related"))
    }

    /// A new sheet gets version 1; a changed one a new published version. When staff have edited the
    /// sheet in Relais, their published text stays, but the seed's text is not dropped either: it becomes
    /// a new version « en relecture » in the history, so a legal correction shipped in the seeds reaches
    /// the people who must decide on it instead of vanishing.
    private func upsertFactSheet(_ seeded: FactSheet, counts: inout SeedReport.Counts) throws {
        guard var existing = try FactSheet.filter(FactSheet.Columns.slug == seeded.slug).fetchOne(db), let id = existing.id else {
            var sheet = seeded
            try sheet.insert(db)
            try insertVersion(of: sheet)
            counts.inserted += 1
            return
        }
        if existing.seedHash == seeded.seedHash {
            counts.unchanged += 1
            return
        }
        let editedByStaff = try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM factSheetVersion WHERE factSheetId = ? AND author <> ?)",
            arguments: [id, SeedImporter.author]
        ) ?? false
        if editedByStaff || existing.seedHash == SeedImporter.editedInRelais {
            try proposeVersion(of: existing, from: seeded)
            counts.kept += 1
            return
        }
        existing.title = seeded.title
        existing.summary = seeded.summary
        existing.axis = seeded.axis
        existing.theme = seeded.theme
        existing.tags = seeded.tags
        existing.legalReferences = seeded.legalReferences
        existing.bodyMarkdown = seeded.bodyMarkdown
        existing.needsCheck = seeded.needsCheck
        existing.lastReviewed = seeded.lastReviewed
        existing.nextReview = seeded.nextReview
        existing.currentVersion += 1
        existing.updatedAt = now
        existing.seedHash = seeded.seedHash
        try existing.update(db)
        try insertVersion(of: existing)
        counts.updated += 1
    }

    /// Adds the seed's text as the newest version, to review, leaving what readers see untouched; the
    /// seed hash is recorded so that the next import of the same text adds nothing.
    private func proposeVersion(of existing: FactSheet, from seeded: FactSheet) throws {
        guard let id = existing.id else { return }
        let newest = try FactSheetVersion.filter(Column("factSheetId") == id).order(Column("version").desc).fetchOne(db)
        var sheet = existing
        sheet.seedHash = seeded.seedHash
        // Staff already hold this very text (they published the proposal): nothing new to propose.
        if let newest, AppDatabase.SheetContent(newest) == AppDatabase.SheetContent(seeded) {
            try sheet.update(db)
            return
        }
        let latest = newest?.version ?? 0
        try AppDatabase.insertVersion(sheetId: id, number: latest + 1, content: AppDatabase.SheetContent(seeded), status: .enRelecture,
                                      author: SeedImporter.author, now: now, in: db)
        if sheet.status != .publiee { sheet.currentVersion = latest + 1 }
        try sheet.update(db)
    }

    private func insertVersion(of sheet: FactSheet) throws {
        guard let id = sheet.id else { return }
        try AppDatabase.insertVersion(sheetId: id, number: sheet.currentVersion, content: AppDatabase.SheetContent(sheet), status: sheet.status,
                                      author: SeedImporter.author, now: now, in: db)
    }
}
