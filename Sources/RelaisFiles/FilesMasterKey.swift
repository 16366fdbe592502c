import Crypto
import Foundation

/// The key that wraps every file's own key (« clé maîtresse »): 256 bits, from `RELAIS_FILES_KEY`
/// or from `files.key` beside the database. Files are never encrypted with it directly, so changing
/// it (`relais files rotate-key`) rewrites 60 bytes per file in the database and no file on disk.
public struct FilesMasterKey: Sendable {
    let key: SymmetricKey

    /// 64 hexadecimal characters are the key itself; any other text of at least 32 characters is
    /// hashed (SHA-256) into one. Shorter text: nil.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count == 64, let bytes = Self.hexBytes(trimmed) {
            key = SymmetricKey(data: bytes)
        } else if trimmed.utf8.count >= 32 {
            key = SymmetricKey(data: SHA256.hash(data: Array(trimmed.utf8)))
        } else {
            return nil
        }
    }

    /// A new random key, as the 64 hexadecimal characters a key file holds.
    public static func randomText() -> String {
        SymmetricKey(size: .bits256).withUnsafeBytes { $0.map { String(format: "%02x", $0) }.joined() }
    }

    /// A value derived from the key that tells, at start-up, whether this is the key the files were
    /// wrapped with, without telling anything about the key.
    public var checkValue: String {
        HMAC<SHA256>.authenticationCode(for: Array("relais-files-key-check-v1".utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// `fileKey` sealed under this key, bound to the file's storage name (a wrapped key copied onto
    /// another file's row does not open it): nonce, ciphertext and tag, 60 bytes.
    func wrap(_ fileKey: SymmetricKey, storageName: String) throws -> [UInt8] {
        let box = try AES.GCM.seal(fileKey.withUnsafeBytes { Array($0) }, using: key, authenticating: Array(storageName.utf8))
        guard let combined = box.combined else { throw FileVaultError.damaged(storageName) }
        return Array(combined)
    }

    func unwrap(_ wrapped: [UInt8], storageName: String) throws -> SymmetricKey {
        do {
            let box = try AES.GCM.SealedBox(combined: wrapped)
            return SymmetricKey(data: try AES.GCM.open(box, using: key, authenticating: Array(storageName.utf8)))
        } catch {
            throw FileVaultError.wrongKey(storageName)
        }
    }

    /// The same file key, wrapped under `newKey` instead.
    public func rewrap(_ wrapped: [UInt8], storageName: String, under newKey: FilesMasterKey) throws -> [UInt8] {
        try newKey.wrap(try unwrap(wrapped, storageName: storageName), storageName: storageName)
    }

    static func hexBytes(_ text: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        var high: UInt8?
        for character in text.utf8 {
            let value: UInt8
            switch character {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = character - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = character - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): value = character - UInt8(ascii: "A") + 10
            default: return nil
            }
            if let first = high { bytes.append(first << 4 | value); high = nil } else { high = value }
        }
        return high == nil ? bytes : nil
    }
}

public enum FileVaultError: Error, Equatable, CustomStringConvertible {
    /// The file's bytes fail authentication (changed, truncated): it is never served.
    case damaged(String)
    /// The wrapped key does not open under the master key (wrong key, or a row moved to another file).
    case wrongKey(String)
    case missing(String)
    case io(String)

    public var description: String {
        switch self {
        case .damaged(let name): "file \(name) fails authentication (changed or truncated on disk)"
        case .wrongKey(let name): "the key of file \(name) does not open under this master key"
        case .missing(let name): "file \(name) is not on disk"
        case .io(let what): what
        }
    }
}
