import ArgumentParser
import RelaisCore
import RelaisStore
import RelaisUseCases

struct Migrate: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Create or upgrade the database schema.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let config = try database.config()
        // Opening the database applies the migrations it lacks.
        _ = try openDatabase(config)
        print("database ready: \(config.databasePath)")
    }
}

struct Seed: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import the content of Seeds/ (territory, vademecum, parcours, directory). Safe to run again."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Seeds folder (default: RELAIS_SEEDS or Seeds).")
    var seeds: String?

    func run() throws {
        let config = try database.config()
        let appDatabase = try openDatabase(config)
        do {
            let report = try SeedImporter(path: seeds ?? config.seedsPath).run(into: appDatabase)
            print(report.description)
        } catch let error as SeedErrors {
            throw fail("\n\(error)")
        }
    }
}
