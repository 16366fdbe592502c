import RelaisCore
import RelaisUseCases
import Testing

@Suite("Configuration")
struct AppConfigTests {
    @Test("defaults work out of the box")
    func defaults() throws {
        let config = try AppConfig.fromEnvironment([:])
        #expect(config.databasePath == "data/relais.sqlite")
        #expect(config.hostname == "127.0.0.1")
        #expect(config.port == 8080)
        #expect(config.baseURL == "http://127.0.0.1:8080")
        #expect(config.smtpURL == nil)
        #expect(config.templatesPath == "Templates")
        #expect(!config.isHTTPS)
    }

    @Test("reads every RELAIS_ variable, and flags win over the environment")
    func environment() throws {
        let config = try AppConfig.fromEnvironment([
            "RELAIS_DB": "/srv/relais.sqlite", "RELAIS_HOST": "0.0.0.0", "RELAIS_PORT": "9000",
            "RELAIS_BASE_URL": "https://relais.example.org/", "RELAIS_SMTP_URL": "smtp://127.0.0.1:2525",
            "RELAIS_SMTP_USER": "u", "RELAIS_SMTP_PASSWORD": "p", "RELAIS_MAIL_FROM": "Relais <r@example.org>",
            "RELAIS_STAFF_EMAIL": "equipe@example.org", "RELAIS_TEMPLATES": "/t", "RELAIS_SEEDS": "/s", "RELAIS_PUBLIC": "/p",
        ], port: 9100)
        #expect(config.databasePath == "/srv/relais.sqlite")
        #expect(config.hostname == "0.0.0.0")
        #expect(config.port == 9100)
        #expect(config.baseURL == "https://relais.example.org")
        #expect(config.isHTTPS)
        #expect(config.smtpURL == "smtp://127.0.0.1:2525")
        #expect(config.smtpUser == "u" && config.smtpPassword == "p")
        #expect(config.mailFrom == "Relais <r@example.org>")
        #expect(config.staffEmail == "equipe@example.org")
        #expect(config.templatesPath == "/t" && config.seedsPath == "/s" && config.publicPath == "/p")
    }

    @Test("a value that cannot work is refused with one clear line", arguments: [
        ["RELAIS_PORT": "quatre-vingts"], ["RELAIS_PORT": "70000"], ["RELAIS_BASE_URL": "relais.example.org"],
        ["RELAIS_SMTP_URL": "http://mail.example.org"],
    ])
    func invalid(environment: [String: String]) {
        #expect(throws: ConfigError.self) { try AppConfig.fromEnvironment(environment) }
    }
}

extension AppConfigTests {
    @Test("case limits: 3 open and 3 a day by default, read from the environment, and a value that cannot work is one clear line")
    func caseLimits() throws {
        let defaults = try AppConfig.fromEnvironment([:])
        #expect(defaults.maxOpenCases == 3 && defaults.maxCasesPerDay == 3)
        let set = try AppConfig.fromEnvironment(["RELAIS_MAX_OPEN_CASES": "5", "RELAIS_MAX_CASES_PER_DAY": "2"])
        #expect(set.caseLimits == CaseLimits(maxOpen: 5, maxPerDay: 2))
        for bad in [["RELAIS_MAX_OPEN_CASES": "0"], ["RELAIS_MAX_CASES_PER_DAY": "trois"]] {
            #expect {
                _ = try AppConfig.fromEnvironment(bad)
            } throws: { error in
                let text = (error as? ConfigError)?.description ?? ""
                return text.contains(bad.keys.first ?? "?") && !text.contains("\n")
            }
        }
    }
}

extension AppConfigTests {
    @Test("case files: 10 MB a file and 100 MB a case by default, read in megabytes, the master key at least 32 characters")
    func fileSettings() throws {
        let defaults = try AppConfig.fromEnvironment([:])
        #expect(defaults.documentLimits == DocumentLimits(maxFileBytes: 10_000_000, maxCaseBytes: 100_000_000, maxFilesPerMessage: 10))
        #expect(defaults.filesKey == nil && defaults.filesPath == nil)
        let set = try AppConfig.fromEnvironment(["RELAIS_FILE_MAX_MB": "5", "RELAIS_CASE_FILES_MAX_MB": "50", "RELAIS_FILES_DIR": "/srv/pieces",
                                                 "RELAIS_FILES_KEY": String(repeating: "k", count: 32)])
        #expect(set.documentLimits.maxFileBytes == 5_000_000 && set.documentLimits.maxCaseBytes == 50_000_000)
        #expect(set.filesPath == "/srv/pieces" && set.filesKey != nil)
        for bad in [["RELAIS_FILE_MAX_MB": "0"], ["RELAIS_CASE_FILES_MAX_MB": "beaucoup"], ["RELAIS_FILES_KEY": "court"],
                    ["RELAIS_FILE_MAX_MB": "20", "RELAIS_CASE_FILES_MAX_MB": "10"]] {
            #expect(throws: ConfigError.self) { _ = try AppConfig.fromEnvironment(bad) }
        }
    }
}
