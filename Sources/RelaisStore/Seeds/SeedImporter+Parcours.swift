import GRDB
import RelaisCore

extension ImportContext {
    mutating func importSituations(_ file: SeedFiles.File) throws {
        let root: YAMLNode
        do { root = try YAMLNode.parse(file.text, file: file.name) } catch { errors.append(error); return }
        guard root.node.sequence != nil else {
            fail(file.name, 1, "le fichier doit être une liste de situations (« - slug: … »)")
            return
        }
        var counts = SeedReport.Counts()
        var seen: Set<String> = []
        for (index, item) in root.items.enumerated() {
            guard let parsed = parseSituation(item, file: file.name, position: index + 1) else { continue }
            guard seen.insert(parsed.situation.slug).inserted else {
                fail(file.name, item.line, "situation « \(parsed.situation.slug) » présente deux fois")
                continue
            }
            try upsertSituation(parsed.situation, steps: parsed.steps, counts: &counts)
        }
        record("situations", counts)
    }

    private struct SeededStep {
        var axis: Axis
        var title: String
        var body: String
        var factSheetIds: [Int64]
        var partnerKinds: [PartnerKind]
    }

    private mutating func parseSituation(_ item: YAMLNode, file: String, position: Int) -> (situation: Situation, steps: [SeededStep])? {
        guard item.isMapping else {
            fail(file, item.line, "chaque situation est une liste de clés (slug, title, summary, urgency, steps)")
            return nil
        }
        var valid = true
        func required(_ key: String, of node: YAMLNode) -> String {
            if let value = node.string(key) { return value }
            fail(file, node.line(of: key), "champ « \(key) » manquant")
            valid = false
            return ""
        }
        let slug = required("slug", of: item), title = required("title", of: item)
        let summary = required("summary", of: item), urgencyCode = required("urgency", of: item)
        if !slug.isEmpty, !Text.isSlug(slug) {
            fail(file, item.line(of: "slug"), "slug « \(slug) » invalide (minuscules sans accent, chiffres et tirets)")
            valid = false
        }
        let urgency = SituationUrgency(rawValue: urgencyCode)
        if urgency == nil, !urgencyCode.isEmpty {
            fail(file, item.line(of: "urgency"), "urgence « \(urgencyCode) » inconnue (attendu : haute, moyenne ou normale)")
            valid = false
        }
        let stepNodes = item.node["steps"].map { YAMLNode(node: $0, lineOffset: item.lineOffset).items } ?? []
        if stepNodes.isEmpty {
            fail(file, item.line, "la situation « \(slug) » n’a aucune étape (« steps »)")
            valid = false
        }
        var steps: [SeededStep] = []
        for step in stepNodes {
            let axisCode = required("axis", of: step), stepTitle = required("title", of: step), body = required("body", of: step)
            guard let axis = Axis(code: axisCode) else {
                if !axisCode.isEmpty {
                    fail(file, step.line(of: "axis"), "axe « \(axisCode) » inconnu (attendu : \(Axis.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                valid = false
                continue
            }
            var sheetIds: [Int64] = []
            for slug in step.strings("fiches") {
                if let id = try? Int64.fetchOne(db, sql: "SELECT id FROM factSheet WHERE slug = ?", arguments: [slug]) {
                    if !sheetIds.contains(id) { sheetIds.append(id) }
                } else {
                    fail(file, step.line(of: "fiches"), "fiche « \(slug) » inconnue (aucun fichier vademecum/\(slug).md)")
                    valid = false
                }
            }
            var kinds: [PartnerKind] = []
            for code in step.strings("partner_kinds") {
                if let kind = PartnerKind(rawValue: code) {
                    if !kinds.contains(kind) { kinds.append(kind) }
                } else {
                    fail(file, step.line(of: "partner_kinds"), "type de partenaire « \(code) » inconnu (attendu : \(PartnerKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                    valid = false
                }
            }
            steps.append(SeededStep(axis: axis, title: stepTitle, body: body, factSheetIds: sheetIds, partnerKinds: kinds))
        }
        guard valid, let urgency else { return nil }
        let stepText = steps.map { step in
            [step.axis.rawValue, step.title, step.body, step.factSheetIds.map(String.init).joined(separator: ","),
             step.partnerKinds.map(\.rawValue).joined(separator: ",")].joined(separator: "\u{1}")
        }
        let endOfFunctions = item.bool("end_of_functions") ?? false
        let hash = stableHash([slug, title, summary, urgency.rawValue, endOfFunctions ? "1" : "0", String(position)] + stepText)
        let situation = Situation(
            id: nil, slug: slug, title: title, summary: summary, urgency: urgency,
            endOfFunctions: endOfFunctions, position: position, seedHash: hash
        )
        return (situation, steps)
    }

    private func upsertSituation(_ seeded: Situation, steps: [SeededStep], counts: inout SeedReport.Counts) throws {
        var situation = seeded
        if let existing = try Situation.filter(Situation.Columns.slug == seeded.slug).fetchOne(db) {
            // Unchanged, or edited by staff in Relais since: the parcours editor's version wins.
            if existing.seedHash == seeded.seedHash || existing.seedHash == SeedImporter.editedInRelais {
                counts.unchanged += 1
                return
            }
            situation.id = existing.id
            try situation.update(db)
            try SituationStep.filter(SituationStep.Columns.situationId == existing.id).deleteAll(db)
            counts.updated += 1
        } else {
            try situation.insert(db)
            counts.inserted += 1
        }
        guard let situationId = situation.id else { return }
        for (index, seededStep) in steps.enumerated() {
            var step = SituationStep(
                id: nil, situationId: situationId, axis: seededStep.axis, position: index + 1,
                title: seededStep.title, body: seededStep.body
            )
            try step.insert(db)
            for (order, sheetId) in seededStep.factSheetIds.enumerated() {
                try db.execute(sql: "INSERT INTO situationStepFactSheet (stepId, factSheetId, position) VALUES (?, ?, ?)",
                               arguments: [step.id, sheetId, order + 1])
            }
            for kind in seededStep.partnerKinds {
                try db.execute(sql: "INSERT INTO situationStepPartnerKind (stepId, kind) VALUES (?, ?)",
                               arguments: [step.id, kind.rawValue])
            }
        }
    }
}
