import Foundation
@_spi(UseCases) import RelaisStore
import RelaisCore

/// Where the server key comes from when `RELAIS_SECRET_KEY` is not set: `relais.key` beside the
/// database, made at first start with mode 0600. Losing it only invalidates links in mails not yet
/// sent, anonymous form tokens and known-device cookies; nothing stored depends on it.
public enum ServerKeyFile {
    public static func path(forDatabase databasePath: String) -> String {
        URL(fileURLWithPath: databasePath).deletingLastPathComponent().appendingPathComponent("relais.key").path
    }

    /// The configured key, the key file's, or a new key file. An in-memory database (tests, one-off
    /// commands) gets a key of its own for the life of the process.
    public static func resolve(config: AppConfig) throws -> ServerKey {
        if let key = config.secretKey { return key }
        if config.databasePath == ":memory:" {
            guard let key = ServerKey(text: ServerKey.randomText()) else { throw StartupError("could not make a server key") }
            return key
        }
        let path = path(forDatabase: config.databasePath)
        if FileManager.default.fileExists(atPath: path) {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), let key = ServerKey(text: text) else {
                throw StartupError("the key file \(path) is unreadable or shorter than 32 characters; remove it to make a new one")
            }
            return key
        }
        let text = ServerKey.randomText()
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        // O_EXCL: two processes starting together never overwrite each other's key.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        if descriptor < 0 {
            if errno == EEXIST, let existing = try? String(contentsOfFile: path, encoding: .utf8), let key = ServerKey(text: existing) {
                return key
            }
            throw StartupError("could not create the key file \(path) (errno \(errno))")
        }
        let bytes = Array((text + "\n").utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        guard written == bytes.count, let key = ServerKey(text: text) else {
            throw StartupError("could not write the key file \(path)")
        }
        return key
    }
}
