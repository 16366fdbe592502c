import GRDB
import RelaisCore

extension ImportContext {
    /// Codes of collectivités listed twice under two codes in the source (see Seeds/territoire):
    /// Paris is kept as the collectivité `75C`, the Métropole de Lyon as `69M`.
    static let duplicateEmployers: Set<String> = ["75056", "200046977"]

    mutating func importTerritory(_ files: (departements: SeedFiles.File, collectivites: SeedFiles.File)) throws {
        let departementsFile = files.departements.name
        let table: CSVTable
        do {
            table = try CSVTable(text: files.departements.text, file: departementsFile,
                                 requiredColumns: ["code", "name", "region_code", "region_name"])
        } catch { errors.append(error); return }

        var regions: [String: Region] = [:]
        var departements: [Departement] = []
        for row in table.rows {
            let code = row["code"], regionCode = row["region_code"]
            guard Territory.isDepartementCode(code) else {
                fail(departementsFile, row.line, "code de département « \(code) » invalide")
                continue
            }
            guard !regionCode.isEmpty, !row["region_name"].isEmpty, !row["name"].isEmpty else {
                fail(departementsFile, row.line, "nom ou région manquant pour le département \(code)")
                continue
            }
            // The shared CSV writes « Côte-d'Or » with a straight quote; French text takes ’.
            regions[regionCode] = Region(code: regionCode, name: Text.typographicApostrophes(row["region_name"]))
            departements.append(Departement(code: code, name: Text.typographicApostrophes(row["name"]), regionCode: regionCode))
        }
        var regionCounts = SeedReport.Counts()
        for region in regions.values.sorted(by: { $0.code < $1.code }) {
            try upsertPlain(region, existing: try Region.fetchOne(db, key: region.code), counts: &regionCounts)
        }
        record("régions", regionCounts)
        var departementCounts = SeedReport.Counts()
        for departement in departements {
            try upsertPlain(departement, existing: try Departement.fetchOne(db, key: departement.code), counts: &departementCounts)
        }
        record("départements", departementCounts)
        let knownDepartements = Set(departements.map(\.code))

        let collectivitesFile = files.collectivites.name
        let collectivites: CSVTable
        do {
            collectivites = try CSVTable(text: files.collectivites.text, file: collectivitesFile,
                                         requiredColumns: ["code", "kind", "name", "departement", "population"])
        } catch { errors.append(error); return }
        let existing = Dictionary(
            try Collectivite.fetchAll(db).map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first }
        )
        var counts = SeedReport.Counts()
        for row in collectivites.rows where !Self.duplicateEmployers.contains(row["code"]) {
            let departementCode = row["departement"]
            guard knownDepartements.contains(departementCode) else {
                fail(collectivitesFile, row.line, "département « \(departementCode) » inconnu pour « \(row["name"]) »")
                continue
            }
            let populationText = row["population"]
            let population = Int(populationText)
            if !populationText.isEmpty, population == nil {
                fail(collectivitesFile, row.line, "population « \(populationText) » qui n’est pas un nombre")
                continue
            }
            let collectivite = Collectivite(
                code: row["code"], kind: row["kind"], name: Text.typographicApostrophes(row["name"]), searchName: Text.folded(row["name"]),
                departementCode: departementCode, population: population
            )
            try upsertPlain(collectivite, existing: existing[collectivite.code], counts: &counts)
        }
        record("collectivités", counts)
    }

    /// Inserts, updates or leaves a row whose whole content comes from the seed.
    func upsertPlain<Record: PersistableRecord & Equatable>(
        _ record: Record, existing: Record?, counts: inout SeedReport.Counts
    ) throws {
        switch existing {
        case nil:
            try record.insert(db)
            counts.inserted += 1
        case let existing? where existing == record:
            counts.unchanged += 1
        case .some:
            try record.update(db)
            counts.updated += 1
        }
    }
}
