import Foundation
@_spi(UseCases) import RelaisStore
import RelaisCore
import RelaisFiles
import RelaisMail

/// Everything Relais reads from its environment, read once at start-up (DESIGN §6). Command-line
/// flags override the environment; every field has a default that works out of the box.
public struct AppConfig: Sendable {
    public var databasePath: String
    public var hostname: String
    public var port: Int
    /// The public address of the site, used in mails and to decide on `Secure` cookies.
    public var baseURL: String
    public var smtpURL: String?
    public var smtpUser: String?
    public var smtpPassword: String?
    public var mailFrom: String
    public var staffEmail: String?
    public var templatesPath: String
    public var seedsPath: String
    public var publicPath: String
    /// Demo mode: a banner says the people shown are fictional (and later, demo accounts exist).
    public var demo: Bool
    /// Hours a case may wait for a correspondent to accept it before staff are alerted
    /// (`RELAIS_ACCEPT_HOURS`, 48 by default).
    public var acceptanceHours: Double
    /// Publishing a fact sheet needs a staff member other than its last editor
    /// (`RELAIS_FOUR_EYES=non` waives it for a single-person association).
    public var fourEyes: Bool
    /// The server's signing key (`RELAIS_SECRET_KEY`); nil: the key file beside the database.
    public var secretKey: ServerKey?
    /// Reverse proxies whose `X-Forwarded-For` is believed (`RELAIS_TRUSTED_PROXIES`: addresses or
    /// CIDR ranges, comma-separated). Empty: the client is the connection's peer.
    public var trustedProxies: TrustedProxies
    /// A request's headers must arrive within this many seconds, its body within `bodyTimeout`:
    /// a client sending byte by byte is cut off instead of holding a connection forever.
    public var headerTimeout: Double
    public var bodyTimeout: Double
    /// Cases one director may have open at once (`RELAIS_MAX_OPEN_CASES`, 3 by default).
    public var maxOpenCases: Int = CaseLimits.defaultMaxOpen
    /// Cases one director may open in a day, Paris time (`RELAIS_MAX_CASES_PER_DAY`, 3 by default).
    public var maxCasesPerDay: Int = CaseLimits.defaultMaxPerDay
    /// The association's postal address, on one line, printed at the top of a fact sheet
    /// (`RELAIS_ASSOCIATION_ADDRESS`); nil: the sheet carries only the site's address.
    public var associationAddress: String?
    /// Where a case's files live (`RELAIS_FILES_DIR`); nil: `files/` beside the database.
    public var filesPath: String?
    /// The master key of the files (`RELAIS_FILES_KEY`); nil: the key file `files.key` beside the
    /// database, made at first start (`FilesSetup`).
    public var filesKey: FilesMasterKey?
    /// Sizes a case's files may reach (`RELAIS_FILE_MAX_MB`, `RELAIS_CASE_FILES_MAX_MB`).
    public var documentLimits = DocumentLimits()

    public init(
        databasePath: String = "data/relais.sqlite",
        hostname: String = "127.0.0.1",
        port: Int = 8080,
        baseURL: String? = nil,
        smtpURL: String? = nil,
        smtpUser: String? = nil,
        smtpPassword: String? = nil,
        mailFrom: String = "Relais <ne-pas-repondre@relais.localhost>",
        staffEmail: String? = nil,
        templatesPath: String = "Templates",
        seedsPath: String = "Seeds",
        publicPath: String = "Public",
        demo: Bool = false,
        acceptanceHours: Double = 48,
        fourEyes: Bool = true,
        secretKey: ServerKey? = nil,
        trustedProxies: TrustedProxies = TrustedProxies(),
        headerTimeout: Double = 10,
        bodyTimeout: Double = 30
    ) {
        self.databasePath = databasePath
        self.hostname = hostname
        self.port = port
        self.baseURL = baseURL ?? "http://\(hostname):\(port)"
        self.smtpURL = smtpURL
        self.smtpUser = smtpUser
        self.smtpPassword = smtpPassword
        self.mailFrom = mailFrom
        self.staffEmail = staffEmail
        self.templatesPath = templatesPath
        self.seedsPath = seedsPath
        self.publicPath = publicPath
        self.demo = demo
        self.acceptanceHours = acceptanceHours
        self.fourEyes = fourEyes
        self.secretKey = secretKey
        self.trustedProxies = trustedProxies
        self.headerTimeout = headerTimeout
        self.bodyTimeout = bodyTimeout
    }

