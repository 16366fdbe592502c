import GRDB
import RelaisCore

extension ImportContext {
    mutating func importNetworks(_ file: SeedFiles.File) throws {
        let root: YAMLNode
        do { root = try YAMLNode.parse(file.text, file: file.name) } catch { errors.append(error); return }
        var counts = SeedReport.Counts()
        for item in root.items {
            var valid = true
            func required(_ key: String) -> String {
                if let value = item.string(key) { return value }
                fail(file.name, item.line(of: key), "champ « \(key) » manquant")
                valid = false
                return ""
            }
            let slug = required("slug"), name = required("name"), kindCode = required("kind"), description = required("description")
            if !slug.isEmpty, !Text.isSlug(slug) {
                fail(file.name, item.line(of: "slug"), "slug « \(slug) » invalide")
                valid = false
            }
            let kind = NetworkKind(rawValue: kindCode)
            if kind == nil, !kindCode.isEmpty {
                fail(file.name, item.line(of: "kind"), "type « \(kindCode) » inconnu (attendu : \(NetworkKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                valid = false
            }
            let axes = parseAxes(item.strings("axes"), file: file.name, line: item.line(of: "axes"), valid: &valid)
            guard valid, let kind else { continue }
            let acronym = item.string("acronym") ?? "", website = item.string("website") ?? "", role = item.string("role") ?? ""
            let hash = stableHash([slug, name, acronym, kind.rawValue, website, description, role] + axes.map(\.rawValue))
            var network = Network(id: nil, slug: slug, name: name, acronym: acronym, kind: kind, website: website,
                                  description: description, role: role, archived: false, seedHash: hash)
            let existing = try Network.filter(Column("slug") == slug).fetchOne(db)
            guard try upsertSeeded(&network, existingId: existing?.id, existingHash: existing?.seedHash, counts: &counts) else { continue }
            try replaceAxes(table: "networkAxis", owner: "networkId", id: network.id, axes: axes)
        }
        record("réseaux", counts)
    }

    mutating func importCorrespondents(_ file: SeedFiles.File) throws {
        let table: CSVTable
        do {
            table = try CSVTable(text: file.text, file: file.name, requiredColumns: [
                "key", "first_name", "last_name", "email", "position", "main_departement",
                "other_departements", "axes", "capacity", "absent_until", "presentation",
            ])
        } catch { errors.append(error); return }
        let departements = Set(try String.fetchAll(db, sql: "SELECT code FROM departement"))
        var counts = SeedReport.Counts()
        var seen: Set<String> = []
        for row in table.rows {
            var valid = true
            for column in ["key", "first_name", "last_name", "email", "position", "main_departement", "capacity", "presentation"]
            where row[column].isEmpty {
                fail(file.name, row.line, "colonne « \(column) » vide")
                valid = false
            }
            let key = row["key"]
            if !key.isEmpty, !seen.insert(key).inserted {
                fail(file.name, row.line, "clé « \(key) » présente deux fois")
                valid = false
            }
            let main = row["main_departement"], others = row["other_departements"].listItems()
            for code in [main] + others where !code.isEmpty && !departements.contains(code) {
                fail(file.name, row.line, "département « \(code) » inconnu")
                valid = false
            }
            let capacity = Int(row["capacity"])
            if capacity == nil || capacity! < 0 || capacity! > 50 {
                if !row["capacity"].isEmpty {
                    fail(file.name, row.line, "capacité « \(row["capacity"]) » invalide (un nombre de 0 à 50)")
                }
                valid = false
            }
            var absentUntil: Day?
            if !row["absent_until"].isEmpty {
                absentUntil = Day(iso: row["absent_until"])
                if absentUntil == nil {
                    fail(file.name, row.line, "date « \(row["absent_until"]) » invalide (attendu : AAAA-MM-JJ)")
                    valid = false
                }
            }
            let axes = parseAxes(row["axes"].listItems(), file: file.name, line: row.line, valid: &valid)
            if axes.isEmpty, valid {
                fail(file.name, row.line, "aucun axe indiqué")
                valid = false
            }
            guard valid, let capacity else { continue }
            let covered = [main] + others.filter { $0 != main }
            let hash = stableHash(table.header.map { row[$0] })
            var correspondent = Correspondent(
                id: nil, key: key, firstName: row["first_name"], lastName: row["last_name"], email: row["email"],
                position: row["position"], mainDepartementCode: main, capacity: capacity, absentUntil: absentUntil,
                presentation: row["presentation"], active: true, seedHash: hash
            )
            let existing = try Correspondent.filter(Correspondent.Columns.key == key).fetchOne(db)
            if let existing { correspondent.active = existing.active }
            guard try upsertSeeded(&correspondent, existingId: existing?.id, existingHash: existing?.seedHash, counts: &counts) else { continue }
            try db.execute(sql: "DELETE FROM correspondentDepartement WHERE correspondentId = ?", arguments: [correspondent.id])
            for code in covered {
                try db.execute(sql: "INSERT INTO correspondentDepartement (correspondentId, departementCode) VALUES (?, ?)",
                               arguments: [correspondent.id, code])
            }
            try replaceAxes(table: "correspondentAxis", owner: "correspondentId", id: correspondent.id, axes: axes)
        }
        record("correspondants", counts)
    }

    mutating func importPartners(_ file: SeedFiles.File) throws {
        let table: CSVTable
        do {
            table = try CSVTable(text: file.text, file: file.name, requiredColumns: [
                "key", "name", "kind", "axes", "regions", "contact_name", "email", "phone", "website", "offer", "description",
            ])
        } catch { errors.append(error); return }
        let regions = Set(try String.fetchAll(db, sql: "SELECT code FROM region"))
        var counts = SeedReport.Counts()
        for row in table.rows {
            var valid = true
            for column in ["key", "name", "kind", "regions", "description"] where row[column].isEmpty {
                fail(file.name, row.line, "colonne « \(column) » vide")
                valid = false
            }
            let kind = PartnerKind(rawValue: row["kind"])
            if kind == nil, !row["kind"].isEmpty {
                fail(file.name, row.line, "type de partenaire « \(row["kind"]) » inconnu (attendu : \(PartnerKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                valid = false
            }
            let regionCodes = row["regions"].listItems()
            let national = regionCodes == ["national"]
            if !national {
                for code in regionCodes where !regions.contains(code) {
                    fail(file.name, row.line, "région « \(code) » inconnue (un code INSEE de région, ou « national »)")
                    valid = false
                }
            }
            let axes = parseAxes(row["axes"].listItems(), file: file.name, line: row.line, valid: &valid)
            guard valid, let kind else { continue }
            let hash = stableHash(table.header.map { row[$0] })
            var partner = Partner(
                id: nil, key: row["key"], name: row["name"], kind: kind, national: national,
                contactName: row["contact_name"], email: row["email"], phone: row["phone"], website: row["website"],
                offer: row["offer"], description: row["description"], archived: false, seedHash: hash
            )
            let existing = try Partner.filter(Column("key") == partner.key).fetchOne(db)
            if let existing { partner.archived = existing.archived }
            guard try upsertSeeded(&partner, existingId: existing?.id, existingHash: existing?.seedHash, counts: &counts) else { continue }
            try db.execute(sql: "DELETE FROM partnerRegion WHERE partnerId = ?", arguments: [partner.id])
            for code in national ? [] : regionCodes {
                try db.execute(sql: "INSERT OR IGNORE INTO partnerRegion (partnerId, regionCode) VALUES (?, ?)", arguments: [partner.id, code])
            }
            try replaceAxes(table: "partnerAxis", owner: "partnerId", id: partner.id, axes: axes)
        }
        record("partenaires", counts)
    }

    mutating func importAteliers(_ file: SeedFiles.File) throws {
        let table: CSVTable
        do {
            table = try CSVTable(text: file.text, file: file.name, requiredColumns: [
                "key", "title", "axis", "starts_at", "ends_at", "place", "visio", "region", "network", "description",
            ])
        } catch { errors.append(error); return }
        let regions = Set(try String.fetchAll(db, sql: "SELECT code FROM region"))
        var counts = SeedReport.Counts()
        for row in table.rows {
            var valid = true
            for column in ["key", "title", "axis", "starts_at", "ends_at", "visio", "description"] where row[column].isEmpty {
                fail(file.name, row.line, "colonne « \(column) » vide")
                valid = false
            }
            let axis = Axis(code: row["axis"])
            if axis == nil, !row["axis"].isEmpty {
                fail(file.name, row.line, "axe « \(row["axis"]) » inconnu")
                valid = false
            }
            for column in ["starts_at", "ends_at"] where !row[column].isEmpty && !Self.isLocalDateTime(row[column]) {
                fail(file.name, row.line, "date « \(row[column]) » invalide (attendu : AAAA-MM-JJTHH:MM)")
                valid = false
            }
            if Self.isLocalDateTime(row["starts_at"]), Self.isLocalDateTime(row["ends_at"]), row["ends_at"] < row["starts_at"] {
                fail(file.name, row.line, "l’atelier finit avant de commencer")
                valid = false
            }
            let online: Bool
            switch row["visio"] {
            case "oui": online = true
            case "non": online = false
            default:
                if !row["visio"].isEmpty { fail(file.name, row.line, "« visio » vaut « oui » ou « non »") }
                online = false
                valid = false
            }
            if !online, row["place"].isEmpty {
                fail(file.name, row.line, "un atelier en présentiel indique son lieu (colonne « place »)")
                valid = false
            }
            let regionCode = row["region"].isEmpty ? nil : row["region"]
            if let regionCode, !regions.contains(regionCode) {
                fail(file.name, row.line, "région « \(regionCode) » inconnue")
                valid = false
            }
            var networkId: Int64?
            if !row["network"].isEmpty {
                networkId = try Int64.fetchOne(db, sql: "SELECT id FROM network WHERE slug = ?", arguments: [row["network"]])
                if networkId == nil {
                    fail(file.name, row.line, "réseau « \(row["network"]) » inconnu (absent de annuaire/reseaux.yaml)")
                    valid = false
                }
            }
            // Optional columns: `capacity` (empty: no limit) and `access` (the visio link or exact address).
            var capacity: Int?
            if !row["capacity"].isEmpty {
                capacity = Int(row["capacity"])
                if capacity == nil || capacity! < 1 {
                    fail(file.name, row.line, "« capacity » vaut un nombre de places (1 ou plus), ou reste vide")
                    valid = false
                }
            }
            guard valid, let axis else { continue }
            let hash = stableHash(table.header.map { row[$0] })
            var atelier = Atelier(
                id: nil, key: row["key"], title: row["title"], axis: axis, startsAt: row["starts_at"], endsAt: row["ends_at"],
                place: row["place"], online: online, regionCode: regionCode, networkId: networkId,
                description: row["description"], archived: false, seedHash: hash, capacity: capacity, accessDetails: row["access"]
            )
            let existing = try Atelier.filter(Column("key") == atelier.key).fetchOne(db)
            // What staff decided in Relais stays: archiving, closing, cancelling.
            if let existing {
                atelier.archived = existing.archived
                atelier.closedAt = existing.closedAt
                atelier.cancelledAt = existing.cancelledAt
            }
            _ = try upsertSeeded(&atelier, existingId: existing?.id, existingHash: existing?.seedHash, counts: &counts)
        }
        record("ateliers", counts)
    }

    // MARK: - Helpers

    static func isLocalDateTime(_ text: String) -> Bool {
        let parts = text.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, Day(iso: String(parts[0])) != nil else { return false }
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 2, time.allSatisfy({ $0.count == 2 }), let hour = Int(time[0]), let minute = Int(time[1]) else { return false }
        return (0...23).contains(hour) && (0...59).contains(minute)
    }

    mutating func parseAxes(_ codes: [String], file: String, line: Int, valid: inout Bool) -> [Axis] {
        var axes: [Axis] = []
        for code in codes {
            if let axis = Axis(code: code) {
                if !axes.contains(axis) { axes.append(axis) }
            } else {
                fail(file, line, "axe « \(code) » inconnu (attendu : \(Axis.allCases.map(\.rawValue).joined(separator: ", ")))")
                valid = false
            }
        }
        return axes
    }

    func replaceAxes(table: String, owner: String, id: Int64?, axes: [Axis]) throws {
        try db.execute(sql: "DELETE FROM \(table) WHERE \(owner) = ?", arguments: [id])
        for axis in axes {
            try db.execute(sql: "INSERT INTO \(table) (\(owner), axis) VALUES (?, ?)", arguments: [id, axis.rawValue])
        }
    }

    /// Inserts a new seeded row or updates a changed one; returns whether it was written, so the
    /// caller rewrites its child rows only then. `record.id` is set either way.
    func upsertSeeded<Record: SeededRecord>(
        _ record: inout Record, existingId: Int64?, existingHash: String?, counts: inout SeedReport.Counts
    ) throws -> Bool {
        if let existingId {
            record.id = existingId
            // Staff changed it in Relais: their version wins over the seed file.
            if existingHash == record.seedHash || existingHash == SeedImporter.editedInRelais {
                counts.unchanged += 1
                return false
            }
            try record.update(db)
            counts.updated += 1
        } else {
            try record.insert(db)
            counts.inserted += 1
        }
        return true
    }
}

extension SeedImporter {
    /// The `seedHash` of a seeded row staff edited in Relais: `relais seed` leaves it alone since.
    public static let editedInRelais = "edite-dans-relais"
}

/// A record imported from seeds: an integer id and the hash of its seed text.
protocol SeededRecord: MutablePersistableRecord {
    var id: Int64? { get set }
    var seedHash: String? { get }
}

extension Network: SeededRecord {}
extension Correspondent: SeededRecord {}
extension Partner: SeededRecord {}
extension Atelier: SeededRecord {}
