import Foundation
import RelaisCore
import RelaisUseCases

/// The map of France of `Seeds/territoire/departements-map.json`: the 101 départements already laid
/// out in one SVG view box (Lambert-93 for the métropole, the five overseas départements in insets on
/// the left, and Île-de-France again, four times larger, in an inset on the right).
///
/// The file is parsed once at start-up. The 200 kB of path data go into one SVG file of shapes,
/// `sprite`, served at `spritePath` (a name that changes with its content, cached by browsers for a
/// year); `svg(title:marks:)` draws each département with a `<use>` of its shape, inside the link,
/// title and coverage class of the page. A page with the map is then about 25 kB instead of 230 kB,
/// and a phone fetches the shapes once.
struct FranceMap: Sendable {
    struct Shape: Sendable {
        let code: String
        let name: String
        /// The `d` attribute, HTML-escaped once at load.
        let escapedPath: String
    }

    struct Box: Sendable {
        let x, y, width, height: Double
    }

    struct Inset: Sendable {
        let name: String
        let box: Box
        /// The part of the main map an enlarged inset shows (Île-de-France), outlined there.
        let sourceBox: Box?
        let zoom: Double?
    }

    /// How one département is drawn: its coverage class, the page it links to and its accessible name.
    struct Mark: Sendable {
        let cssClass: String
        let href: String
        let label: String
    }

    let viewBox: String
    let attribution: String
    /// Every département, in the file's order (by code).
    let departements: [Shape]
    /// The départements drawn again in the enlarged Île-de-France inset.
    let enlarged: [Shape]
    let insets: [Inset]
    /// The SVG document of every shape: `d<code>` on the main map, `i<code>` in the enlarged inset.
    let sprite: String
    /// Where `sprite` is served: `/carte/departements-<first 16 hex digits of its SHA-256>.svg`.
    let spritePath: String

    init(viewBox: String, attribution: String, departements: [Shape], enlarged: [Shape], insets: [Inset]) {
        self.viewBox = viewBox
        self.attribution = attribution
        self.departements = departements
        self.enlarged = enlarged
        self.insets = insets
        var sprite = "<svg xmlns=\"http://www.w3.org/2000/svg\"><defs>"
        // Styles of the page do not reach inside a `<use>` of another file; fill and stroke are
        // inherited from it, and the one property that is not, written here.
        for (prefix, shapes) in [("d", departements), ("i", enlarged)] {
            for shape in shapes {
                sprite += "<path id=\"\(prefix)\(shape.code)\" d=\"\(shape.escapedPath)\" vector-effect=\"non-scaling-stroke\"/>"
            }
        }
        sprite += "</defs></svg>\n"
        self.sprite = sprite
        spritePath = "/carte/departements-\(SecretDigest.hex(sprite).prefix(16)).svg"
    }

