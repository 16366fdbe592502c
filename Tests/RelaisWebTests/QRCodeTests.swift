@testable import RelaisUseCases
@testable import RelaisWeb
import Testing

/// The QR encoder's structure, checked against the standard's own numbers; that phones can read it is
/// checked by the browser suite, which decodes a screenshot with zxing-cpp.
@Suite("QR code encoder")
struct QRCodeTests {
    static let address = "otpauth://totp/Relais:admin@demo.relais.example?secret=MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43UOV3A&issuer=Relais"

    /// The 15 format bits as placed beside the top-left finder (bit 0 first).
    static func formatBits(_ code: QRCode) -> Int {
        let m = code.modules
        var positions: [(x: Int, y: Int)] = (0...5).map { (8, $0) }
        positions += [(8, 7), (8, 8), (7, 8)]
        positions += (9..<15).map { (14 - $0, 8) }
        return positions.enumerated().reduce(0) { $0 | (m[$1.element.y][$1.element.x] ? 1 << $1.offset : 0) }
    }

    /// The second copy, split between the bottom-left and top-right corners.
    static func secondFormatCopy(_ code: QRCode) -> Int {
        let m = code.modules, size = code.size
        var positions: [(x: Int, y: Int)] = (0..<8).map { (size - 1 - $0, 8) }
        positions += (8..<15).map { (8, size - 15 + $0) }
        return positions.enumerated().reduce(0) { $0 | (m[$1.element.y][$1.element.x] ? 1 << $1.offset : 0) }
    }

    @Test("Reed–Solomon matches the standard's worked example (1-M, \"01234567\")")
    func reedSolomon() {
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]
        #expect(ReedSolomon.remainder(data, divisor: ReedSolomon.divisor(degree: 10)) == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test("an authenticator address gives the smallest version that holds it, with its finder and timing patterns")
    func structure() throws {
        let code = try QRCode(Self.address)
        #expect(Self.address.utf8.count == 105)
        #expect(code.version == 6, "105 bytes: version 5-M holds 84, 6-M holds 106")
        #expect(code.size == 41)
        for (x0, y0) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            for y in 0..<7 {
                for x in 0..<7 {
                    let ring = max(abs(x - 3), abs(y - 3))
                    #expect(code.modules[y0 + y][x0 + x] == (ring != 2), "finder at (\(x0), \(y0))")
                }
            }
        }
        for index in 8..<(code.size - 8) {
            #expect(code.modules[6][index] == (index % 2 == 0))
            #expect(code.modules[index][6] == (index % 2 == 0))
        }
        #expect(code.modules[code.size - 8][8], "the dark module")
    }

    @Test("the format bits say level M and the chosen mask, twice")
    func formatInformation() throws {
        // ISO/IEC 18004 table C.1, level M, masks 0 to 7.
        let levelM = [0b101010000010010, 0b101000100100101, 0b101111001111100, 0b101101101001011,
                      0b100010111111001, 0b100000011001110, 0b100111110010111, 0b100101010100000]
        for text in [Self.address, "Relais", String(repeating: "x", count: 150)] {
            let code = try QRCode(text)
            #expect(Self.formatBits(code) == levelM[code.mask])
            #expect(Self.secondFormatCopy(code) == levelM[code.mask])
        }
    }

    @Test("from version 7 the version is written in both corners")
    func versionInformation() throws {
        let code = try QRCode(String(repeating: "x", count: 150))
        #expect(code.version == 8)
        var bits = 0, mirrored = 0
        for index in 0..<18 {
            let a = code.size - 11 + index % 3, b = index / 3
            if code.modules[b][a] { bits |= 1 << index }
            if code.modules[a][b] { mirrored |= 1 << index }
        }
        #expect(bits == 0x085BC)
        #expect(mirrored == 0x085BC)
    }

    @Test("too long an address is refused rather than drawn wrong")
    func tooLong() {
        #expect(throws: QRCode.EncodingError.self) { try QRCode(String(repeating: "x", count: 400)) }
    }

    @Test("the SVG has a quiet zone of four modules, one path and a name for screen readers")
    func svg() throws {
        let svg = try QRCode("Relais").svg(pixelsPerModule: 6, label: "Code QR «\u{00A0}test\u{00A0}»")
        #expect(svg.hasPrefix("<svg "))
        #expect(svg.contains(#"viewBox="0 0 29 29""#))
        #expect(svg.contains(#"width="174""#))
        #expect(svg.contains(#"role="img" aria-label="Code QR «\#u{00A0}test\#u{00A0}»""#))
        #expect(svg.contains("M4 4h7v1h-7z"), "the top-left finder's first row, after the quiet zone")
    }
}
