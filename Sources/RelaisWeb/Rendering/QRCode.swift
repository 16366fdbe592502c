import RelaisCore
import RelaisUseCases

/// A QR code (ISO/IEC 18004) for the authenticator apps' `otpauth://` address, drawn here because no
/// QR package is on the Swift mirror and the secret must not go to an outside service. Byte mode,
/// error correction level M, versions 1 to 13 (up to 331 bytes: an address with a long e-mail fits
/// in version 9 or less). The browser suite decodes the result with zxing-cpp.
struct QRCode: Sendable {
    /// Modules per side (21 for version 1, +4 per version).
    let size: Int
    let version: Int
    /// The mask chosen by the penalty rules (0–7).
    let mask: Int
    /// `modules[y][x]`: true for a dark module.
    let modules: [[Bool]]

    enum EncodingError: Error {
        case tooLong(Int)
    }

    /// Encodes `text` as UTF-8 bytes in the smallest version that holds it.
    init(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard let version = (1...Self.maximumVersion).first(where: { Self.capacity(version: $0) >= bytes.count }) else {
            throw EncodingError.tooLong(bytes.count)
        }
        var builder = Builder(version: version)
        builder.drawFunctionPatterns()
        builder.drawCodewords(Self.codewords(bytes, version: version))
        var best: (mask: Int, penalty: Int, modules: [[Bool]])?
        for mask in 0..<8 {
            var candidate = builder
            candidate.applyMask(mask)
            candidate.drawFormatBits(mask: mask)
            let penalty = candidate.penalty()
            if best.map({ penalty < $0.penalty }) ?? true { best = (mask, penalty, candidate.modules) }
        }
        self.version = version
        self.size = builder.size
        self.mask = best?.mask ?? 0
        self.modules = best?.modules ?? builder.modules
    }

    /// Bytes a version holds in byte mode at level M: its data codewords less the mode (4 bits) and
    /// the length (8 bits up to version 9, 16 after).
    static func capacity(version: Int) -> Int {
        let bits = Self.blocks(version: version).dataCodewords * 8 - 4 - (version <= 9 ? 8 : 16)
        return bits / 8
    }

    /// The data codewords (mode, length, bytes, terminator, padding), cut into the version's blocks,
    /// each followed by its Reed–Solomon codewords, then interleaved as the standard orders them.
    static func codewords(_ bytes: [UInt8], version: Int) -> [UInt8] {
        let layout = blocks(version: version)
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: version <= 9 ? 8 : 16)
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacityBits = layout.dataCodewords * 8
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var data = bits.bytes
        var pad: UInt8 = 0xEC
        while data.count < layout.dataCodewords {
            data.append(pad)
            pad = pad == 0xEC ? 0x11 : 0xEC
        }

        let divisor = ReedSolomon.divisor(degree: layout.ecPerBlock)
        var dataBlocks: [[UInt8]] = []
        var offset = 0
        for length in layout.blockLengths {
            dataBlocks.append(Array(data[offset..<offset + length]))
            offset += length
        }
        let ecBlocks = dataBlocks.map { ReedSolomon.remainder($0, divisor: divisor) }
        var result: [UInt8] = []
        for index in 0..<(layout.blockLengths.max() ?? 0) {
            for block in dataBlocks where index < block.count { result.append(block[index]) }
        }
        for index in 0..<layout.ecPerBlock {
            for block in ecBlocks { result.append(block[index]) }
        }
        return result
    }
}

/// Bits written most significant first, read back as bytes.
struct BitBuffer {
    private(set) var bits: [Bool] = []

    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        guard count > 0 else { return }
        for shift in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> shift) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            (0..<8).reduce(UInt8(0)) { byte, offset in
                let index = start + offset
                return byte << 1 | (index < bits.count && bits[index] ? 1 : 0)
            }
        }
    }
}

/// Reed–Solomon over GF(256) with the QR polynomial x⁸ + x⁴ + x³ + x² + 1.
enum ReedSolomon {
    static func multiply(_ x: UInt8, _ y: UInt8) -> UInt8 {
        var z: Int = 0
        for shift in stride(from: 7, through: 0, by: -1) {
            z = (z << 1) ^ ((z >> 7) * 0x11D)
            z ^= ((Int(y) >> shift) & 1) * Int(x)
        }
        return UInt8(z & 0xFF)
    }

    /// The generator polynomial (x − α⁰)(x − α¹)…(x − α^(degree−1)), leading 1 left out.
    static func divisor(degree: Int) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: degree)
        result[degree - 1] = 1
        var root: UInt8 = 1
        for _ in 0..<degree {
            for index in 0..<degree {
                result[index] = multiply(result[index], root)
                if index + 1 < degree { result[index] ^= result[index + 1] }
            }
            root = multiply(root, 0x02)
        }
        return result
    }

    /// The error-correction codewords of `data`.
    static func remainder(_ data: [UInt8], divisor: [UInt8]) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: divisor.count)
        for byte in data {
            let factor = byte ^ result.removeFirst()
            result.append(0)
            for index in result.indices { result[index] ^= multiply(divisor[index], factor) }
        }
        return result
    }
}
