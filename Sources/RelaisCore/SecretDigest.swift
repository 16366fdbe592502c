import Crypto

/// SHA-256, used to store secrets that only need comparing: session ids and one-time tokens are kept
/// as their digest, so a copy of the database does not open anyone's account. The digest is
/// swift-crypto's (BoringSSL on Linux); this names the two shapes Relais uses.
public enum SecretDigest {
    public static func digest(_ bytes: [UInt8]) -> [UInt8] {
        Array(Crypto.SHA256.hash(data: bytes))
    }

    /// Lower-case hexadecimal digest of the UTF-8 bytes of `text`.
    public static func hex(_ text: String) -> String {
        Crypto.SHA256.hash(data: Array(text.utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}

/// Random secrets for session ids and mailed links: 32 bytes from the system's CSPRNG, URL-safe.
public enum SecretToken {
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        // 43 characters of a 64-letter alphabet carry 258 bits.
        return String((0..<43).map { _ in alphabet[Int(generator.next() % 64)] })
    }
}