    /// Reads the `RELAIS_*` variables; `hostname`, `port` and `demo` come from flags when given.
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        hostname: String? = nil,
        port: Int? = nil,
        demo: Bool = false
    ) throws(ConfigError) -> AppConfig {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
            return text
        }
        var resolvedPort = 8080
        if let port {
            resolvedPort = port
        } else if let text = value("RELAIS_PORT") {
            guard let number = Int(text) else { throw ConfigError("RELAIS_PORT must be a number, got \"\(text)\"") }
            resolvedPort = number
        }
        guard (1...65535).contains(resolvedPort) else {
            throw ConfigError("the port must be between 1 and 65535, got \(resolvedPort)")
        }
        let host = hostname ?? value("RELAIS_HOST") ?? "127.0.0.1"
        let baseURL = value("RELAIS_BASE_URL").map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        if let baseURL, !(baseURL.hasPrefix("http://") || baseURL.hasPrefix("https://")) {
            throw ConfigError("RELAIS_BASE_URL must start with http:// or https://, got \"\(baseURL)\"")
        }
        if let smtp = value("RELAIS_SMTP_URL"), !(smtp.hasPrefix("smtp://") || smtp.hasPrefix("smtps://")) {
            throw ConfigError("RELAIS_SMTP_URL must start with smtp:// or smtps://, got \"\(smtp)\"")
        }
        var acceptanceHours = 48.0
        if let text = value("RELAIS_ACCEPT_HOURS") {
            guard let hours = Double(text), hours > 0, hours <= 24 * 30 else {
                throw ConfigError("RELAIS_ACCEPT_HOURS must be a number of hours between 0 and 720, got \"\(text)\"")
            }
            acceptanceHours = hours
        }
        var fourEyes = true
        if let text = value("RELAIS_FOUR_EYES")?.lowercased() {
            switch text {
            case "oui", "yes", "on", "1", "true": fourEyes = true
            case "non", "no", "off", "0", "false": fourEyes = false
            default: throw ConfigError("RELAIS_FOUR_EYES must be oui or non, got \"\(text)\"")
            }
        }
        var secretKey: ServerKey?
        if let text = value("RELAIS_SECRET_KEY") {
            guard let key = ServerKey(text: text) else {
                throw ConfigError("RELAIS_SECRET_KEY must be at least 32 characters (e.g. the output of `openssl rand -hex 32`)")
            }
            secretKey = key
        }
        var trustedProxies = TrustedProxies()
        if let text = value("RELAIS_TRUSTED_PROXIES") {
            guard let proxies = TrustedProxies(list: text) else {
                throw ConfigError("RELAIS_TRUSTED_PROXIES must list IP addresses or CIDR ranges separated by commas, got \"\(text)\"")
            }
            trustedProxies = proxies
        }
                func limit(_ name: String, default fallback: Int) throws(ConfigError) -> Int {
            guard let text = value(name) else { return fallback }
            guard let number = Int(text), (1...100_000).contains(number) else {
                throw ConfigError("\(name) must be a whole number between 1 and 100000, got \"\(text)\"")
            }
            return number
        }
        let maxOpenCases = try limit("RELAIS_MAX_OPEN_CASES", default: CaseLimits.defaultMaxOpen)
        let maxCasesPerDay = try limit("RELAIS_MAX_CASES_PER_DAY", default: CaseLimits.defaultMaxPerDay)
        let associationAddress = value("RELAIS_ASSOCIATION_ADDRESS")
        if let associationAddress, associationAddress.count > 200 || associationAddress.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw ConfigError("RELAIS_ASSOCIATION_ADDRESS must be one line of at most 200 characters")
        }
        var config = AppConfig(
            databasePath: value("RELAIS_DB") ?? "data/relais.sqlite",
            hostname: host,
            port: resolvedPort,
            baseURL: baseURL,
            smtpURL: value("RELAIS_SMTP_URL"),
            smtpUser: value("RELAIS_SMTP_USER"),
            smtpPassword: value("RELAIS_SMTP_PASSWORD"),
            mailFrom: value("RELAIS_MAIL_FROM") ?? "Relais <ne-pas-repondre@relais.localhost>",
            // In the demo, staff alerts go to the demo staff account so they can be read in the outbox.
            staffEmail: value("RELAIS_STAFF_EMAIL") ?? (demo ? DemoAccounts.staffEmail : nil),
            templatesPath: value("RELAIS_TEMPLATES") ?? "Templates",
            seedsPath: value("RELAIS_SEEDS") ?? "Seeds",
            publicPath: value("RELAIS_PUBLIC") ?? "Public",
            demo: demo,
            acceptanceHours: acceptanceHours,
            fourEyes: fourEyes,
            secretKey: secretKey,
            trustedProxies: trustedProxies
        )
        config.maxOpenCases = maxOpenCases
        config.maxCasesPerDay = maxCasesPerDay
        config.associationAddress = associationAddress
        config.filesPath = value("RELAIS_FILES_DIR")
        if let text = value("RELAIS_FILES_KEY") {
            guard let key = FilesMasterKey(text: text) else {
                throw ConfigError("RELAIS_FILES_KEY must be at least 32 characters (e.g. the output of `openssl rand -hex 32`)")
            }
            config.filesKey = key
        }
        func megabytes(_ name: String, default fallback: Int) throws(ConfigError) -> Int {
            guard let text = value(name) else { return fallback * DocumentLimits.megabyte }
            guard let number = Int(text), (1...10_000).contains(number) else {
                throw ConfigError("\(name) must be a whole number of megabytes between 1 and 10000, got \"\(text)\"")
            }
            return number * DocumentLimits.megabyte
        }
        config.documentLimits.maxFileBytes = try megabytes("RELAIS_FILE_MAX_MB", default: 10)
        config.documentLimits.maxCaseBytes = try megabytes("RELAIS_CASE_FILES_MAX_MB", default: 100)
        guard config.documentLimits.maxCaseBytes >= config.documentLimits.maxFileBytes else {
            throw ConfigError("RELAIS_CASE_FILES_MAX_MB must be at least RELAIS_FILE_MAX_MB")
        }
        return config
    }

    /// The per-director case limits these settings give.
    public var caseLimits: CaseLimits { CaseLimits(maxOpen: maxOpenCases, maxPerDay: maxCasesPerDay) }

    /// The mail server settings, or nil when none is configured (mail then waits in the outbox).
    public var smtpSettings: SMTPSettings? {
        smtpURL.map { SMTPSettings(url: $0, user: smtpUser, password: smtpPassword) }
    }

    /// Whether the site is served over HTTPS (behind a proxy): cookies get `Secure`, HSTS is sent.
    public var isHTTPS: Bool { baseURL.hasPrefix("https://") }
}

/// A configuration value that cannot work; `description` is the one line printed at start-up.
public struct ConfigError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
