import RelaisCore
import RelaisUseCases

extension QRCode.Builder {
    /// The standard's four penalty rules (runs, 2×2 blocks, finder-like patterns, dark balance):
    /// the mask with the lowest score reads best on a camera.
    func penalty() -> Int {
        var score = 0
        let rows = modules
        let columns = (0..<size).map { x in (0..<size).map { y in modules[y][x] } }
        for line in rows + columns {
            // Runs of five or more modules of one colour.
            var runLength = 1
            for index in 1..<line.count {
                if line[index] == line[index - 1] {
                    runLength += 1
                } else {
                    if runLength >= 5 { score += runLength - 2 }
                    runLength = 1
                }
            }
            if runLength >= 5 { score += runLength - 2 }
            // 1:1:3:1:1 with four light modules on one side (also past the edge: the quiet zone).
            let padded = [Bool](repeating: false, count: 4) + line + [Bool](repeating: false, count: 4)
            let finder: [Bool] = [true, false, true, true, true, false, true]
            let light = [Bool](repeating: false, count: 4)
            for start in 0...(padded.count - 11) {
                let window = Array(padded[start..<start + 11])
                if window == finder + light || window == light + finder { score += 40 }
            }
        }
        for y in 0..<(size - 1) {
            for x in 0..<(size - 1) {
                let colour = modules[y][x]
                if modules[y][x + 1] == colour, modules[y + 1][x] == colour, modules[y + 1][x + 1] == colour { score += 3 }
            }
        }
        let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let total = size * size
        // 10 points for each 5 % the dark share strays from one half.
        let k = (abs(dark * 20 - total * 10) + total - 1) / total - 1
        score += max(0, k) * 10
        return score
    }
}

extension QRCode {
    /// Light modules around the symbol that readers need to find it.
    static let quietZone = 4

    /// The symbol as an SVG image: one path for the dark modules over a white square, `pixels` per
    /// module, with an accessible name. Only characters of Relais's own making end up in it.
    func svg(pixelsPerModule pixels: Int = 6, label: String) -> String {
        let side = size + 2 * Self.quietZone
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard modules[y][x] else {
                    x += 1
                    continue
                }
                // Runs of dark modules on a row make one rectangle: a shorter path.
                var run = 1
                while x + run < size, modules[y][x + run] { run += 1 }
                path += "M\(x + Self.quietZone) \(y + Self.quietZone)h\(run)v1h-\(run)z"
                x += run
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="qr-code" width="\(side * pixels)" height="\(side * pixels)" \
            viewBox="0 0 \(side) \(side)" shape-rendering="crispEdges" role="img" aria-label="\(HTML.escape(label))">\
            <rect width="\(side)" height="\(side)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}
