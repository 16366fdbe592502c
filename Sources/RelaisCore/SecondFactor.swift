/// The rules of the second factor (TOTP, RFC 6238): which time steps a code may come from, and that
/// a code is good once. Computing a code is the web module's (HMAC through swift-crypto); the rules
/// take it as a function so they stay pure and testable here.
public enum TOTPRules {
    /// Authenticator apps expect 30-second steps, 6 digits and HMAC-SHA-1.
    public static let stepSeconds: Double = 30
    public static let digits = 6
    /// Codes from the previous and the next step are accepted too: a phone's clock drifts, and a
    /// person typing a code may cross the end of its step.
    public static let tolerance: Int64 = 1

    /// The time step of a moment, counted in seconds since 1970.
    public static func step(atUnixTime seconds: Double) -> Int64 {
        Int64((seconds / stepSeconds).rounded(.down))
    }

    /// Whether `input` has the shape of a TOTP code (six digits, spaces allowed as typed from apps
    /// that show « 123 456 »).
    public static func normalizedCode(_ input: String) -> String? {
        let digits = input.filter { $0 != " " && $0 != "\u{00A0}" }
        guard digits.count == Self.digits, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return digits
    }

    /// The step `code` belongs to among the accepted ones around `currentStep`, or nil. A step at or
    /// before `lastUsedStep` is refused: a code seen once (over a shoulder, by a proxy) opens nothing
    /// a second time. `codeAt` gives the code of a step as six digits.
    public static func acceptedStep(code: String, currentStep: Int64, lastUsedStep: Int64?, codeAt: (Int64) -> String) -> Int64? {
        guard let code = normalizedCode(code) else { return nil }
        var found: Int64?
        // Every step of the window is computed, matched or not, so timing says nothing of which matched.
        for step in (currentStep - tolerance)...(currentStep + tolerance) where constantTimeEqual(codeAt(step), code) {
            if let lastUsedStep, step <= lastUsedStep { continue }
            found = found ?? step
        }
        return found
    }

    /// The code of `value` (the HOTP truncation) written with its leading zeros.
    public static func format(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let left = Array(a.utf8), right = Array(b.utf8)
        guard left.count == right.count else { return false }
        var difference: UInt8 = 0
        for index in left.indices { difference |= left[index] ^ right[index] }
        return difference == 0
    }
}

/// The ten single-use codes that open an account when the phone is lost: `xxxx-xxxx`, from letters
/// and digits that cannot be misread for one another (no 0/o, 1/l/i). Stored as SHA-256 only.
public enum RecoveryCode {
    public static let count = 10
    static let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")

    /// A fresh code: 8 characters of a 31-letter alphabet, about 40 bits; with ten per account and
    /// the throttle on failures, guessing one is out of reach.
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let characters = (0..<8).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] }
        return String(characters[0..<4]) + "-" + String(characters[4..<8])
    }

    public static func makeSet() -> [String] {
        (0..<count).map { _ in make() }
    }

    /// A code as people type it (any case, spaces, with or without the hyphen) in its stored form,
    /// or nil when it cannot be one.
    public static func normalized(_ input: String) -> String? {
        let characters = input.lowercased().filter { $0 != " " && $0 != "-" && $0 != "\u{00A0}" }
        guard characters.count == 8, characters.allSatisfy(alphabet.contains) else { return nil }
        return String(characters.prefix(4)) + "-" + String(characters.suffix(4))
    }

    /// What the table stores for a code.
    public static func hash(_ code: String) -> String {
        SecretDigest.hex("relais-recovery:" + code)
    }
}

/// Base32 (RFC 4648, upper case, no padding): how authenticator apps take a secret typed by hand.
public enum Base32 {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    public static func encode(_ bytes: [UInt8]) -> String {
        var output = ""
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5 {
                output.append(alphabet[Int((buffer >> UInt32(bits - 5)) & 31)])
                bits -= 5
            }
        }
        if bits > 0 { output.append(alphabet[Int((buffer << UInt32(5 - bits)) & 31)]) }
        return output
    }

    /// The text in groups of four, easier to copy by hand: `ABCD EFGH …`.
    public static func grouped(_ text: String, size: Int = 4) -> String {
        var groups: [String] = []
        var rest = Substring(text)
        while !rest.isEmpty {
            groups.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
        }
        return groups.joined(separator: " ")
    }
}

/// Random TOTP secrets. HummingbirdOTP keys its HMAC with the secret's UTF-8 bytes, so the secret is
/// text: 22 characters of a 64-letter alphabet carry 132 bits (RFC 4226 asks for 128 at least).
public enum TOTPSecret {
    public static func make() -> String {
        String(SecretToken.make().prefix(22))
    }
}

/// A short French name for a browser from its User-Agent, so a person recognises their trusted
/// devices in a list: « Firefox sous Windows ». Never used to decide anything.
public enum DeviceLabel {
    public static func from(userAgent: String) -> String {
        let browsers: [(String, String)] = [("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"),
                                            ("Chromium/", "Chromium"), ("Safari/", "Safari")]
        let systems: [(String, String)] = [("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
                                           ("Mac OS X", "macOS"), ("Linux", "Linux")]
        let browser = browsers.first { userAgent.contains($0.0) }?.1
        let system = systems.first { userAgent.contains($0.0) }?.1
        switch (browser, system) {
        case let (browser?, system?): return "\(browser) sous \(system)"
        case let (browser?, nil): return browser
        case let (nil, system?): return "Navigateur sous \(system)"
        case (nil, nil): return "Navigateur inconnu"
        }
    }
}
