/// A CSV file read into rows that remember the line they started on, so a seed error can point at
/// it. RFC 4180: comma-separated, quoted cells may hold commas, doubled quotes and line breaks.
struct CSVTable {
    struct Row {
        /// 1-based line of the file where the row starts.
        let line: Int
        let cells: [String: String]

        /// The trimmed cell of `column`; an absent column reads as empty.
        subscript(column: String) -> String {
            (cells[column] ?? "").trimmingWhitespace()
        }
    }

    let header: [String]
    let rows: [Row]

    /// Parses `text`; `file` names the file in errors.
    init(text: String, file: String, requiredColumns: [String]) throws(SeedError) {
        var records: [(line: Int, cells: [String])] = []
        var cells: [String] = []
        var cell = ""
        var inQuotes = false
        var line = 1
        var recordLine = 1
        var iterator = Array(text.unicodeScalars.drop(while: { $0 == "\u{FEFF}" }))[...]
        var cellWasQuoted = false

        func endRecord() {
            cells.append(cell)
            if !(cells.count == 1 && cells[0].isEmpty && !cellWasQuoted) {
                records.append((recordLine, cells))
            }
            cells = []
            cell = ""
            cellWasQuoted = false
        }

        while let scalar = iterator.popFirst() {
            if inQuotes {
                if scalar == "\"" {
                    if iterator.first == "\"" {
                        iterator.removeFirst()
                        cell.unicodeScalars.append("\"")
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    cell.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"" where cell.isEmpty:
                inQuotes = true
                cellWasQuoted = true
            case ",":
                cells.append(cell)
                cell = ""
                cellWasQuoted = false
            case "\r":
                continue
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                cell.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            throw SeedError(file: file, line: recordLine, message: "guillemet ouvert jamais refermé")
        }
        if !cell.isEmpty || !cells.isEmpty { endRecord() }

        guard let first = records.first else {
            throw SeedError(file: file, line: 1, message: "fichier vide, une ligne d’en-tête est attendue")
        }
        header = first.cells.map { $0.trimmingWhitespace() }
        for column in requiredColumns where !header.contains(column) {
            throw SeedError(file: file, line: first.line, message: "colonne « \(column) » absente de l’en-tête")
        }
        var parsed: [Row] = []
        for record in records.dropFirst() {
            guard record.cells.count == header.count else {
                throw SeedError(
                    file: file, line: record.line,
                    message: "\(record.cells.count) cellules au lieu de \(header.count) (une virgule non protégée par des guillemets ?)"
                )
            }
            parsed.append(Row(line: record.line, cells: Dictionary(zip(header, record.cells), uniquingKeysWith: { first, _ in first })))
        }
        rows = parsed
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self).unicodeScalars[...]
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(String.UnicodeScalarView(scalars))
    }

    /// Space-separated items of a list cell.
    func listItems() -> [String] {
        split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
    }
}

/// A deterministic 64-bit FNV-1a hash, for telling whether a seed row changed since the last import
/// (Swift's `Hasher` is seeded per process, so it cannot be stored).
func stableHash(_ parts: [String]) -> String {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for part in parts {
        for byte in part.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        // A separator that cannot occur in text keeps ["ab", "c"] apart from ["a", "bc"].
        hash ^= 0xff
        hash = hash &* 0x0000_0100_0000_01b3
    }
    let hex = String(hash, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
