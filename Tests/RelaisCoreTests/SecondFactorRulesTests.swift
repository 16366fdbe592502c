import RelaisCore
import Testing

@Suite("Second factor rules: time steps, reuse, recovery codes, base32")
struct SecondFactorRulesTests {
    /// A stand-in for HMAC: each step has its own recognisable code.
    static func codeAt(_ step: Int64) -> String { TOTPRules.format(Int(step % 1_000_000)) }

    @Test("a code of the previous, current or next step is accepted, and tells which step it was")
    func window() {
        for offset in -1...1 as ClosedRange<Int64> {
            let step = 1_000 + offset
            #expect(TOTPRules.acceptedStep(code: Self.codeAt(step), currentStep: 1_000, lastUsedStep: nil, codeAt: Self.codeAt) == step)
        }
    }

    @Test("a code two steps away is refused", arguments: [-2, 2, -3, 10] as [Int64])
    func outsideWindow(offset: Int64) {
        #expect(TOTPRules.acceptedStep(code: Self.codeAt(1_000 + offset), currentStep: 1_000, lastUsedStep: nil, codeAt: Self.codeAt) == nil)
    }

    @Test("a code of a step already used, or older, is refused; a later one is not")
    func reuse() {
        #expect(TOTPRules.acceptedStep(code: Self.codeAt(1_000), currentStep: 1_000, lastUsedStep: 1_000, codeAt: Self.codeAt) == nil)
        #expect(TOTPRules.acceptedStep(code: Self.codeAt(999), currentStep: 1_000, lastUsedStep: 1_000, codeAt: Self.codeAt) == nil)
        #expect(TOTPRules.acceptedStep(code: Self.codeAt(1_001), currentStep: 1_000, lastUsedStep: 1_000, codeAt: Self.codeAt) == 1_001)
    }

    @Test("codes are six digits; spaces typed inside are ignored, anything else is not a code")
    func shape() {
        #expect(TOTPRules.normalizedCode("123 456") == "123456")
        #expect(TOTPRules.normalizedCode("12345") == nil)
        #expect(TOTPRules.normalizedCode("12345a") == nil)
        #expect(TOTPRules.normalizedCode("١٢٣٤٥٦") == nil, "Arabic-Indic digits are not ASCII")
        #expect(TOTPRules.format(42) == "000042")
    }

    @Test("time steps are 30 seconds from 1970")
    func steps() {
        #expect(TOTPRules.step(atUnixTime: 59) == 1)
        #expect(TOTPRules.step(atUnixTime: 1_111_111_109) == 37_037_036)
    }

    @Test("recovery codes read xxxx-xxxx from an unambiguous alphabet, differ, and are typed loosely")
    func recoveryCodes() {
        let codes = RecoveryCode.makeSet()
        #expect(codes.count == 10)
        #expect(Set(codes).count == 10)
        for code in codes {
            #expect(code.count == 9)
            #expect(Array(code)[4] == "-")
            #expect(!code.contains { "01ilo".contains($0) })
            #expect(RecoveryCode.normalized(code) == code)
            #expect(RecoveryCode.normalized(code.uppercased().replacingOccurrences(of: "-", with: " ")) == code)
        }
        #expect(RecoveryCode.normalized("abcd-efg") == nil)
        #expect(RecoveryCode.normalized("abcd-efg0") == nil)
        #expect(RecoveryCode.hash(codes[0]) != RecoveryCode.hash(codes[1]))
    }

    @Test("base32 follows RFC 4648 and groups by four for typing")
    func base32() {
        #expect(Base32.encode(Array("".utf8)) == "")
        #expect(Base32.encode(Array("f".utf8)) == "MY")
        #expect(Base32.encode(Array("foobar".utf8)) == "MZXW6YTBOI")
        #expect(Base32.grouped("MZXW6YTBOI") == "MZXW 6YTB OI")
        #expect(TOTPSecret.make().count == 22)
    }

    @Test("browsers get a French name from their User-Agent")
    func deviceLabels() {
        #expect(DeviceLabel.from(userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0") == "Firefox sous Windows")
        #expect(DeviceLabel.from(userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36")
            == "Chrome sous Linux")
        #expect(DeviceLabel.from(userAgent: "") == "Navigateur inconnu")
    }
}
