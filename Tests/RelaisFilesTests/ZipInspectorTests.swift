import Foundation
import RelaisCore
import Testing
@testable import RelaisFiles

/// ZIP containers written by Python's zipfile (the same layout office suites write).
@Suite struct ZipInspectorTests {
    static func zip(_ entries: [(String, String)], stored: Bool = false) throws -> [UInt8] {
        let script = """
            import sys, zipfile, io, json
            entries = json.loads(sys.argv[1])
            buffer = io.BytesIO()
            with zipfile.ZipFile(buffer, 'w', zipfile.ZIP_STORED if sys.argv[2] == '1' else zipfile.ZIP_DEFLATED) as z:
                for name, text in entries:
                    if text.startswith('repeat:'):
                        count = int(text.split(':')[1])
                        z.writestr(name, b'0' * count)
                    else:
                        z.writestr(name, text, compress_type=zipfile.ZIP_STORED if name == 'mimetype' else None)
            sys.stdout.buffer.write(buffer.getvalue())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let json = String(decoding: try JSONSerialization.data(withJSONObject: entries.map { [$0.0, $0.1] }), as: UTF8.self)
        process.arguments = ["python3", "-c", script, json, stored ? "1" : "0"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return [UInt8](data)
    }

    @Test func officeDocumentsAreRecognised() throws {
        let word = try Self.zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
        #expect(ZipInspector.inspect(word) == .success(.docx))
        let excel = try Self.zip([("[Content_Types].xml", "<Types/>"), ("xl/workbook.xml", "<workbook/>")])
        #expect(ZipInspector.inspect(excel) == .success(.xlsx))
        let text = try Self.zip([("mimetype", "application/vnd.oasis.opendocument.text"), ("content.xml", "<office:document/>")])
        #expect(ZipInspector.inspect(text) == .success(.odt))
        let sheet = try Self.zip([("mimetype", "application/vnd.oasis.opendocument.spreadsheet"), ("content.xml", "<x/>")])
        #expect(ZipInspector.inspect(sheet) == .success(.ods))
        #expect(DocumentKind.sniff(prefix: Array(word.prefix(4096))) == .zipContainer)
    }

    @Test func whatIsNotAnAcceptedOfficeDocumentIsRefused() throws {
        #expect(ZipInspector.inspect(try Self.zip([("photo.jpg", "abc")])) == .failure(.notAnOfficeDocument))
        let macros = try Self.zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<d/>"), ("word/vbaProject.bin", "x")])
        #expect(ZipInspector.inspect(macros) == .failure(.macros))
        let slides = try Self.zip([("mimetype", "application/vnd.oasis.opendocument.presentation")])
        #expect(ZipInspector.inspect(slides) == .failure(.notAnOfficeDocument))
        let word = try Self.zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")])
        #expect(ZipInspector.inspect(Array(word.dropLast(30))) == .failure(.malformed))
        #expect(ZipInspector.inspect(Array("PK\u{3}\u{4} nothing else".utf8)) == .failure(.malformed))
    }

    @Test func aZipBombIsRefused() throws {
        // 300 MB of zeros deflate to about 300 KB.
        let bomb = try Self.zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "repeat:300000000")])
        #expect(bomb.count < 1_000_000)
        #expect(ZipInspector.inspect(bomb) == .failure(.bomb))
        // Below the total, but a thousand times its size.
        let ratio = try Self.zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "repeat:60000000")])
        #expect(ZipInspector.inspect(ratio) == .failure(.bomb))
    }

    @Test func anEntryThatInflatesBeyondItsDeclaredSizeIsRefused() throws {
        var word = try Self.zip([("[Content_Types].xml", "<Types/>"), ("word/document.xml", "repeat:5000")])
        // Lower the declared uncompressed size of the second entry in the central directory.
        let directory = word.count - 22 - Int(ZipInspector.u16(word, word.count - 2))
        let offset = Int(ZipInspector.u32(word, directory + 16))
        var cursor = offset
        cursor += 46 + Int(ZipInspector.u16(word, cursor + 28)) + Int(ZipInspector.u16(word, cursor + 30)) + Int(ZipInspector.u16(word, cursor + 32))
        word[cursor + 24] = 10
        word[cursor + 25] = 0
        word[cursor + 26] = 0
        word[cursor + 27] = 0
        #expect(ZipInspector.inspect(word) == .failure(.malformed))
    }
}