    /// Reads and checks the map file; any problem stops the start-up with one clear line.
    static func load(path: String) throws -> FranceMap {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StartupError("map file not found at \(path) (set RELAIS_SEEDS or run from the project folder)")
        }
        let file: File
        do {
            file = try JSONDecoder().decode(File.self, from: data)
        } catch {
            throw StartupError("map file \(path) does not parse: \(error)")
        }
        guard file.departements.count == 101 else {
            throw StartupError("map file \(path) has \(file.departements.count) départements instead of 101")
        }
        let names = Dictionary(file.departements.map { ($0.code, Text.typographicApostrophes($0.name)) }, uniquingKeysWith: { first, _ in first })
        var enlarged: [Shape] = []
        for shape in file.idf_inset {
            guard let name = names[shape.code] else {
                throw StartupError("map file \(path): the Île-de-France inset draws an unknown département \(shape.code)")
            }
            enlarged.append(Shape(code: shape.code, name: name, escapedPath: HTML.escape(shape.d)))
        }
        return FranceMap(
            viewBox: file.viewBox,
            // The file names its build script; people read who drew the map, in French typography.
            attribution: Text.frenchSpacing(file.attribution.replacingOccurrences(of: "make_data.py", with: "association Relais")),
            departements: file.departements.map { Shape(code: $0.code, name: Text.typographicApostrophes($0.name), escapedPath: HTML.escape($0.d)) },
            enlarged: enlarged,
            insets: file.insets.map { inset in
                Inset(name: inset.name, box: Box(inset.box), sourceBox: inset.source_box.map(Box.init), zoom: inset.zoom)
            }
        )
    }

    /// The inline SVG of the map. Every département is a link named by `marks[code].label`; those
    /// drawn twice (Île-de-France) are reachable by keyboard in the enlarged inset only, so the map
    /// offers exactly one tab stop per département.
    func svg(title: String, marks: [String: Mark]) -> String {
        let enlargedCodes = Set(enlarged.map(\.code))
        var out = ""
        out.reserveCapacity(32_000)
        out += "<svg class=\"france-map\" viewBox=\"\(HTML.escape(viewBox))\" aria-labelledby=\"carte-titre\">"
        out += "<title id=\"carte-titre\">\(HTML.escape(title))</title>"
        out += Self.patterns
        out += "<g class=\"map-frames\" aria-hidden=\"true\">"
        for inset in insets {
            let box = inset.box
            out += "<rect class=\"inset-frame\" x=\"\(box.x)\" y=\"\(box.y)\" width=\"\(box.width)\" height=\"\(box.height)\"/>"
            let label = inset.zoom.map { "\(inset.name) (×\(Int($0)))" } ?? inset.name
            out += "<text class=\"inset-label\" x=\"\(box.x + 6)\" y=\"\(box.y + 22)\">\(HTML.escape(label))</text>"
            if let source = inset.sourceBox {
                out += "<rect class=\"inset-source\" x=\"\(source.x)\" y=\"\(source.y)\" width=\"\(source.width)\" height=\"\(source.height)\"/>"
            }
        }
        out += "</g><g class=\"map-departements\">"
        for shape in departements {
            append(shape, id: "d", mark: marks[shape.code], focusable: !enlargedCodes.contains(shape.code), to: &out)
        }
        out += "</g><g class=\"map-departements map-enlarged\">"
        for shape in enlarged {
            append(shape, id: "i", mark: marks[shape.code], focusable: true, to: &out)
        }
        out += "</g></svg>"
        return out
    }

    private func append(_ shape: Shape, id prefix: String, mark: Mark?, focusable: Bool, to out: inout String) {
        let label = HTML.escape(mark?.label ?? "\(shape.name) (\(shape.code))")
        let cssClass = mark?.cssClass ?? ""
        let href = HTML.escape(mark?.href ?? "")
        if focusable {
            out += "<a href=\"\(href)\" class=\"\(cssClass)\" aria-labelledby=\"carte-\(shape.code)\" data-departement=\"\(shape.code)\">"
            out += "<title id=\"carte-\(shape.code)\">\(label)</title>"
        } else {
            // The small shape on the main map still answers a click; keyboards and screen readers
            // use the enlarged one.
            out += "<a href=\"\(href)\" class=\"\(cssClass)\" tabindex=\"-1\" aria-hidden=\"true\"><title>\(label)</title>"
        }
        out += "<use href=\"\(spritePath)#\(prefix)\(shape.code)\"/></a>"
    }

    /// Fills that do not rely on colour alone: absent is hatched, uncovered is dotted.
    static let patterns = """
        <defs>\
        <pattern id="motif-absent" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
        <rect class="motif-absent-fond" width="8" height="8"/><rect class="motif-absent-trait" width="3" height="8"/></pattern>\
        <pattern id="motif-aucun" width="9" height="9" patternUnits="userSpaceOnUse">\
        <rect class="motif-aucun-fond" width="9" height="9"/><circle class="motif-aucun-point" cx="4.5" cy="4.5" r="1.3"/></pattern>\
        </defs>
        """

    /// The patterns alone, for a page that shows coverage swatches without the map.
    static let patternsSVG = "<svg class=\"pattern-defs\" aria-hidden=\"true\" focusable=\"false\">\(patterns)</svg>"

    /// The file's layout; names follow the JSON keys.
    private struct File: Decodable {
        struct Departement: Decodable {
            let code: String
            let name: String
            let d: String
        }

        struct IDFShape: Decodable {
            let code: String
            let d: String
        }

        struct Inset: Decodable {
            let name: String
            let box: [Double]
            let zoom: Double?
            let source_box: [Double]?
        }

        let viewBox: String
        let attribution: String
        let insets: [Inset]
        let departements: [Departement]
        let idf_inset: [IDFShape]
    }
}

extension FranceMap.Box {
    /// `[x, y, width, height]` as the file writes boxes; missing values read as 0.
    init(_ values: [Double]) {
        func at(_ index: Int) -> Double { index < values.count ? values[index] : 0 }
        self.init(x: at(0), y: at(1), width: at(2), height: at(3))
    }
}
