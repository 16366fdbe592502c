import CZlib
import RelaisCore

/// Reads a ZIP container far enough to say what it is: an OpenDocument text or spreadsheet, a Word
/// or Excel document, or something Relais refuses. Every entry is inflated with a cap on the total,
/// so a « zip bomb » (a few kilobytes that expand to gigabytes, or entries that overlap) is refused
/// here rather than in the correspondent's office suite. Nothing is written anywhere.
public enum ZipInspector {
    public struct Limits: Sendable {
        public var maxEntries = 5_000
        /// Inflated bytes of all entries together.
        public var maxTotalBytes = 256 * 1_000_000
        /// Past `ratioFloor` inflated bytes, a container may not expand more than this many times.
        public var maxRatio = 100
        public var ratioFloor = 50 * 1_000_000
        public init() {}
    }

    public enum Refusal: Error, Equatable, Sendable {
        /// Not a ZIP we can read (truncated, ZIP64, encrypted, unknown compression, sizes that lie).
        case malformed
        /// Expands beyond the limits.
        case bomb
        /// A valid ZIP that is no accepted office document (an archive, a presentation…).
        case notAnOfficeDocument
        /// A Word or Excel document that carries macros.
        case macros
    }

    public static func inspect(_ bytes: [UInt8], limits: Limits = Limits()) -> Result<DocumentKind, Refusal> {
        do {
            return .success(try kind(of: try entries(bytes, limits: limits)))
        } catch let refusal as Refusal {
            return .failure(refusal)
        } catch {
            return .failure(.malformed)
        }
    }

    struct Entry {
        var name: String
        var content: [UInt8]?
    }

    static func kind(of entries: [Entry]) throws(Refusal) -> DocumentKind {
        let names = Set(entries.map(\.name))
        if let mimetype = entries.first(where: { $0.name == "mimetype" })?.content {
            switch String(decoding: mimetype, as: UTF8.self) {
            case DocumentKind.odt.mediaType: return .odt
            case DocumentKind.ods.mediaType: return .ods
            default: throw .notAnOfficeDocument
            }
        }
        guard names.contains("[Content_Types].xml") else { throw .notAnOfficeDocument }
        if names.contains(where: { $0.hasSuffix("vbaProject.bin") }) { throw .macros }
        if names.contains("word/document.xml") { return .docx }
        if names.contains("xl/workbook.xml") { return .xlsx }
        throw .notAnOfficeDocument
    }

    /// Every entry of the central directory, each inflated (and kept only for `mimetype`).
    static func entries(_ bytes: [UInt8], limits: Limits) throws -> [Entry] {
        // The end of central directory record: 22 bytes, followed by a comment of at most 64 KiB.
        guard bytes.count >= 22 else { throw Refusal.malformed }
        var eocd = -1
        var index = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 65_535)
        while index >= lowest {
            if u32(bytes, index) == 0x0605_4B50 { eocd = index; break }
            index -= 1
        }
        guard eocd >= 0 else { throw Refusal.malformed }
        let count = Int(u16(bytes, eocd + 10))
        let directorySize = Int(u32(bytes, eocd + 12)), directoryOffset = Int(u32(bytes, eocd + 16))
        guard count != 0xFFFF, directoryOffset != 0xFFFF_FFFF, directoryOffset + directorySize <= eocd else { throw Refusal.malformed }
        guard count <= limits.maxEntries else { throw Refusal.bomb }
        var entries: [Entry] = []
        var total = 0
        var cursor = directoryOffset
        for _ in 0..<count {
            guard cursor + 46 <= eocd, u32(bytes, cursor) == 0x0201_4B50 else { throw Refusal.malformed }
            let flags = u16(bytes, cursor + 8), method = u16(bytes, cursor + 10)
            let compressed = Int(u32(bytes, cursor + 20)), uncompressed = Int(u32(bytes, cursor + 24))
            let nameLength = Int(u16(bytes, cursor + 28)), extraLength = Int(u16(bytes, cursor + 30)), commentLength = Int(u16(bytes, cursor + 32))
            let localOffset = Int(u32(bytes, cursor + 42))
            guard cursor + 46 + nameLength <= eocd else { throw Refusal.malformed }
            let name = String(decoding: bytes[(cursor + 46)..<(cursor + 46 + nameLength)], as: UTF8.self)
            cursor += 46 + nameLength + extraLength + commentLength
            // Encrypted entries, and ZIP64 sizes, have nothing to do in an office document under 4 GB.
            guard flags & 1 == 0, compressed != 0xFFFF_FFFF, uncompressed != 0xFFFF_FFFF else { throw Refusal.malformed }
            total += uncompressed
            guard total <= limits.maxTotalBytes, total <= limits.ratioFloor || total <= limits.maxRatio * bytes.count else { throw Refusal.bomb }
            guard localOffset + 30 <= bytes.count, u32(bytes, localOffset) == 0x0403_4B50 else { throw Refusal.malformed }
            let start = localOffset + 30 + Int(u16(bytes, localOffset + 26)) + Int(u16(bytes, localOffset + 28))
            guard start + compressed <= bytes.count else { throw Refusal.malformed }
            let keep = name == "mimetype"
            let produced: Int
            var content: [UInt8]? = nil
            switch method {
            case 0:
                guard compressed == uncompressed else { throw Refusal.malformed }
                produced = compressed
                if keep { content = Array(bytes[start..<(start + compressed)]) }
            case 8:
                (produced, content) = try inflate(bytes, start..<(start + compressed), cap: uncompressed, keep: keep)
            default:
                throw Refusal.malformed
            }
            // The declared size is what a reader trusts; an entry that inflates to more lies.
            guard produced == uncompressed else { throw Refusal.malformed }
            entries.append(Entry(name: name, content: content))
        }
        return entries
    }

    /// Raw DEFLATE of `range`, stopping as soon as the output passes `cap` bytes.
    static func inflate(_ bytes: [UInt8], _ range: Range<Int>, cap: Int, keep: Bool) throws -> (Int, [UInt8]?) {
        var stream = z_stream()
        guard inflateInit2_(&stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else { throw Refusal.malformed }
        defer { inflateEnd(&stream) }
        var produced = 0
        var kept: [UInt8] = []
        var output = [UInt8](repeating: 0, count: 64 * 1024)
        return try bytes.withUnsafeBufferPointer { input in
            stream.next_in = UnsafeMutablePointer(mutating: input.baseAddress! + range.lowerBound)
            stream.avail_in = UInt32(range.count)
            while true {
                let status: Int32 = output.withUnsafeMutableBufferPointer { buffer in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = UInt32(buffer.count)
                    return CZlib.inflate(&stream, Z_NO_FLUSH)
                }
                let count = output.count - Int(stream.avail_out)
                produced += count
                if keep { kept += output[0..<count] }
                if produced > cap { throw Refusal.malformed }
                if status == Z_STREAM_END { return (produced, keep ? kept : nil) }
                guard status == Z_OK, count > 0 || stream.avail_in > 0 else { throw Refusal.malformed }
            }
        }
    }

    static func u16(_ bytes: [UInt8], _ at: Int) -> UInt16 {
        UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8
    }

    static func u32(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }
}
