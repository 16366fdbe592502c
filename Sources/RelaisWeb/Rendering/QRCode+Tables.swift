import RelaisCore
import RelaisUseCases

extension QRCode {
    static let maximumVersion = 13

    /// How a version's data codewords split into blocks at level M (ISO/IEC 18004, table 9).
    struct BlockLayout: Sendable {
        let ecPerBlock: Int
        /// Data codewords of each block, shorter blocks first.
        let blockLengths: [Int]

        var dataCodewords: Int { blockLengths.reduce(0, +) }
        var totalCodewords: Int { dataCodewords + ecPerBlock * blockLengths.count }
    }

    /// (error-correction codewords per block, [(blocks, data codewords each)]) for level M.
    private static let levelM: [(Int, [(Int, Int)])] = [
        (10, [(1, 16)]),
        (16, [(1, 28)]),
        (26, [(1, 44)]),
        (18, [(2, 32)]),
        (24, [(2, 43)]),
        (16, [(4, 27)]),
        (18, [(4, 31)]),
        (22, [(2, 38), (2, 39)]),
        (22, [(3, 36), (2, 37)]),
        (26, [(4, 43), (1, 44)]),
        (30, [(1, 50), (4, 51)]),
        (22, [(6, 36), (2, 37)]),
        (22, [(8, 37), (1, 38)]),
    ]

    static func blocks(version: Int) -> BlockLayout {
        let (ec, groups) = levelM[version - 1]
        return BlockLayout(ecPerBlock: ec, blockLengths: groups.flatMap { Array(repeating: $0.1, count: $0.0) })
    }

    /// Centres of the alignment patterns, on both axes (annex E).
    static func alignmentPositions(version: Int) -> [Int] {
        let table: [[Int]] = [
            [], [6, 18], [6, 22], [6, 26], [6, 30], [6, 34], [6, 22, 38], [6, 24, 42], [6, 26, 46], [6, 28, 50],
            [6, 30, 54], [6, 32, 58], [6, 34, 62],
        ]
        return table[version - 1]
    }
}

extension QRCode {
    /// The symbol while it is drawn: modules, and which of them belong to function patterns (never
    /// masked, never carrying data).
    struct Builder: Sendable {
        let version: Int
        let size: Int
        var modules: [[Bool]]
        var isFunction: [[Bool]]

        init(version: Int) {
            self.version = version
            size = version * 4 + 17
            modules = Array(repeating: Array(repeating: false, count: size), count: size)
            isFunction = modules
        }

        mutating func set(_ x: Int, _ y: Int, _ dark: Bool) {
            modules[y][x] = dark
            isFunction[y][x] = true
        }

        mutating func drawFunctionPatterns() {
            for index in 0..<size {
                set(6, index, index % 2 == 0)
                set(index, 6, index % 2 == 0)
            }
            drawFinder(3, 3)
            drawFinder(size - 4, 3)
            drawFinder(3, size - 4)
            let positions = QRCode.alignmentPositions(version: version)
            let last = positions.count - 1
            for (i, x) in positions.enumerated() {
                for (j, y) in positions.enumerated() {
                    // The three corners hold finder patterns.
                    if (i == 0 && j == 0) || (i == 0 && j == last) || (i == last && j == 0) { continue }
                    for dy in -2...2 {
                        for dx in -2...2 { set(x + dx, y + dy, max(abs(dx), abs(dy)) != 1) }
                    }
                }
            }
            // Reserved now, written for real once the mask is chosen.
            drawFormatBits(mask: 0)
            drawVersion()
        }

        /// A finder pattern centred on (x, y), with its light separator.
        private mutating func drawFinder(_ x: Int, _ y: Int) {
            for dy in -4...4 {
                for dx in -4...4 {
                    let xx = x + dx, yy = y + dy
                    guard (0..<size).contains(xx), (0..<size).contains(yy) else { continue }
                    let distance = max(abs(dx), abs(dy))
                    set(xx, yy, distance != 2 && distance != 4)
                }
            }
        }

        /// Level M (bits 00) and the mask, BCH(15,5)-protected, in its two copies, and the dark module.
        mutating func drawFormatBits(mask: Int) {
            let data = (0b00 << 3) | mask
            var remainder = data
            for _ in 0..<10 { remainder = (remainder << 1) ^ ((remainder >> 9) * 0x537) }
            let bits = ((data << 10) | remainder) ^ 0x5412
            func bit(_ index: Int) -> Bool { (bits >> index) & 1 == 1 }
            for index in 0...5 { set(8, index, bit(index)) }
            set(8, 7, bit(6))
            set(8, 8, bit(7))
            set(7, 8, bit(8))
            for index in 9..<15 { set(14 - index, 8, bit(index)) }
            for index in 0..<8 { set(size - 1 - index, 8, bit(index)) }
            for index in 8..<15 { set(8, size - 15 + index, bit(index)) }
            set(8, size - 8, true)
        }

        /// From version 7 on: the version number, BCH(18,6)-protected, in two 6×3 blocks.
        private mutating func drawVersion() {
            guard version >= 7 else { return }
            var remainder = version
            for _ in 0..<12 { remainder = (remainder << 1) ^ ((remainder >> 11) * 0x1F25) }
            let bits = (version << 12) | remainder
            for index in 0..<18 {
                let dark = (bits >> index) & 1 == 1
                let a = size - 11 + index % 3, b = index / 3
                set(a, b, dark)
                set(b, a, dark)
            }
        }

        /// Places the codewords' bits in the zigzag of two-module columns, right to left, skipping
        /// the timing column; modules left over stay light.
        mutating func drawCodewords(_ codewords: [UInt8]) {
            var bitIndex = 0
            let totalBits = codewords.count * 8
            var right = size - 1
            while right >= 1 {
                if right == 6 { right = 5 }
                for vertical in 0..<size {
                    for offset in 0..<2 {
                        let x = right - offset
                        let upward = (right + 1) & 2 == 0
                        let y = upward ? size - 1 - vertical : vertical
                        guard !isFunction[y][x], bitIndex < totalBits else { continue }
                        modules[y][x] = (codewords[bitIndex >> 3] >> (7 - UInt8(bitIndex & 7))) & 1 == 1
                        bitIndex += 1
                    }
                }
                right -= 2
            }
        }

        /// Inverts the data modules where mask pattern `mask` says so.
        mutating func applyMask(_ mask: Int) {
            for y in 0..<size {
                for x in 0..<size where !isFunction[y][x] && Self.masked(mask, x: x, y: y) {
                    modules[y][x].toggle()
                }
            }
        }

        static func masked(_ mask: Int, x: Int, y: Int) -> Bool {
            switch mask {
            case 0: (x + y) % 2 == 0
            case 1: y % 2 == 0
            case 2: x % 3 == 0
            case 3: (x + y) % 3 == 0
            case 4: (x / 3 + y / 2) % 2 == 0
            case 5: x * y % 2 + x * y % 3 == 0
            case 6: (x * y % 2 + x * y % 3) % 2 == 0
            default: ((x + y) % 2 + x * y % 3) % 2 == 0
            }
        }
    }
}
