import Foundation

/// What a file in a case may be (« une pièce »), decided from its bytes, never from its name or from
/// what the browser says. Each kind knows how Relais serves it: PDF and images may open in the
/// browser (under a sandboxing policy), anything else is downloaded.
public enum DocumentKind: String, Sendable, Hashable, CaseIterable, Codable {
    case pdf, jpeg, png, odt, ods, docx, xlsx, text

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .jpeg: "image/jpeg"
        case .png: "image/png"
        case .odt: "application/vnd.oasis.opendocument.text"
        case .ods: "application/vnd.oasis.opendocument.spreadsheet"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .text: "text/plain; charset=utf-8"
        }
    }

    /// The words people read beside the file's name.
    public var label: String {
        switch self {
        case .pdf: "PDF"
        case .jpeg: "image JPEG"
        case .png: "image PNG"
        case .odt: "texte OpenDocument"
        case .ods: "tableur OpenDocument"
        case .docx: "document Word"
        case .xlsx: "classeur Excel"
        case .text: "texte"
        }
    }

    /// Opened in the browser (under `Content-Security-Policy: sandbox`) rather than downloaded.
    public var opensInline: Bool { self == .pdf || self == .jpeg || self == .png }

    /// The kind a file name's extension claims, or nil for an extension that claims nothing Relais
    /// accepts (or no extension).
    public static func claimed(byName name: String) -> DocumentKind? {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
        switch name[name.index(after: dot)...].lowercased() {
        case "pdf": return .pdf
        case "jpg", "jpeg": return .jpeg
        case "png": return .png
        case "odt": return .odt
        case "ods": return .ods
        case "docx": return .docx
        case "xlsx": return .xlsx
        case "txt", "text", "csv", "md": return .text
        default: return nil
        }
    }

    /// Extensions that name a type Relais refuses whatever the bytes say: programs, scripts, pages,
    /// archives, documents with macros. A file so named is refused even if its content sniffs as text.
    public static func isRefusedByName(_ name: String) -> Bool {
        guard let dot = name.lastIndex(of: ".") else { return false }
        let refused: Set<String> = ["exe", "com", "bat", "cmd", "msi", "scr", "js", "mjs", "vbs", "ps1", "sh", "jar", "apk", "html", "htm",
                                    "svg", "xhtml", "xml", "zip", "7z", "rar", "gz", "tar", "docm", "xlsm", "pptm", "dotm", "lnk", "iso", "dmg"]
        return refused.contains(name[name.index(after: dot)...].lowercased())
    }

    /// A first guess from the first bytes (up to 4 KiB is enough): the magic numbers of PDF, JPEG and
    /// PNG, a ZIP container (ODF and OOXML, decided once the whole file is read), or text when the
    /// bytes are UTF-8 without control characters. Nil: nothing Relais accepts.
    public static func sniff(prefix bytes: [UInt8]) -> Sniffed? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return .kind(.pdf) }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .kind(.jpeg) }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .kind(.png) }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zipContainer }
        return TextCheck.looksLikeText(bytes, complete: false) ? .text : nil
    }

    public enum Sniffed: Sendable, Equatable {
        case kind(DocumentKind)
        /// A ZIP file: an office document only if its entries say so (`ZipInspector`).
        case zipContainer
        /// Text so far: the whole file must be checked.
        case text
    }
}

/// Plain text as Relais accepts it: UTF-8, no NUL and no control character but tab, line breaks and
/// form feed. A file in another encoding (Windows-1252…) is refused with a word on how to send it.
public enum TextCheck {
    /// Whether `bytes` is such text. `complete: false`: `bytes` is a file's beginning, so a UTF-8
    /// sequence cut at the end is accepted.
    public static func looksLikeText(_ bytes: [UInt8], complete: Bool) -> Bool {
        guard !bytes.isEmpty else { return false }
        var end = bytes.count
        if !complete {
            // Drop an incomplete sequence at the end (at most three bytes).
            var back = 0
            while back < 3, back < end, bytes[end - 1 - back] & 0xC0 == 0x80 { back += 1 }
            if back < end, bytes[end - 1 - back] >= 0xC0 {
                let lead = bytes[end - 1 - back]
                let needed = lead >= 0xF0 ? 3 : (lead >= 0xE0 ? 2 : 1)
                if back < needed { end -= back + 1 }
            }
        }
        let slice = bytes[0..<end]
        guard String(validating: slice, as: UTF8.self) != nil else { return false }
        for byte in slice where byte < 0x20 || byte == 0x7F {
            if byte != 0x09 && byte != 0x0A && byte != 0x0D && byte != 0x0C { return false }
        }
        return true
    }
}

/// A file's name as people read it on the case: the last part of what the browser sent (no folder),
/// no control or direction-changing character, composed (NFC), at most 120 characters with its
/// extension kept. It is shown, and offered back on download; it never names anything on disk.
public enum DocumentName {
    public static let maxLength = 120

    public static func clean(_ raw: String) -> String {
        let last = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        var scalars = String.UnicodeScalarView()
        for scalar in last.precomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF: continue
            default: scalars.append(scalar)
            }
        }
        var name = String(scalars).trimmingCharacters(in: CharacterSet.whitespaces.union(CharacterSet(charactersIn: ".")))
        if name.count > maxLength {
            let ext = name.lastIndex(of: ".").map { String(name[$0...]) } ?? ""
            let keep = ext.count < 12 ? ext : ""
            name = String(name.prefix(maxLength - keep.count)) + keep
        }
        return name.isEmpty ? "fichier" : name
    }
}

/// How much a case may hold. The defaults are the issue's: ten files of 10 MB at most per message,
/// 100 MB per case; `RELAIS_FILE_MAX_MB` and `RELAIS_CASE_FILES_MAX_MB` change them.
public struct DocumentLimits: Sendable, Equatable {
    public var maxFileBytes: Int
    public var maxCaseBytes: Int
    public var maxFilesPerMessage: Int

    public static let megabyte = 1_000_000

    public init(maxFileBytes: Int = 10 * megabyte, maxCaseBytes: Int = 100 * megabyte, maxFilesPerMessage: Int = 10) {
        self.maxFileBytes = maxFileBytes
        self.maxCaseBytes = maxCaseBytes
        self.maxFilesPerMessage = maxFilesPerMessage
    }

    /// The largest body a message with files may have: its files and 1 MB for the text fields.
    public var maxRequestBytes: Int { maxFileBytes * maxFilesPerMessage + Self.megabyte }

    /// A size as people read it: « 2,4 Mo », « 830 ko », « 12 octets ».
    public static func label(bytes: Int) -> String {
        if bytes < 1000 { return bytes == 1 ? "1 octet" : "\(bytes)\u{00A0}octets" }
        if bytes < megabyte { return "\(max(1, Int((Double(bytes) / 1000).rounded())))\u{00A0}ko" }
        let value = Double(bytes) / Double(megabyte)
        let tenths = Int((value * 10).rounded())
        return tenths % 10 == 0 || value >= 100 ? "\(Int(value.rounded()))\u{00A0}Mo" : "\(tenths / 10),\(tenths % 10)\u{00A0}Mo"
    }
}
