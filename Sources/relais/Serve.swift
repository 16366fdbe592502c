import ArgumentParser
import Foundation
import Hummingbird
import Logging
import NIOCore
import RelaisCore
import RelaisStore
import RelaisUseCases
import RelaisWeb

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the web application.")

    @Option(help: "Address to listen on (default: RELAIS_HOST or 127.0.0.1).")
    var hostname: String?

    @Option(help: "Port to listen on (default: RELAIS_PORT or 8080).")
    var port: Int?

    @Flag(help: "Demo mode: a banner says the people shown are fictional.")
    var demo = false

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        bootstrapLogging()
        let logger = Logger(label: "relais")
        var config: AppConfig
        do {
            config = try AppConfig.fromEnvironment(hostname: hostname, port: port, demo: demo)
        } catch {
            throw fail(error.description)
        }
        if let path = database.path { config.databasePath = path }
        let appDatabase = try openDatabase(config)

        if try appDatabase.isEmpty() {
            logger.info("empty database: importing the seeds", metadata: ["seeds": "\(config.seedsPath)"])
            do {
                let report = try SeedImporter(path: config.seedsPath).run(into: appDatabase)
                logger.info("seeds imported", metadata: ["rows": "\(report.totalChanged)"])
            } catch let error as SeedErrors {
                throw fail("the seeds could not be imported, nothing was written\n\(error)")
            }
        }

        if config.demo {
            try await DemoAccounts.ensure(in: appDatabase)
            try await DemoGroups.ensure(in: appDatabase)
            for account in DemoAccounts.list {
                logger.notice("demo account", metadata: ["role": "\(account.role)", "email": "\(account.email)", "password": "\(account.password)"])
            }
        } else if try await DemoAccounts.remove(from: appDatabase) > 0 {
            logger.notice("demo accounts removed: the server runs without --demo")
        }

        let app: any ApplicationProtocol
        do {
            app = try await buildApplication(config: config, database: appDatabase, logger: logger)
        } catch let error as StartupError {
            throw fail(error.description)
        }
        do {
            try await app.runService()
        } catch let error as IOError where error.errnoCode == EADDRINUSE {
            throw fail("port \(config.port) on \(config.hostname) is already in use; choose another with --port or RELAIS_PORT")
        } catch let error as IOError where error.errnoCode == EACCES {
            throw fail("not allowed to listen on \(config.hostname):\(config.port); choose a port above 1024")
        } catch {
            throw fail("the server stopped: \(error)")
        }
    }
}
