import ArgumentParser
import Foundation
import Logging
import RelaisCore
import RelaisStore
import RelaisUseCases

@main
struct Relais: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relais",
        abstract: "Relais: peer support for local-government chief executives.",
        subcommands: [Serve.self, Migrate.self, Seed.self, UserCommand.self, Mail.self, OutboxCommand.self, Purge.self, Backup.self, FilesCommand.self, Dev.self]
    )
}

/// Prints one line on standard error and exits with status 1: how start-up problems are reported.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("relais: \(message)\n".utf8))
    return ExitCode(1)
}

/// Options shared by the commands that touch the database.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "SQLite database file (default: RELAIS_DB or data/relais.sqlite).")
    var path: String?

    func config() throws -> AppConfig {
        do {
            var config = try AppConfig.fromEnvironment()
            if let path { config.databasePath = path }
            return config
        } catch {
            throw fail(error.description)
        }
    }
}

func openDatabase(_ config: AppConfig) throws -> AppDatabase {
    do {
        return try AppDatabase.open(path: config.databasePath)
    } catch let error as DatabaseOpeningError {
        throw fail(error.description)
    } catch {
        throw fail("cannot open the database at \(config.databasePath): \(error)")
    }
}

func bootstrapLogging() {
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardOutput(label: label)
        handler.logLevel = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap(Logger.Level.init(rawValue:)) ?? .info
        return handler
    }
}
