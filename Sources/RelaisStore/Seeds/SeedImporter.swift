import Foundation
import GRDB
import Logging

/// Imports the curated content of `Seeds/` (territory, vademecum, parcours, directory) into the
/// database, in one transaction: a run either imports everything or changes nothing.
///
/// Rows are matched on their natural key (code, slug, key). Each seeded row stores a hash of its seed
/// text, so a second run with the same files changes nothing and an edited row is updated in place.
/// Rows removed from the files are left alone: staff may still rely on them.
public struct SeedImporter: Sendable {
    public let folder: URL
    /// The author written on fact-sheet versions made by the import.
    public static let author = "Import des données initiales"

    public init(folder: URL) {
        self.folder = folder
    }

    public init(path: String) {
        self.init(folder: URL(fileURLWithPath: path, isDirectory: true))
    }

    /// Imports every seed file; throws `SeedErrors` listing every problem found, with nothing written.
    @discardableResult
    public func run(into database: AppDatabase, now: Date = Date()) throws -> SeedReport {
        let files = try SeedFiles.read(from: folder)
        return try database.writer.write { db in
            var context = ImportContext(db: db, now: now)
            try context.importTerritory(files.territory)
            try context.importFactSheets(files.factSheets)
            try context.importSituations(files.situations)
            try context.importNetworks(files.networks)
            try context.importCorrespondents(files.correspondents)
            try context.importPartners(files.partners)
            try context.importAteliers(files.ateliers)
            try context.importSynonyms(files.synonyms)
            if !context.errors.isEmpty {
                // Throwing out of `write` rolls the whole transaction back.
                throw SeedErrors(errors: context.errors)
            }
            try AppDatabase.optimizeSearchIndex(db)
            return context.report
        }
    }
}

/// The raw text of every seed file, read before the transaction starts.
struct SeedFiles {
    struct File {
        let name: String
        let text: String
    }

    var territory: (departements: File, collectivites: File)
    var factSheets: [File]
    var situations: File
    var networks: File
    var correspondents: File
    var partners: File
    var ateliers: File
    var synonyms: File

    static func read(from folder: URL) throws -> SeedFiles {
        func file(_ path: String) throws -> File {
            let url = folder.appendingPathComponent(path)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw SeedErrors(errors: [SeedError(file: path, line: 0, message: "fichier introuvable dans \(folder.path)")])
            }
            guard let text = String(validating: data, as: UTF8.self) else {
                throw SeedErrors(errors: [SeedError(file: path, line: 0, message: "le fichier n’est pas en UTF-8")])
            }
            return File(name: path, text: text)
        }
        let vademecum = folder.appendingPathComponent("vademecum")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: vademecum.path)) ?? []
        let sheets = try names.filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") && $0 != "README.md" }.sorted()
            .map { try file("vademecum/\($0)") }
        return SeedFiles(
            territory: (try file("territoire/departements.csv"), try file("territoire/collectivites.csv")),
            factSheets: sheets,
            situations: try file("parcours/situations.yaml"),
            networks: try file("annuaire/reseaux.yaml"),
            correspondents: try file("annuaire/correspondants.csv"),
            partners: try file("annuaire/partenaires.csv"),
            ateliers: try file("annuaire/ateliers.csv"),
            synonyms: try file("recherche/synonymes.csv")
        )
    }
}

/// State of one import run inside its transaction.
struct ImportContext {
    let db: Database
    let now: Date
    var errors: [SeedError] = []
    var report = SeedReport()

    init(db: Database, now: Date) {
        self.db = db
        self.now = now
    }

    mutating func fail(_ file: String, _ line: Int, _ message: String) {
        errors.append(SeedError(file: file, line: line, message: message))
    }

    mutating func record(_ name: String, _ counts: SeedReport.Counts) {
        report.kinds.append((name, counts))
    }
}
