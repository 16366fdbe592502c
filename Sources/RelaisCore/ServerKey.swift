import Crypto
import Foundation

/// HMAC-SHA-256 (RFC 2104), swift-crypto's: signs the values Relais hands out and must recognise
/// later without storing them (anonymous form tokens, device cookies, mailed links).
public enum HMACSHA256 {
    public static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
        Array(HMAC<Crypto.SHA256>.authenticationCode(for: message, using: SymmetricKey(data: key)))
    }
}

/// The server's own secret: 32 bytes or more, read from `RELAIS_SECRET_KEY` or from a key file made
/// at first start. Everything Relais signs is derived from it with a label saying what for, so a
/// value signed for one use is worth nothing in another.
public struct ServerKey: Sendable, Equatable {
    let bytes: [UInt8]

    /// At least 32 bytes; nil otherwise.
    public init?(bytes: [UInt8]) {
        guard bytes.count >= 32 else { return nil }
        self.bytes = bytes
    }

    /// A key as written in the environment or the key file: text of at least 32 characters.
    public init?(text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        self.init(bytes: Array(trimmed.utf8))
    }

    /// A fresh random key, as hexadecimal text (64 characters), for the key file.
    public static func randomText() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in
            let byte = UInt8.random(in: 0...255, using: &generator)
            return byte < 16 ? "0" + String(byte, radix: 16) : String(byte, radix: 16)
        }.joined()
    }

    /// 43 URL-safe characters (256 bits) derived from `value` for `purpose`.
    public func token(_ purpose: Purpose, _ value: String) -> String {
        Self.base64URL(HMACSHA256.mac(key: bytes, message: Array("\(purpose.rawValue)\u{0}\(value)".utf8)))
    }

    /// Whether `token` is the one derived from `value` for `purpose`, compared in constant time.
    public func verify(_ token: String, _ purpose: Purpose, _ value: String) -> Bool {
        ConstantTime.equal(token, self.token(purpose, value))
    }

    /// What a derived value is for; each gives different values from the same key.
    public enum Purpose: String, Sendable {
        /// The secret of a mailed one-time link, derived from the placeholder stored in its mail.
        case mailedLink = "relais-mailed-link-v1"
        /// The form token of a visitor without a session, derived from their browser's nonce.
        case anonymousForm = "relais-anonymous-form-v1"
        /// A browser that already signed in to an account (sign-in throttling spares it).
        case knownDevice = "relais-known-device-v1"
    }

    static func base64URL(_ bytes: [UInt8]) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var out: [Character] = []
        var index = 0
        while index + 3 <= bytes.count {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)], alphabet[Int(n & 63)]]
            index += 3
        }
        let rest = bytes.count - index
        if rest == 1 {
            let n = UInt32(bytes[index]) << 16
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)]]
        } else if rest == 2 {
            let n = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8
            out += [alphabet[Int(n >> 18 & 63)], alphabet[Int(n >> 12 & 63)], alphabet[Int(n >> 6 & 63)]]
        }
        return String(out)
    }
}

/// Comparisons of secrets that do not stop at the first difference, so timing tells nothing.
public enum ConstantTime {
    public static func equal(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}
